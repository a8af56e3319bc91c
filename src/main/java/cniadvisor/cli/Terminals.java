package cniadvisor.cli;

import cniadvisor.render.TextLayout;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether the command's standard input is a person at a terminal, and how a text report meets standard output: the
 * width it wraps at and whether it is coloured.
 */
public final class Terminals {

    /** The width a terminal is taken to have when it cannot say (no stty, or a size of 0). */
    static final int DEFAULT_COLUMNS = 80;

    private Terminals() {
    }

    /**
     * True when {@code in} is the process's standard input and that is a terminal. On Java 17 {@link System#console()}
     * is non-null only when standard output is a terminal too, so {@code cni-advisor ask > report.txt} needs the
     * second check: {@code test -t 0} run with our standard input.
     */
    static boolean isTerminal(InputStream in) {
        if (in != System.in) {
            return false; // tests and embedding callers hand in their own streams
        }
        if (System.console() != null) {
            return true;
        }
        try {
            Process test = new ProcessBuilder("sh", "-c", "test -t 0")
                    .redirectInput(Redirect.INHERIT)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
            return test.waitFor() == 0;
        } catch (IOException e) {
            return false; // no sh (Windows without a Unix shell): only the console check applies
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- standard output ----

    /**
     * The layout of a text report on standard output. Width: {@code COLUMNS} when it holds a positive number (as ls
     * and Python read it: whoever exports it means it, and a test can set it), else the terminal's ({@code stty
     * size}; 80 when it cannot say), else 0: not wrapped, as in a pipe or a file. Colour only when standard output is
     * a terminal, {@code NO_COLOR} is not set (to any value), {@code TERM} is not {@code dumb} and {@code noColor}
     * (--no-color) is false.
     */
    static TextLayout textLayout(boolean noColor) {
        String device = stdoutTerminal();
        boolean colour = device != null && !noColor && env("NO_COLOR") == null && !"dumb".equals(env("TERM"));
        Integer columns = columnsVariable();
        if (columns == null && device != null) {
            Pretend pretend = PRETEND.get();
            columns = pretend != null ? pretend.columns() : terminalColumns(device);
        }
        return new TextLayout(columns == null ? 0 : columns, colour);
    }

    /**
     * Starts asking the terminal its width, when a text report will need it, so that {@code stty} runs while the
     * rules load rather than after: an advise run takes no longer for it.
     */
    static void prefetchColumns() {
        if (PRETEND.get() == null && columnsVariable() == null) {
            String device = stdoutTerminal();
            if (device != null) {
                prefetched = CompletableFuture.supplyAsync(() -> stty(device));
            }
        }
    }

    private static volatile CompletableFuture<Integer> prefetched;

    private static int terminalColumns(String device) {
        CompletableFuture<Integer> asked = prefetched;
        prefetched = null;
        int columns = asked != null ? asked.join() : stty(device);
        return columns > 0 ? columns : DEFAULT_COLUMNS;
    }

    /** {@code stty size} on the terminal device: its columns, or 0 when it cannot say. No shell is started. */
    private static int stty(String device) {
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(Redirect.from(new File(device)))
                    .redirectError(Redirect.DISCARD)
                    .start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroy();
                return 0;
            }
            String[] rowsColumns = size.split("\\s+");
            return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // no stty (Windows): the default width
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** COLUMNS as a positive number of columns (at most 10,000), or null when unset or not such a number. */
    private static Integer columnsVariable() {
        String value = env("COLUMNS");
        if (value == null || !value.trim().matches("[0-9]{1,5}")) {
            return null;
        }
        int columns = Integer.parseInt(value.trim());
        return columns > 0 && columns <= 10_000 ? columns : null;
    }

    /**
     * The terminal device standard output writes to, or null when it is a pipe, a file or /dev/null. On Linux,
     * where /proc/self/fd/1 names it, that costs one readlink; elsewhere {@link System#console()} says (standard
     * input and output both terminals).
     */
    private static String stdoutTerminal() {
        Pretend pretend = PRETEND.get();
        if (pretend != null) {
            return pretend.terminal() ? "/dev/tty" : null;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console")
                    ? target : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null ? "/dev/tty" : null;
        }
    }

    private static String env(String name) {
        Pretend pretend = PRETEND.get();
        return pretend != null ? pretend.env().get(name) : System.getenv(name);
    }

    // ---- for tests ----

    /**
     * What a test has this thread see instead of the process's environment and standard output: the environment
     * variables, whether standard output is a terminal, and that terminal's width.
     */
    public record Pretend(Map<String, String> env, boolean terminal, int columns) implements AutoCloseable {
        @Override
        public void close() {
            PRETEND.remove();
        }
    }

    private static final ThreadLocal<Pretend> PRETEND = new ThreadLocal<>();

    /** Pretends, on this thread, until the returned value is closed. */
    public static Pretend pretend(Map<String, String> env, boolean terminal, int columns) {
        Pretend pretend = new Pretend(Map.copyOf(env), terminal, columns);
        PRETEND.set(pretend);
        return pretend;
    }
}
