package cniadvisor.authoring;

import cniadvisor.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rules test --watch}: a change to a scenario, a rule or a fact runs the scenarios again. */
class RulesWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** The CLI on a thread of its own, its output readable while it runs. */
    private static final class Watch {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final Thread thread;

        Watch(String... args) {
            thread = new Thread(() -> exitCode.set(Main.run(InputStream.nullInputStream(), new PrintWriter(out),
                    new PrintWriter(err), args)), "watch-test");
            thread.start();
        }

        void awaitOutput(BooleanSupplier condition) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!condition.getAsBoolean()) {
                assertTrue(Instant.now().isBefore(deadline), () -> "timed out; out:\n" + out + "\nerr:\n" + err);
                assertTrue(thread.isAlive(), () -> "watch ended early; out:\n" + out + "\nerr:\n" + err);
                Thread.sleep(50);
            }
        }

        long tallies() {
            return out.toString().lines().filter(l -> l.matches("\\d+ passed, \\d+ failed")).count();
        }

        void awaitEnd() throws InterruptedException {
            thread.join(PATIENCE.toMillis());
            assertFalse(thread.isAlive(), () -> "watch did not stop; out:\n" + out + "\nerr:\n" + err);
        }
    }

    private Path copy(Path from, String name) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void aScenarioEditRunsTheScenariosAgain() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Path file = scenarios.resolve("one.yaml");
        Files.writeString(file, """
                asOf: 2026-11-21
                scenarios:
                  - name: small cluster
                    request: {nodeCount: 10}
                    expect: {recommended: azure-cni-overlay}
                """);
        Watch watch = new Watch("rules", "test", scenarios.toString(), "--watch", "--watch-runs", "2");
        watch.awaitOutput(() -> watch.err.toString().contains("for changes (Ctrl-C to stop)"));
        Files.writeString(file, Files.readString(file).replace("azure-cni-overlay", "kubenet"));
        watch.awaitEnd();

        assertEquals(5, watch.exitCode.get(), watch.out::toString);
        List<String> tallies = watch.out.toString().lines().filter(l -> l.contains(" passed, ")).toList();
        assertEquals(List.of("1 passed, 0 failed", "0 passed, 1 failed"), tallies);
        assertTrue(watch.err.toString().contains("changed: " + file + "; running again"), watch.err::toString);
    }

    @Test
    void aBrokenRuleIsReportedAndTheWatchGoesOnUntilItIsFixed() throws Exception {
        Path rules = copy(Path.of("rules"), "rules");
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.copy(Path.of("examples/scenarios/scale.yaml"), scenarios.resolve("scale.yaml"));
        Path scale = rules.resolve("scale.drl");
        String good = Files.readString(scale);

        Watch watch = new Watch("rules", "test", "--rules", rules.toString(), scenarios.toString(), "--watch",
                "--watch-runs", "3");
        watch.awaitOutput(() -> watch.tallies() == 1);
        Files.writeString(scale, good.replace("$p : NodePool( os == \"windows\", maxPodsPerNode != null",
                "$p : NodePool( osName == \"windows\", maxPodsPerNode != null"));
        watch.awaitOutput(() -> watch.err.toString().contains("unknown field 'osName'"));
        Files.writeString(scale, good);
        watch.awaitEnd();

        assertEquals(0, watch.exitCode.get(), watch.err::toString);
        assertEquals(2, watch.tallies(), watch.out::toString);
        int line = Files.readAllLines(scale).indexOf(
                "    $p : NodePool( os == \"windows\", maxPodsPerNode != null, $pods : maxPodsPerNode )") + 1;
        assertTrue(line > 0, "the Windows max pods rule moved; update this test");
        assertTrue(watch.err.toString().contains("error: rules failed to load:\n  " + scale + ":" + line
                + ":20: unknown field 'osName' on NodePool"), watch.err::toString);
    }
}
