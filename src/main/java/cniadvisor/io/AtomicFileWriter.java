package cniadvisor.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers only ever see the old content or the complete new content: everything goes to a
 * temporary file in the same folder, which {@link #commit()} renames over the target in one step. A run that fails
 * or is interrupted leaves the target as it was; {@link #close()} (and, on Ctrl-C, JVM shutdown) removes the
 * temporary file.
 */
public final class AtomicFileWriter implements Closeable {

    private final Path target;
    private final Path temp;
    private final BufferedWriter writer;
    private boolean committed;

    private AtomicFileWriter(Path target, Path temp, BufferedWriter writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    /** Starts writing {@code target}; fails when its folder does not exist or cannot be written. */
    public static AtomicFileWriter open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String name = absolute.getFileName().toString();
        while (true) {
            // a name of our own with the default permissions (createTempFile would make it owner-only)
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                temp.toFile().deleteOnExit();
                return new AtomicFileWriter(absolute, temp, writer);
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same name: draw again
            }
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Replaces the target with what was written, keeping the permissions of a target that existed. */
    public void commit() throws IOException {
        writer.close();
        if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // a file system without atomic rename: replacing is the best it offers
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Discards the temporary file unless committed; the target is left untouched. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
