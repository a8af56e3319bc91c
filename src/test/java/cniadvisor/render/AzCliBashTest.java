package cniadvisor.render;

import cniadvisor.cli.Terminals;
import cniadvisor.deploy.AzSteps;

import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The az block of every bundled example, and of the deploy fixtures (several pools, every subnet kind), is bash:
 * {@code bash -n} accepts it with the shell variables set, and with {@code az} stubbed to print its arguments it
 * runs, creating the subnets before the cluster and the cluster before its further pools. The block as the text
 * report prints it, at any width, pastes into bash as the same commands.
 */
class AzCliBashTest {

    static Stream<Path> requests() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Fixtures.EXAMPLES.resolve("requests"))) {
            examples.sorted().forEach(all::add);
        }
        try (Stream<Path> fixtures = Files.list(Path.of("src/test/resources/deploy"))) {
            fixtures.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theAzBlockIsBash(Path file) throws Exception {
        NamedRequest request = RequestReader.read(file, new ByteArrayInputStream(new byte[0]), Fixtures.binder());
        Advice advice = Fixtures.advisor().advise(request, Fixtures.AS_OF);
        Assumptions.assumeTrue(advice.hasRecommendation(), "no recommendation: nothing to deploy");
        String script = AzCliCommand.script(advice.recommendation().deployment());

        StringBuilder prelude = new StringBuilder("set -eu\nRESOURCE_GROUP=rg\nVNET_NAME=vnet\nCLUSTER_NAME=c\n");
        // a subnet whose prefix neither the request nor the plan gives reads it from a variable
        advice.recommendation().deployment().subnets().stream().filter(sub -> sub.cidr() == null)
                .forEach(sub -> prelude.append(AzSteps.prefixVariable(sub)).append("=10.255.0.0/28\n"));
        assertEquals("", bash(List.of("-n"), prelude + script), script);

        // with az printing its arguments one a line, the block runs: what each command got, in order
        String stub = "az() { printf '%s\\n' \"$*\" >&2; echo \"/subscriptions/x/subnets/$5\"; }\n";
        String trace = bash(List.of(), prelude + stub + script);
        List<String> commands = trace.lines().map(l -> l.split(" --")[0]).toList();
        int create = commands.indexOf("aks create");
        assertTrue(create >= 0, trace);
        assertTrue(commands.subList(0, create).stream().allMatch(c -> c.equals("network vnet subnet create")),
                trace);
        assertTrue(commands.subList(create + 1, commands.size()).stream()
                .allMatch(c -> c.equals("aks nodepool add") || c.equals("aks nodepool update")), trace);
        assertTrue(trace.contains(" --resource-group rg "), trace);
        assertEquals(false, trace.contains("$"), "every variable was set: " + trace);
    }

    static Stream<Arguments> examplesAtWidths() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Fixtures.EXAMPLES.resolve("requests"))) {
            for (Path example : examples.sorted().toList()) {
                for (int width : List.of(0, 40, 80)) {
                    all.add(Arguments.of(example, width));
                }
            }
        }
        return all.stream();
    }

    /**
     * What a reader pastes: the command block of the real {@code advise} text report (not wrapped, and wrapped at 40
     * and 80 columns), from its "# Set these first:" line to the blank line after it. That line names every variable
     * the block reads and does not set: with those set (and {@code set -u}) bash accepts and runs it, and with az
     * stubbed the block runs exactly the commands of the az steps, however the lines were wrapped.
     */
    @ParameterizedTest(name = "{0} at {1} columns")
    @MethodSource("examplesAtWidths")
    void theTextReportsCommandBlockPastesIntoBash(Path file, int width) throws Exception {
        NamedRequest request = RequestReader.read(file, new ByteArrayInputStream(new byte[0]), Fixtures.binder());
        Advice advice = Fixtures.advisor().advise(request, Fixtures.AS_OF);
        Assumptions.assumeTrue(advice.hasRecommendation(), "no recommendation: nothing to deploy");
        CliRun run;
        try (Terminals.Pretend pretend = Terminals.pretend(width == 0 ? Map.of()
                : Map.of("COLUMNS", Integer.toString(width)), false, 0)) {
            run = CliRun.run("advise", "-f", file.toString(), "--as-of", Fixtures.AS_OF.toString());
        }
        List<String> lines = run.out().lines().toList();
        int heading = lines.indexOf("Create it (paste into bash)");
        assertTrue(heading >= 0, run::toString);
        int end = lines.subList(heading, lines.size()).indexOf("") + heading;
        List<String> block = lines.subList(heading + 1, end);
        assertTrue(block.stream().allMatch(l -> l.startsWith("  ")), "indented: " + block);
        String script = block.stream().map(l -> l.substring(2)).collect(Collectors.joining("\n", "", "\n"));

        // one commented line lists the variables (at 40 columns it may go on over "#   " lines)
        assertTrue(script.startsWith("# Set these first: "), script);
        StringBuilder variables = new StringBuilder(block.get(0).substring("  # Set these first: ".length()));
        for (int i = 1; i < block.size() && block.get(i).startsWith("  #   "); i++) {
            variables.append(' ').append(block.get(i).substring("  #   ".length()));
        }
        StringBuilder prelude = new StringBuilder("set -eu\n");
        for (String variable : variables.toString().trim().split(" ")) {
            assertTrue(variable.matches("[A-Z][A-Z0-9_]*"), variables::toString);
            prelude.append(variable).append(variable.endsWith("_PREFIX") ? "=10.255.0.0/28\n" : "=x\n");
        }
        assertEquals("", bash(List.of("-n"), prelude + script), script);

        String stub = "az() { printf '%s\\n' \"$*\" >&2; echo \"/subscriptions/x/subnets/$5\"; }\n";
        String steps = AzCliCommand.script(advice.recommendation().deployment());
        assertEquals(bash(List.of(), prelude + stub + steps), bash(List.of(), prelude + stub + script),
                "the same commands as the az steps");
        if (width > 0) {
            assertTrue(block.stream().allMatch(l -> l.length() <= width || !l.strip().replaceAll(" \\\\$", "")
                    .contains(" ")), script);
        }
    }

    /** Runs bash with the script on stdin; returns stderr (bash -n: its complaints), failing on a non-zero exit. */
    static String bash(List<String> options, String script) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(options);
        command.add("-s");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), err + "\n" + script);
        return err;
    }
}
