package cniadvisor.authoring;

import java.nio.file.Path;

/**
 * Paths as reports show them: relative to the working directory when inside it, so a report (or a generated doc)
 * reads "rules/eligibility.drl" whether the rules were named as 'bundled', by a relative or an absolute path.
 */
public final class DisplayPath {

    private DisplayPath() {
    }

    public static String of(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return (path.startsWith(cwd) ? cwd.relativize(path) : path).toString().replace('\\', '/');
    }

    /** A "file:line[:column]: message" line with its file shown as {@link #of} shows it. */
    public static String inProblem(String problem) {
        String cwd = Path.of("").toAbsolutePath() + java.io.File.separator;
        return problem.startsWith(cwd) ? problem.substring(cwd.length()) : problem;
    }
}
