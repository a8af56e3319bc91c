package cniadvisor.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary file for the part of a report that must wait for the totals, so that a long batch is never held in
 * memory. Deleted when closed.
 */
final class Spool implements Closeable {

    private final Path file;
    private final BufferedWriter writer;

    Spool() throws IOException {
        this.file = Files.createTempFile("cni-advisor-batch-", ".part");
        file.toFile().deleteOnExit();
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    Writer writer() {
        return writer;
    }

    /** Copies what was spooled to {@code out}. */
    void copyTo(Writer out) throws IOException {
        writer.flush();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
