package cniadvisor.render;

import cniadvisor.deploy.AzSteps;

import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The az block of every bundled example, and of the deploy fixtures (several pools, every subnet kind), is bash:
 * {@code bash -n} accepts it with the shell variables set, and with {@code az} stubbed to print its arguments it
 * runs, creating the subnets before the cluster and the cluster before its further pools.
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
