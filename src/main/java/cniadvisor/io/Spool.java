package cniadvisor.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A temporary file for the part of a report that must wait for the totals, so that a long batch is never held in
 * memory. It is opened with {@link StandardOpenOption#DELETE_ON_CLOSE}: on Linux and macOS the JDK removes its name
 * as soon as it is open, and on Windows the system deletes it when its handle closes, so nothing is left in the
 * temporary folder even when the process is killed ({@code kill -9}). Written and read back through the one open
 * channel, owner-only where the file system has POSIX permissions.
 */
public final class Spool implements Closeable {

    private final FileChannel channel;
    private final BufferedWriter writer;

    public Spool() throws IOException {
        this.channel = open(Path.of(System.getProperty("java.io.tmpdir")));
        this.writer = Utf8.writer(new ChannelOutput(channel));
    }

    private static FileChannel open(Path dir) throws IOException {
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------"))} : new FileAttribute<?>[0];
        while (true) {
            Path file = dir.resolve("cni-advisor-spool-" + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE), ownerOnly);
            } catch (FileAlreadyExistsException taken) {
                // drawn before: draw again
            }
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Copies what was spooled to {@code out}. */
    public void copyTo(Writer out) throws IOException {
        writer.flush();
        channel.position(0);
        // not closed: closing would close the channel, which close() does
        Reader in = new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8);
        in.transferTo(out);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            channel.close();
        }
    }

    /** Writes to the channel; closing it leaves the channel open (it is read back). */
    private static final class ChannelOutput extends OutputStream {
        private final FileChannel channel;

        ChannelOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
