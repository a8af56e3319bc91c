package cniadvisor.render;

import cniadvisor.io.FailOn;
import cniadvisor.io.InputError;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.Utf8;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes an assessment report as the clusters come, in input order: each assessed cluster, each input that could not
 * be read (with its file, element and line), then the fleet summary.
 */
public interface AssessmentWriter extends AutoCloseable {

    /**
     * What every format may need: the date judged, the binder whose contract the request files follow, the inputs
     * as given, the level from which a finding fails the run (--fail-on) and every rule that can produce one.
     */
    record Context(LocalDate asOf, RequestBinder binder, List<String> inputs, FailOn failOn,
                   List<BatchWriter.RuleInfo> rules) {
        public Context {
            inputs = List.copyOf(inputs);
            rules = List.copyOf(rules);
        }
    }

    void write(Assessment assessment) throws IOException;

    /** An input, or one resource in it ({@code source}: "fleet.json#3"), that could not be assessed. */
    void invalid(String file, String source, List<InputError> errors) throws IOException;

    /** Writes what follows the last cluster; {@code exitCode} is the run's, so reports with a verdict agree. */
    void finish(FleetSummary summary, int exitCode) throws IOException;

    @Override
    default void close() throws IOException {
    }

    static AssessmentWriter open(AssessmentFormat format, Writer target, Context context) throws IOException {
        Writer out = Utf8.wellFormed(target);
        return switch (format) {
            case text -> new AssessmentTextWriter(out, false);
            case table -> new AssessmentTextWriter(out, true);
            case json -> AssessmentJsonWriter.object(out, context);
            case jsonl -> AssessmentJsonWriter.lines(out);
            case request -> new AssessmentRequestWriter(out, context);
            case csv -> new AssessmentCsvWriter(out);
            case markdown -> new AssessmentMarkdownWriter(out, context);
            case junit -> new AssessmentJUnitWriter(out, context);
            case sarif -> new AssessmentSarifWriter(out, context);
        };
    }
}
