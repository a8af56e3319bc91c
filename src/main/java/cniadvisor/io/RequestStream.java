package cniadvisor.io;

import cniadvisor.batch.BatchRecord;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the requests of one batch input one at a time, so a file of any length is never held in memory. A request
 * that cannot be read or has a bad value still comes out, as a {@link BatchRecord} carrying its errors; only a
 * syntax error that leaves the rest of the input unreadable ends the stream early (with a record saying so). An
 * I/O failure of the input itself surfaces as {@link UncheckedIOException}.
 */
public abstract class RequestStream implements Iterator<BatchRecord>, Closeable {

    /** Appended to a syntax error after which nothing more of the input can be read. */
    public static final String REST_NOT_READ = "; the rest of this input was not read";

    protected final String file;
    private final CountingInputStream counter;
    private int index;
    private BatchRecord next;
    private boolean ended;

    RequestStream(String file, CountingInputStream counter) {
        this.file = file;
        this.counter = counter;
    }

    /**
     * @param file   the name shown in messages and default request names (a path, or "stdin")
     * @param in     the input; closed with the stream
     * @param format how the input holds its requests
     * @param binder the request contract's binder (a CSV header is checked against its keys)
     */
    public static RequestStream open(String file, InputStream in, BatchInputFormat format, RequestBinder binder)
            throws IOException {
        CountingInputStream counter = new CountingInputStream(in);
        InputStream text = withoutByteOrderMark(counter);
        return switch (format) {
            case csv -> new CsvRequestStream(file, counter, text, binder);
            case jsonl -> new JsonLinesRequestStream(file, counter, text);
            case json -> ParsedRequestStream.json(file, counter, text);
            case yaml -> ParsedRequestStream.yaml(file, counter, text);
        };
    }

    /** The next record, or null at the end of the input. */
    protected abstract BatchRecord readNext() throws IOException;

    /** The 1-based position of the record about to be returned. */
    protected final int nextIndex() {
        return ++index;
    }

    protected final BatchRecord unreadable(int line, String message) {
        return BatchRecord.unreadable(file, nextIndex(), List.of(new InputError(file, line, null, message)));
    }

    /** Bytes of the input read so far (ahead of parsing by a buffer at most), for progress reporting. */
    public final long bytesRead() {
        return counter.count;
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
            }
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public final BatchRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BatchRecord record = next;
        next = null;
        return record;
    }

    @Override
    public void close() throws IOException {
        counter.close();
    }

    /** Spreadsheet tools often start UTF-8 files with a byte order mark; it is not part of the first key. */
    private static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(3);
        if (buffered.read() != 0xEF || buffered.read() != 0xBB || buffered.read() != 0xBF) {
            buffered.reset();
        }
        return buffered;
    }

    /** Counts the bytes read through it. */
    static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
