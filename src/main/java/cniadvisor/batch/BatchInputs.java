package cniadvisor.batch;

import cniadvisor.io.BatchInputFormat;
import cniadvisor.io.ExitCode;
import cniadvisor.io.InputException;
import cniadvisor.io.InputFiles;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.io.RequestStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records of every input of a batch, one input after the other, each opened when reached (on the reader
 * thread), numbered across the whole batch. An input that cannot be opened or read on becomes one more record
 * carrying the error, after the records read from it; the next input is still read.
 */
final class BatchInputs implements Iterator<BatchInputs.Numbered>, Closeable {

    /** One input as the user named it, with the format it is read in; no path for standard input. */
    record Input(String name, Path path, BatchInputFormat format) {
        boolean stdin() {
            return path == null;
        }
    }

    /**
     * A record and its position in the whole batch; {@code readBug} when reading it failed by a bug of ours rather
     * than by the input (the record then carries the error).
     */
    record Numbered(int ordinal, BatchRecord record, boolean readBug) {
    }

    private final Iterator<Input> inputs;
    private final InputStream stdin;
    private final RequestBinder binder;
    private final long totalBytes;
    private volatile RequestStream current;
    private volatile long bytesOfFinished;
    private int ordinal;
    private Numbered pending;
    private String currentName;
    private int countInCurrent;

    BatchInputs(List<Input> inputs, InputStream stdin, RequestBinder binder) {
        this.inputs = inputs.iterator();
        this.stdin = stdin;
        this.binder = binder;
        this.totalBytes = inputs.stream().anyMatch(Input::stdin) ? -1
                : inputs.stream().mapToLong(input -> size(input.path())).sum();
    }

    /**
     * The inputs the files name, each with its format (the one given, else by its extension). Every problem is
     * found before any is reported: a file that is missing, a folder or unreadable, an unknown extension, standard
     * input named twice or without a format.
     */
    static List<Input> resolve(List<String> files, BatchInputFormat inputFormat) {
        List<Input> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long stdinCount = files.stream().filter(RequestReader.STDIN_PATH::equals).count();
        if (stdinCount > 1) {
            problems.add("error: '-' (standard input) can be read only once");
        }
        for (String name : files) {
            if (name.equals(RequestReader.STDIN_PATH)) {
                if (inputFormat == null) {
                    problems.add("error: stdin: say how standard input is written with --input-format ("
                            + formats() + ")");
                }
                inputs.add(new Input("stdin", null, inputFormat));
                continue;
            }
            Path path = Path.of(name);
            BatchInputFormat format = inputFormat != null ? inputFormat
                    : BatchInputFormat.ofFileName(name).orElse(null);
            if (!Files.exists(path)) {
                problems.add("error: " + name + ": no such file");
            } else if (Files.isDirectory(path)) {
                problems.add("error: " + name + ": is a directory, not a request file");
            } else if (!Files.isReadable(path)) {
                problems.add("error: " + name + ": permission denied");
            } else if (format == null) {
                problems.add("error: " + name + ": unknown extension; use .csv, .jsonl, .ndjson, .json, .yaml or "
                        + ".yml, or say the format with --input-format (" + formats() + ")");
            }
            inputs.add(new Input(name, path, format));
        }
        if (!problems.isEmpty()) {
            throw new BatchException(ExitCode.USAGE_ERROR, problems);
        }
        return inputs;
    }

    private static String formats() {
        return String.join(", ", Arrays.stream(BatchInputFormat.values()).map(Enum::name).toList());
    }

    /** The size of all inputs in bytes, or -1 when standard input is among them. */
    long totalBytes() {
        return totalBytes;
    }

    long bytesRead() {
        RequestStream stream = current;
        return bytesOfFinished + (stream == null ? 0 : stream.bytesRead());
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            if (current == null) {
                if (!inputs.hasNext()) {
                    return false;
                }
                Input input = inputs.next();
                currentName = input.name();
                countInCurrent = 0;
                try {
                    current = open(input);
                } catch (InputException e) {
                    pending = failure(e.errors().get(0).message(), false);
                    continue;
                } catch (IOException e) {
                    pending = failure("cannot read: " + e.getMessage(), false);
                    continue;
                }
            }
            try {
                if (current.hasNext()) {
                    countInCurrent++;
                    pending = new Numbered(++ordinal, current.next(), false);
                    continue;
                }
            } catch (UncheckedIOException e) {
                // the input itself failed (a disk error, a pipe that broke): what was read stays evaluated
                pending = failure(e.getMessage() + RequestStream.REST_NOT_READ, false);
            } catch (RuntimeException | StackOverflowError e) {
                pending = failure("internal error reading this input (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"
                        + RequestStream.REST_NOT_READ + "; this is a bug in cni-advisor: please report it with "
                        + "this input", true);
            }
            bytesOfFinished += current.bytesRead();
            closeCurrent();
        }
        return true;
    }

    /** An entry for an input that failed as a whole, after the records read from it. */
    private Numbered failure(String message, boolean bug) {
        String text = message.startsWith(currentName + ": ") ? message.substring(currentName.length() + 2)
                : message;
        countInCurrent++;
        BatchRecord record = BatchRecord.failed(currentName, countInCurrent, text);
        return new Numbered(++ordinal, record, bug);
    }

    @Override
    public Numbered next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Numbered next = pending;
        pending = null;
        return next;
    }

    /** Opens an input; a named pipe that nothing writes to is given up after a while (see InputFiles). */
    private RequestStream open(Input input) throws InputException, IOException {
        InputStream in = input.stdin() ? stdin : InputFiles.open(input.path(), input.name());
        return RequestStream.open(input.name(), in, input.format(), binder);
    }

    private void closeCurrent() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            // fully read (or given up) already: a failing close loses nothing
        }
        current = null;
    }

    @Override
    public void close() {
        closeCurrent();
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }
}
