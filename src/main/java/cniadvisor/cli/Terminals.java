package cniadvisor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;

/** Whether the command's standard input is a person at a terminal. */
final class Terminals {

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
}
