package cniadvisor.batch;

import cniadvisor.io.ExitCode;

import java.util.List;

/**
 * Ends a batch run before or while it writes its report: a bad input file or address pool, an output file that
 * cannot be written, an interruption. The lines are for stderr, as they are; never a stack trace.
 */
public final class BatchException extends RuntimeException {

    private final ExitCode exitCode;
    private final List<String> lines;

    BatchException(ExitCode exitCode, List<String> lines) {
        super(String.join(System.lineSeparator(), lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    BatchException(ExitCode exitCode, String line) {
        this(exitCode, List.of(line));
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public List<String> lines() {
        return lines;
    }
}
