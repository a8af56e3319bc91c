package cniadvisor.batch;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr (input read, requests done), shown only for runs that last more than a moment, only
 * when stderr is a terminal and never in CI. Updated from the thread that writes results.
 */
final class BatchProgress implements AutoCloseable {

    private static final long SHOW_AFTER_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long BYTES_PER_MIB = 1L << 20;

    private final boolean enabled;
    private final long totalBytes;
    private final LongSupplier bytesRead;
    private final long started = System.nanoTime();
    private ProgressBar bar;

    private BatchProgress(boolean enabled, long totalBytes, LongSupplier bytesRead) {
        this.enabled = enabled;
        this.totalBytes = totalBytes;
        this.bytesRead = bytesRead;
    }

    /**
     * @param wanted     false with --no-progress
     * @param totalBytes the size of all inputs, or -1 when unknown (stdin)
     * @param bytesRead  how much of them has been read
     */
    static BatchProgress start(boolean wanted, long totalBytes, LongSupplier bytesRead) {
        return new BatchProgress(wanted && stderrIsTerminal() && !inCi(), totalBytes, bytesRead);
    }

    /** System.console() exists only when the JVM runs attached to a terminal. */
    private static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    private static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    void update(long requestsDone) {
        if (!enabled) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - started < SHOW_AFTER_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder()
                    .setTaskName("batch")
                    .setInitialMax(totalBytes)
                    .setUnit(" MiB", BYTES_PER_MIB)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }
        bar.stepTo(bytesRead.getAsLong());
        bar.setExtraMessage(String.format(Locale.ROOT, " %,d requests", requestsDone));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
