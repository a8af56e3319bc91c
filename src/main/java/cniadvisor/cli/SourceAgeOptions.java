package cniadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How old a source may grow before rules list/doc warn that the docs it cites may have drifted. */
final class SourceAgeOptions {

    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** A century: any source older than that is stale whatever the setting. */
    static final int MAX_DAYS = 36_500;

    @Option(names = "--max-source-age", paramLabel = "DAYS", defaultValue = "365",
            description = "Warn about (and mark stale) sources whose asOf is more than DAYS days before --as-of, "
                    + "0 to " + MAX_DAYS + " (default: ${DEFAULT-VALUE}).")
    int days;

    /** The validated number of days. */
    int days() {
        if (days < 0 || days > MAX_DAYS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-source-age must be from 0 to "
                    + MAX_DAYS + " days, got " + days);
        }
        return days;
    }
}
