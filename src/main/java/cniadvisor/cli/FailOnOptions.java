package cniadvisor.cli;

import cniadvisor.io.FailOn;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on}: which findings fail the run (exit code 6), like conftest's --fail-on-warn. Shared by advise,
 * ask, plan and batch.
 */
public final class FailOnOptions {
    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Fail the run (exit code 6) on a finding at this level or above: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}; never: only report). The report is written either way; error "
                    + "and warning findings also go to stderr.")
    FailOn level = FailOn.error;

    public FailOn level() {
        return level;
    }
}
