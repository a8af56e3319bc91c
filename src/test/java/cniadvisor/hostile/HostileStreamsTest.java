package cniadvisor.hostile;

import static cniadvisor.testing.Hostile.assertNoTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;
import cniadvisor.testing.Hostile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The questionnaire (ask, and advise without -f) fed what a person would not type: nothing, a closed standard
 * input, random bytes, an endless line, the same answer for ever. Each ends with exit 2, nothing on stdout, nothing
 * saved, and a message naming stdin, the line and the question or limit; only an accepted summary gives advice.
 */
class HostileStreamsTest {

    /** The answers of README's example, one per line; the last, empty, accepts the summary. */
    private static final String ANSWERS = String.join("\n", "payments", "60", "", "50", "n", "n", "any", "n",
            "intra-cluster", "n", "n", "n", "new", "n", "") + "\n";

    @TempDir
    Path dir;

    private CliRun ask(InputStream stdin) {
        Path save = dir.resolve("saved.yaml");
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CliRun.run(stdin, "ask", "--save", save.toString(), "-o", "json"));
        assertNoTrace(run);
        if (run.exitCode() == 2) {
            assertEquals("", run.out(), run::toString);
            assertTrue(Files.notExists(save), "nothing saved: " + run);
        }
        return run;
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String lastLine(CliRun run) {
        List<String> lines = run.err().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void theExampleAnswersGiveAdvice() {
        CliRun run = ask(text(ANSWERS));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"name\" : \"payments\""), run::toString);
    }

    @Test
    void theEndOfInputBeforeTheSummaryIsAcceptedIsExitTwo() {
        // every prefix of the example, the last line (the acceptance) left out
        String[] lines = ANSWERS.split("\n", -1);
        for (int n = 0; n < lines.length - 2; n++) {
            String prefix = String.join("\n", java.util.Arrays.copyOf(lines, n)) + (n > 0 ? "\n" : "");
            CliRun run = ask(text(prefix));
            assertEquals(2, run.exitCode(), () -> "after " + prefix.lines().count() + " answers: " + run);
        }
    }

    @Test
    void randomBytesAreUnusableAnswersAndEndWithExitTwo() {
        Random random = new Random(20_261_201L);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[1 + random.nextInt(i < 10 ? 200 : 200_000)];
            random.nextBytes(bytes);
            CliRun run = ask(new ByteArrayInputStream(bytes));
            assertEquals(2, run.exitCode(), () -> "random bytes, case " + bytes.length + ": " + run);
            assertTrue(lastLine(run).startsWith("error: "), run::toString);
        }
    }

    @Test
    void endlessRandomBytesStopAtTheRetryLimit() {
        Random random = new Random(7);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return random.nextInt(256);
            }
        };
        CliRun run = ask(endless);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(lastLine(run).matches("error: stdin:\\d+: \\w+: 5 unusable answers in a row \\(the last: .*\\); "
                + "standard input is not a terminal, so the questions stop here; nothing was saved"), run::toString);
    }

    @Test
    void anEndlessLineStopsTheQuestions() {
        CliRun zeros = ask(Hostile.endless((byte) 0));
        assertEquals(2, zeros.exitCode(), zeros::toString);
        assertTrue(lastLine(zeros).startsWith("error: stdin:1: a line longer than 1,052,672 characters"),
                zeros::toString);
        CliRun letters = ask(Hostile.endless((byte) 'a'));
        assertEquals(2, letters.exitCode(), letters::toString);
    }

    @Test
    void theSameWrongAnswerForEverStopsAtTheRetryLimit() {
        for (String answer : List.of("", "?", "y", "1", "-1", "x".repeat(5000), "\u001b[2J")) {
            CliRun run = ask(Hostile.endless((answer + "\n").getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(lastLine(run).contains(": 5 unusable answers in a row"), run::toString);
        }
    }

    @Test
    void changingAnAnswerForEverStopsAtTheLineLimit() {
        // every question answered, then "1" (change the first answer) and "x" (its new value) for ever
        String answers = ANSWERS.substring(0, ANSWERS.length() - 1); // without the acceptance
        InputStream loop = new SequenceInputStream(text(answers), Hostile.endless("1\nx\n".getBytes(
                StandardCharsets.UTF_8)));
        CliRun run = ask(loop);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(lastLine(run).matches("error: stdin:1000: more than 1,000 lines of answers without an accepted "
                + "summary .*; nothing was saved"), run::toString);
    }

    @Test
    void adviseWithoutAFileAsksOnlyOnATerminal() {
        CliRun run = CliRun.run(Hostile.endless((byte) 0), "advise");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: no request file"), run::toString);
    }

    /**
     * A closed standard input (sh: {@code <&-}) in a real process: the JVM hands descriptor 0 to a file of its
     * own, which must not be read as answers (it was, and every question got an answer: exit 0).
     */
    @Test
    void aClosedStandardInputIsNoAnswers() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (List<String> command : List.of(List.of("ask", "-o", "json"), List.of("advise", "-f", "-"))) {
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", "-c",
                            "exec \"$0\" -XX:TieredStopAtLevel=1 -cp \"$CLASSPATH_FOR_TEST\" cniadvisor.cli.Main "
                                    + "\"$@\" <&-", java), command.stream()).toList())
                    .redirectErrorStream(false);
            builder.environment().put("CLASSPATH_FOR_TEST", System.getProperty("java.class.path"));
            Process process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ended");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, process.exitValue(), command + "\n" + out + "\n" + err);
            assertEquals("", out);
            assertTrue(err.contains(command.get(0).equals("ask") ? "standard input is not a terminal, and it is "
                    + "empty (or closed)" : "error: stdin: the request is empty"), err);
        }
    }
}
