package cniadvisor.cli;

import cniadvisor.io.OutputFormat;
import picocli.CommandLine.Option;

/** The report format option, as conftest names it. */
public final class OutputOptions {
    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;
}
