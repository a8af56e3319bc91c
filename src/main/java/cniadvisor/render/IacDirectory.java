package cniadvisor.render;

import cniadvisor.deploy.AzSteps;
import cniadvisor.io.AtomicFileWriter;
import cniadvisor.model.Advice;
import cniadvisor.model.Deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code batch --iac-dir}: one az script, one Terraform file and one Bicep file per recommended request, with the
 * ranges the batch allocated. File names are the request's name made safe (letters, digits, '-' and '_'); a name
 * that is empty when made safe, or that another request's already took (compared without case, as macOS and
 * Windows do), gets the request's position in the batch instead or as well. Not thread-safe: call in input order.
 */
public final class IacDirectory {

    private final Path dir;
    private final Set<String> taken = new HashSet<>();
    private int written;

    /** Creates the folder (and its parents) when missing. */
    public IacDirectory(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        Files.createDirectories(dir);
        this.dir = dir;
    }

    /**
     * Writes the request's files.
     *
     * @param ordinal its position in the batch, from 1
     * @param origin  where it came from, e.g. "teams.csv:4", for the files' first comment
     * @return the base name its files got
     */
    public String write(int ordinal, String origin, Advice advice) throws IOException {
        String base = baseName(ordinal, advice.name());
        String header = "cni-advisor: " + Escape.oneLine(advice.name()) + " (" + Escape.oneLine(origin) + ")";
        Deployment deployment = advice.recommendation().deployment();
        write(base + ".sh", "#!/usr/bin/env bash\n# " + header + "\nset -euo pipefail\n" + guards(deployment)
                + AzCliCommand.script(deployment));
        write(base + ".tf", "# " + header + "\n" + TerraformSnippet.render(advice));
        write(base + ".bicep", "// " + header + "\n" + BicepSnippet.render(advice));
        written++;
        return base;
    }

    public int written() {
        return written;
    }

    private String baseName(int ordinal, String name) {
        String word = AzSteps.clusterWord(name);
        String base = word.equals(AzSteps.NO_NAME) ? "request-" + ordinal : word;
        String file = base;
        for (int n = 1; !taken.add(file.toLowerCase(Locale.ROOT)); n++) {
            // another request's name may be this one with its position already: count on until one is free
            file = base + "-" + ordinal + (n == 1 ? "" : "-" + n);
        }
        return file;
    }

    /** A line that stops the script unless each variable the steps read (and no step sets) is set. */
    private static String guards(Deployment deployment) {
        StringBuilder s = new StringBuilder();
        AdviceWriter.variablesToSet(AzCliCommand.script(deployment)).forEach(v -> s.append(": \"${").append(v)
                .append(":?set ").append(v).append(" first}\"\n"));
        return s.toString();
    }

    /** Each file appears whole or not at all, as --output-file's report does. */
    private void write(String name, String text) throws IOException {
        try (AtomicFileWriter file = AtomicFileWriter.open(dir.resolve(name))) {
            file.writer().write(text);
            file.commit();
        }
    }
}
