package cniadvisor.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers only ever see the old content or the complete new content: everything goes to a
 * temporary file in the same folder, which {@link #commit()} renames over the target in one step. A run that fails
 * or is interrupted leaves the target as it was; {@link #close()} (and, on Ctrl-C, JVM shutdown) removes the
 * temporary file.
 *
 * <p>The temporary file is called {@code .<target>.cni-advisor-<pid>-<random>.tmp} and is locked while it is
 * written. A process killed outright ({@code kill -9}, out of memory) cannot remove it, so each open first removes
 * the ones in the folder whose process is gone and whose lock is free: a later run cleans up after a killed one.
 *
 * <p>A target that exists and is not a regular file ({@code /dev/null}, a FIFO, a terminal or another device) is
 * written directly: renaming over it would replace the device with a regular file. A symbolic link is followed, so
 * the file it points to is replaced and the link stays.
 */
public final class AtomicFileWriter implements Closeable {

    /** What marks a temporary file as ours: the middle of {@code .<target>.cni-advisor-<pid>-<random>.tmp}. */
    static final String MARK = ".cni-advisor-";

    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.cni-advisor-(\\d+)-[0-9a-z]+\\.tmp");

    private final Path target;
    private final Path temp; // null when the target is written directly
    private final Writer writer;
    private boolean committed;

    private AtomicFileWriter(Path target, Path temp, Writer writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    /** Starts writing {@code target}; fails when its folder does not exist or cannot be written. */
    public static AtomicFileWriter open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute) && Files.exists(absolute)) {
            absolute = absolute.toRealPath();
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // a device or FIFO: its readers see what is written as it is written, and it must stay what it is
            OutputStream direct = Files.newOutputStream(absolute, StandardOpenOption.WRITE);
            return new AtomicFileWriter(absolute, null, Utf8.writer(direct));
        }
        Path dir = absolute.getParent();
        String name = absolute.getFileName().toString();
        removeStale(dir);
        String prefix = "." + name + MARK + ProcessHandle.current().pid() + "-";
        while (true) {
            // a name of our own with the default permissions (createTempFile would make it owner-only)
            Path temp = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            FileChannel channel;
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue; // another writer drew the same name: draw again
            }
            temp.toFile().deleteOnExit();
            lock(channel); // held until the channel is closed, by the writer or by the process's end
            return new AtomicFileWriter(absolute, temp, Utf8.writer(Channels.newOutputStream(channel)));
        }
    }

    private static void lock(FileChannel channel) {
        try {
            channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            // a file system without locks: the process id in the name still keeps a live writer's file safe here
        }
    }

    /**
     * Removes the temporary files left in {@code dir} by writers that were killed: those whose process is gone
     * and whose lock can be taken (a live writer holds it, on this host or another sharing the folder). Anything
     * that cannot be judged or removed is left alone.
     */
    static void removeStale(Path dir) {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, ".*" + MARK + "*.tmp")) {
            for (Path file : found) {
                Matcher m = TEMP_NAME.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != self && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    removeIfUnlocked(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning up is a courtesy: writing the report does not depend on it
        }
    }

    private static void removeIfUnlocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(file);
                lock.release();
            }
        } catch (IOException | OverlappingFileLockException e) {
            // locked, gone already, or not ours to remove
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Replaces the target with what was written, keeping the permissions of a target that existed. */
    public void commit() throws IOException {
        writer.close();
        if (temp == null) {
            committed = true;
            return;
        }
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

    /**
     * Discards the temporary file unless committed; the target is left untouched. (A device or FIFO written
     * directly has had what was written.)
     */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                writer.close();
            } finally {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }
}
