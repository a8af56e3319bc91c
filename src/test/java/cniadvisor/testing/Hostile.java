package cniadvisor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What every run on hostile input must show, whatever the input: a known exit code and no trace of Java. */
public final class Hostile {

    /** The crafted inputs of the bad-input suite. */
    public static final Path INPUTS = Path.of("src/test/resources/hostile/inputs");

    /** Exit codes that mean "the tool answered": a recommendation, bad input, no fit, failing findings. */
    public static final Set<Integer> ANSWERED = Set.of(0, 2, 4, 6);

    private Hostile() {
    }

    /** No stack trace, no exception class names, no "internal error": nothing a user cannot act on. */
    public static void assertNoTrace(CliRun run) {
        for (String line : run.err().split("\n")) {
            assertFalse(line.startsWith("\tat ") || line.matches("\\s+at [a-z]+\\..*"), () -> "stack trace: " + run);
            assertFalse(line.contains("Exception") || line.contains("java.lang.") || line.contains("Error:")
                    && !line.startsWith("error:"), () -> "a Java class name: " + run);
            assertFalse(line.startsWith("internal error"), () -> "internal error: " + run);
        }
    }

    /** Exit 2 (input error), nothing on stdout, every line of stderr an error naming {@code file}, and no trace. */
    public static void assertInputError(CliRun run, String file) {
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out(), () -> "nothing on stdout: " + run);
        assertNoTrace(run);
        List<String> lines = run.err().lines().toList();
        assertFalse(lines.isEmpty(), run::toString);
        assertTrue(lines.get(0).startsWith("error: " + file), () -> "names " + file + ": " + run);
    }

    /** A stream that never ends: the same bytes over and over (zeros, say, like /dev/zero). */
    public static InputStream endless(byte... pattern) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return pattern[(int) (position++ % pattern.length)] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = pattern[(int) (position++ % pattern.length)];
                }
                return length;
            }
        };
    }
}
