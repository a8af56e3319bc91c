package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import java.util.List;

/** Ends a command with a message for stderr and an exit code; never shown as a stack trace. */
public final class CliException extends RuntimeException {
    private final ExitCode exitCode;
    private final List<String> lines;

    public CliException(ExitCode exitCode, List<String> lines) {
        super(String.join(System.lineSeparator(), lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, List.of(message));
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public List<String> lines() {
        return lines;
    }
}
