package cniadvisor.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import cniadvisor.testing.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --output-file} killed with SIGKILL in the middle of a long run, in a real JVM: the old report stays
 * whole, nothing is left in the temporary folder (the spool of Markdown and JUnit included), and the temporary
 * file left beside the report is removed by the next run into that folder.
 */
class KilledRunTest {

    private static final String OLD_REPORT = "the report of yesterday's run\n";

    @TempDir
    Path dir;

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV batch long enough to be killed halfway: every request different, so none is answered from memory. */
    private static Path bigInput(Path dir) throws IOException {
        Path input = dir.resolve("input").resolve("big.csv");
        Files.createDirectories(input.getParent());
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            out.write("name,nodeCount,maxPodsPerNode\n");
            for (int i = 0; i < 400_000; i++) {
                out.write("=team" + i + "," + (1 + i % 400) + "," + (30 + i % 200) + "\n");
            }
        }
        return input;
    }

    /** The CLI in its own JVM, on the test class path, with its own temporary folder. */
    private static Process start(Path tmp, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Xshare:auto", "-Djava.io.tmpdir=" + tmp, "-cp", classPath,
                "cniadvisor.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CNI_ADVISOR_HOME", Path.of("").toAbsolutePath().toString());
        return builder.start();
    }

    private static void await(Process process, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail("the run ended (exit " + process.exitValue() + ") before " + what);
            }
            if (System.nanoTime() > deadline) {
                fail("waited 90 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Our temporary file beside the report, when the run has made it. */
    private static Optional<Path> tempBeside(Path report, long pid) {
        String prefix = "." + report.getFileName() + ".cni-advisor-" + pid + "-";
        return names(report.getParent()).stream().filter(n -> n.startsWith(prefix) && n.endsWith(".tmp"))
                .map(report::resolveSibling).findFirst();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Bytes in the (nameless) spool the process holds open, from /proc; -1 where /proc cannot say. */
    private static long spooled(long pid) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().contains("cni-advisor-spool-")) {
                        return Files.size(fd);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
            return 0;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs the batch, kills it once {@code midWrite} holds, and checks what it left. Returns its temp file. */
    private Path killMidWrite(Path input, Path report, String format, Path tmp) throws Exception {
        Process process = start(tmp, "batch", input.toString(), "-o", format, "--output-file", report.toString(),
                "--no-progress", "--as-of", "2026-11-21", "--threads", "2");
        try {
            long pid = process.pid();
            await(process, "the temporary report beside " + report.getFileName(),
                    () -> tempBeside(report, pid).isPresent());
            Path temp = tempBeside(report, pid).orElseThrow();
            if (format.equals("csv")) {
                await(process, "rows in the temporary report", () -> size(temp) > 64 * 1024);
            } else if (Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
                await(process, "requests in the spool", () -> spooled(pid) > 64 * 1024);
            } else {
                Thread.sleep(3000);
            }
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, process.exitValue(), "killed by SIGKILL");

            assertEquals(OLD_REPORT, Files.readString(report), "the old report is whole");
            assertTrue(Files.exists(temp), "a killed run cannot remove its temporary file: " + names(dir));
            assertEquals(List.of(), names(tmp), "nothing is left in the temporary folder");
            return temp;
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledRunLeavesTheOldReportAndTheNextRunCleansUp() throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "SIGKILL and /proc are Unix");
        Path input = bigInput(dir);
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path csv = Files.writeString(reports.resolve("report.csv"), OLD_REPORT);
        Path markdown = Files.writeString(reports.resolve("report.md"), OLD_REPORT);

        Path csvTemp = killMidWrite(input, csv, "csv", tmp);
        assertEquals(List.of(csvTemp.getFileName().toString(), "report.csv", "report.md"), names(reports));
        // the second run, writing another report into the folder, removed what the first left
        Path markdownTemp = killMidWrite(input, markdown, "markdown", tmp);
        assertEquals(List.of(markdownTemp.getFileName().toString(), "report.csv", "report.md"), names(reports));

        // and the next run removes what the second left, and writes its report
        CliRun next = CliRun.run("batch", "examples/batch/teams.jsonl", "--output-file", csv.toString(),
                "--as-of", "2026-11-21", "--no-progress");
        assertEquals(2, next.exitCode(), next.toString()); // teams.jsonl has an invalid request on purpose
        assertEquals(List.of("report.csv", "report.md"), names(reports));
        assertTrue(Files.readString(csv).startsWith("input,line,name,status,"));
        assertEquals(OLD_REPORT, Files.readString(markdown));
    }
}
