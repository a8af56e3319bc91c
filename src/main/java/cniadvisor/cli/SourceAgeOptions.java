package cniadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How old a source may grow before rules list/doc warn that the docs it cites may have drifted. */
final class SourceAgeOptions {

    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--max-source-age", paramLabel = "DAYS", defaultValue = "365",
            description = "Warn about (and mark stale) sources whose asOf is more than DAYS days before --as-of "
                    + "(default: ${DEFAULT-VALUE}).")
    int days;

    /** The validated number of days. */
    int days() {
        if (days < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-source-age must be 0 or more days");
        }
        return days;
    }
}
