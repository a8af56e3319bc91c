package cniadvisor.io;

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

    /** What every format may need: the date judged, and the binder whose contract the request files follow. */
    record Context(LocalDate asOf, RequestBinder binder) {
    }

    void write(Assessment assessment) throws IOException;

    /** An input, or one resource in it, that could not be assessed. */
    void invalid(String source, List<InputError> errors) throws IOException;

    void finish(FleetSummary summary) throws IOException;

    @Override
    default void close() throws IOException {
    }

    static AssessmentWriter open(AssessmentFormat format, Writer out, Context context) throws IOException {
        return switch (format) {
            case text -> new AssessmentTextWriter(out, false);
            case table -> new AssessmentTextWriter(out, true);
            case json -> AssessmentJsonWriter.object(out, context);
            case jsonl -> AssessmentJsonWriter.lines(out);
            case request -> new AssessmentRequestWriter(out, context);
        };
    }
}
