package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * While the questionnaire runs, makes Ctrl-C (or a TERM signal) stop it the way end of input does: a message,
 * exit code 2, and no answers file half-written. The last step (the save) runs under the same lock as the
 * shutdown hook, so an interrupt either comes before it (nothing written) or waits for it to finish.
 */
final class InterruptGuard implements AutoCloseable {

    /** A step that may fail with an I/O error. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    private final PrintWriter err;
    private final String message;
    private final Thread hook;
    private boolean finished;

    private InterruptGuard(PrintWriter err, String message) {
        this.err = err;
        this.message = message;
        this.hook = new Thread(this::onShutdown, "cni-advisor-interrupt");
    }

    /** Watches for a shutdown until {@link #finish} or {@link #close}; {@code message} is what to say then. */
    static InterruptGuard install(PrintWriter err, String message) {
        InterruptGuard guard = new InterruptGuard(err, message);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** Runs the last step; from then on a shutdown is no longer an interrupted questionnaire. */
    synchronized void finish(Step last) throws IOException {
        last.run();
        finished = true;
    }

    private synchronized void onShutdown() {
        if (finished) {
            return;
        }
        err.println();
        err.println(message);
        err.flush();
        // the JVM would exit 130 after a SIGINT; the questionnaire promises exit code 2 for every early stop
        Runtime.getRuntime().halt(ExitCode.USAGE_ERROR.code());
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; it decides how the process ends
        }
    }
}
