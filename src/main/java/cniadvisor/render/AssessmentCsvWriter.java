package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.Reason;
import com.fasterxml.jackson.databind.SequenceWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code assess -o csv}: a row per cluster, and per input that could not be read (status "invalid"), for
 * spreadsheets. Lists in a cell are separated by ';', texts by " | ". Rows only: the summary goes to stderr.
 * Every text cell goes through {@link Escape#csvCell}, as in the batch report, so no name starts a formula and
 * each cluster is one row.
 */
final class AssessmentCsvWriter implements AssessmentWriter {

    static final List<String> COLUMNS = List.of("input", "line", "name", "resourceGroup", "option", "dataplane",
            "networkPolicy", "kubernetesVersion", "status", "daysLeft", "nextDeadline", "target", "changes",
            "inPlace", "blockers", "steps", "errors", "warnings", "rules", "messages");

    private static final Set<String> NUMBER_COLUMNS = Set.of("line", "daysLeft", "steps", "errors", "warnings");
    private static final int[] TEXT_COLUMNS = COLUMNS.stream().filter(c -> !NUMBER_COLUMNS.contains(c))
            .mapToInt(COLUMNS::indexOf).toArray();
    private final Writer out;
    private final SequenceWriter rows;

    AssessmentCsvWriter(Writer out) throws IOException {
        this.out = out;
        this.rows = Tables.csvRows(out, COLUMNS);
    }

    @Override
    public void write(Assessment a) throws IOException {
        Assessment.Current c = a.current();
        Assessment.Target t = a.target();
        List<Reason> reported = AssessmentCells.reported(a);
        List<Reason> blockers = AssessmentCells.blockers(a);
        String[] row = {
                a.file(), a.line() > 0 ? Integer.toString(a.line()) : "", a.name(), nullToEmpty(a.resourceGroup()),
                c.option(), nullToEmpty(c.dataplane()), nullToEmpty(c.networkPolicy()),
                nullToEmpty(c.kubernetesVersion()), a.status(), a.daysLeft() == null ? "" : a.daysLeft().toString(),
                AssessmentCells.nextDeadline(a), AssessmentCells.target(a),
                t == null ? "" : String.join(";", t.changes()),
                a.migration() == null ? "" : Boolean.toString(a.migration().inPlace()),
                blockers.stream().map(Reason::rule).distinct().collect(Collectors.joining(";")),
                a.migration() == null ? "" : Integer.toString(a.migration().steps().size()),
                Long.toString(AssessmentCells.count(a, Reason.ERROR)),
                Long.toString(AssessmentCells.count(a, Reason.WARNING)),
                reported.stream().map(Reason::rule).distinct().collect(Collectors.joining(";")),
                reported.stream().map(r -> r.level() + " " + r.rule() + ": " + r.text())
                        .collect(Collectors.joining(" | "))};
        rows.write(escaped(row));
    }

    @Override
    public void invalid(String file, String source, List<InputError> errors) throws IOException {
        String[] row = new String[COLUMNS.size()];
        java.util.Arrays.fill(row, "");
        row[COLUMNS.indexOf("input")] = file;
        row[COLUMNS.indexOf("name")] = source;
        int line = errors.isEmpty() ? 0 : errors.get(0).line();
        row[COLUMNS.indexOf("line")] = line > 0 ? Integer.toString(line) : "";
        row[COLUMNS.indexOf("status")] = "invalid";
        row[COLUMNS.indexOf("messages")] = errors.stream().map(InputError::format)
                .collect(Collectors.joining(" | "));
        rows.write(escaped(row));
    }

    private static String[] escaped(String[] row) {
        for (int i : TEXT_COLUMNS) {
            row[i] = Escape.csvCell(row[i]);
        }
        return row;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        rows.flush();
        out.flush();
    }
}
