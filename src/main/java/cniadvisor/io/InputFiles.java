package cniadvisor.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens and reads inputs so that none can stall or exhaust the process. A regular file opens at once. Anything else
 * (a named pipe, a device, /dev/fd/N from a shell's process substitution) is opened on a helper thread: a named pipe
 * that no program has opened for writing would otherwise block forever. Reads are bounded by the caller's limit.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * Opens {@code path} for reading.
     *
     * @param name how messages name the input
     * @throws InputException the input is missing, a directory, unreadable, or a pipe nothing writes to
     */
    public static InputStream open(Path path, String name) throws InputException, IOException {
        try {
            if (Files.isDirectory(path)) {
                throw new InputException(new InputError(name, 0, null, "is a directory, not a request file"));
            }
            if (Files.isRegularFile(path)) {
                return Files.newInputStream(path);
            }
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            return openWaiting(path, name, InputLimits.openTimeout());
        } catch (NoSuchFileException e) {
            throw new InputException(new InputError(name, 0, null, "no such file"));
        } catch (AccessDeniedException e) {
            throw new InputException(new InputError(name, 0, null, "permission denied"));
        }
    }

    /** The size of a regular file, or -1 for anything else (a pipe or device has no size to check up front). */
    static long regularFileSize(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads all of {@code in}, but never more than {@code limit} bytes.
     *
     * @throws InputException the input holds more than {@code limit} bytes (nothing past that was read)
     */
    static byte[] readAtMost(InputStream in, int limit, String name, String what) throws InputException, IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new InputException(new InputError(name, 0, null, "holds more than "
                    + InputLimits.describe(limit, "bytes") + ", the limit for " + what + "; see docs/input-limits.md"));
        }
        return bytes;
    }

    /** Opens a file that may block in open() (a named pipe waits for a writer), giving up after {@code timeout}. */
    private static InputStream openWaiting(Path path, String name, Duration timeout)
            throws InputException, IOException {
        CompletableFuture<InputStream> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(Files.newInputStream(path));
            } catch (IOException | RuntimeException e) {
                opening.completeExceptionally(e);
            }
        }, "cni-advisor-open");
        opener.setDaemon(true);
        opener.start();
        try {
            return opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.thenAccept(InputFiles::closeQuietly); // should it open after all, nothing reads it
            if (isNamedPipe(path)) {
                release(path, opening);
            }
            throw new InputException(new InputError(name, 0, null, "nothing opened this pipe for writing within "
                    + seconds(timeout) + "; start the program that writes to it first (or give a regular file)"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + name, e);
        }
    }

    /**
     * Lets the helper thread's open() of a named pipe return: opening the pipe for writing pairs with it (and
     * closing it again gives the reader an end of input at once), so no thread stays blocked after we gave up.
     */
    private static void release(Path path, CompletableFuture<InputStream> opening) {
        Thread releaser = new Thread(() -> {
            if (opening.isDone()) {
                return;
            }
            try (OutputStream ignored = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
                // opened and closed: the reader sees the end of input
            } catch (IOException | RuntimeException e) {
                // nothing more to release
            }
        }, "cni-advisor-open-release");
        releaser.setDaemon(true);
        releaser.start();
    }

    private static boolean isNamedPipe(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer bits && (bits & 0170000) == 0010000;
        } catch (IOException | RuntimeException e) {
            return false; // no unix view (not Linux or macOS): leave the helper thread, a daemon, where it is
        }
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // never read: nothing lost
        }
    }
}
