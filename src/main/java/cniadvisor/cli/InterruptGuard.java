package cniadvisor.cli;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * While the questionnaire runs, makes Ctrl-C (or a TERM signal) stop it cleanly: a one-line message, the terminal
 * given back as it was (the line editor's raw mode undone), exit code 130 (128 + SIGINT, what shells report for a
 * command Ctrl-C stopped), and no answers file half-written. The last step (the save) runs under the same lock as
 * the shutdown hook, so an interrupt either comes before it (nothing written) or waits for it to finish.
 */
final class InterruptGuard implements AutoCloseable {

    /** The exit code of a questionnaire stopped by Ctrl-C. */
    static final int EXIT_CODE = 130;

    /** A step that may fail with an I/O error. */
    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    private final PrintWriter err;
    private final String message;
    private final Thread hook;
    private Runnable restore = () -> { };
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

    /** What gives the terminal back on an interrupt (the line editor's close); run before the process ends. */
    synchronized void restoring(Runnable action) {
        restore = action;
    }

    /** Runs the last step; from then on a shutdown is no longer an interrupted questionnaire. */
    synchronized void finish(Step last) throws IOException {
        last.run();
        finished = true;
    }

    /**
     * Waits while an interrupt is being handled (it ends the process): called before reporting a failure that the
     * interrupt itself may have caused (the terminal closed under the line editor), so that only its message shows.
     */
    synchronized void settle() {
        // the lock is all: the shutdown hook holds it until it halts the process
    }

    private synchronized void onShutdown() {
        if (finished) {
            return;
        }
        err.println();
        err.println(message);
        err.flush();
        try {
            restore.run();
        } catch (RuntimeException e) {
            // the terminal could not be given back: the exit still must happen
        }
        // halt: no other hook may run the questionnaire's last steps, and the code is the same for TERM
        Runtime.getRuntime().halt(EXIT_CODE);
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
