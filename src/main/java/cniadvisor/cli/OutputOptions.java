package cniadvisor.cli;

import cniadvisor.render.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** The report format option, as conftest names it, and --query over the JSON report. */
public final class OutputOptions {
    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = EnumByText.OutputFormats.class,
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    @Mixin
    QueryOptions query;

    /** The request file the report is about, for the formats that annotate it (github, azure-devops). */
    String source;

    /** Checks --query against -o before any work; with --query and no -o, the report is JSON. */
    void prepare(CommandLine.Model.CommandSpec spec) {
        if (query.check(spec, QueryOptions.given(spec, "--output"), format == OutputFormat.json)) {
            format = OutputFormat.json;
        }
    }

    /** Writes a report through {@code writer} to {@code out}, filtered by --query when one was given. */
    void write(PrintWriter out, ReportBody writer) {
        try {
            if (!query.active()) {
                writer.write(out);
                return;
            }
            StringWriter json = new StringWriter();
            writer.write(json);
            out.write(query.apply(json.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report written to a writer. */
    @FunctionalInterface
    interface ReportBody {
        void write(Writer out) throws IOException;
    }
}
