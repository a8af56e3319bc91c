package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;
import com.fasterxml.jackson.databind.SequenceWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * A row per request, for spreadsheets: where it came from, what was recommended, the counts and rule ids of its
 * findings, the texts worth reading (input errors, conflicts, errors and warnings) and the az CLI command. Lists
 * inside a cell are separated by ';' as in the input, texts by " | ". Rows only: the summary goes to stderr.
 *
 * <p>Every text cell goes through {@link Escape#csvCell}: one that would start a spreadsheet formula gets a leading
 * {@code '}, and line breaks inside a cell are written so that the cell is quoted, so the file has exactly one row
 * per request after the header whatever the names hold. The number cells (line, score, errors, warnings) are
 * written from numbers and left as they are.
 */
final class CsvBatchWriter implements BatchWriter {

    static final List<String> COLUMNS = List.of("input", "line", "name", "status", "option", "dataplane",
            "networkPolicy", "score", "otherEligible", "errors", "warnings", "rules", "messages", "azCli", "vnet",
            "nodeSubnet", "podSubnet", "podCidr", "serviceCidr", "allocated");
    /** The plan's range of each role a range column shows: given, allocated from the pool, or proposed. */
    private static final List<String> RANGE_ROLES = List.of("vnet", "node-subnet", "pod-subnet", "pod-cidr",
            "service-cidr");

    private static final Set<String> NUMBER_COLUMNS = Set.of("line", "score", "errors", "warnings");

    private final Writer out;
    private final SequenceWriter rows;

    CsvBatchWriter(Writer out) throws IOException {
        this.out = out;
        this.rows = Tables.csvRows(out, COLUMNS);
    }

    @Override
    public void write(BatchResult result) throws IOException {
        rows.write(row(result));
    }

    /** The row's cells, text cells escaped. */
    static String[] row(BatchResult result) {
        String[] row = cells(result);
        for (int i : TEXT_COLUMNS) {
            row[i] = Escape.csvCell(row[i]);
        }
        return row;
    }

    /** The columns holding text rather than a number written here. */
    private static final int[] TEXT_COLUMNS = COLUMNS.stream().filter(c -> !NUMBER_COLUMNS.contains(c))
            .mapToInt(COLUMNS::indexOf).toArray();

    private static String[] cells(BatchResult result) {
        String line = result.line() > 0 ? Integer.toString(result.line()) : "";
        if (!result.valid()) {
            return new String[]{result.file(), line, result.name(), result.status(), "", "", "", "", "", "", "", "",
                    result.errors().stream().map(InputError::format).collect(Collectors.joining(" | ")), "", "", "", "",
                    "", "", ""};
        }
        Advice advice = result.advice();
        Recommendation rec = advice.recommendation();
        OptionResult best = null;
        StringJoiner otherEligible = new StringJoiner(";");
        for (OptionResult option : advice.options()) {
            if (option.status().equals(OptionResult.RECOMMENDED)) {
                best = option;
            } else if (option.status().equals(OptionResult.ELIGIBLE)) {
                otherEligible.add(option.id());
            }
        }
        Set<String> rules = new LinkedHashSet<>();
        StringJoiner messages = new StringJoiner(" | ");
        advice.conflicts().forEach(conflict -> messages.add("no fit: " + conflict));
        for (Reason warning : result.reportedFindings()) {
            rules.add(warning.rule());
            messages.add(warning.level() + ": " + warning.text());
        }
        String[] range = ranges(advice);
        return new String[]{result.file(), line, result.name(), result.status(),
                rec == null ? "" : rec.option(),
                rec == null ? "" : rec.dataplane(),
                rec == null ? "" : rec.networkPolicy(),
                best == null || best.score() == null ? "" : best.score().toString(),
                otherEligible.toString(),
                Integer.toString(result.count("error")),
                Integer.toString(result.count("warning")),
                String.join(";", rules),
                messages.toString(),
                rec == null ? "" : AzCliCommand.oneLine(rec.deployment()),
                range[0], range[1], range[2], range[3], range[4], allocated(result)};
    }

    /**
     * The plan's ranges of each role of {@link #RANGE_ROLES}, ';'-separated (a cluster with pools of their own has
     * several node subnets), in one pass: this runs on the ordered writer thread for every row.
     */
    private static String[] ranges(Advice advice) {
        StringBuilder[] cells = new StringBuilder[RANGE_ROLES.size()];
        for (var r : advice.addressPlan().ranges()) {
            int column = RANGE_ROLES.indexOf(r.role());
            String cidr = r.usable();
            if (column < 0 || cidr == null) {
                continue;
            }
            if (cells[column] == null) {
                cells[column] = new StringBuilder(cidr);
            } else if (!(";" + cells[column] + ";").contains(";" + cidr + ";")) {
                cells[column].append(';').append(cidr);
            }
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "" : cells[i].toString();
        }
        return text;
    }

    /** The roles the pool gave this request ranges for, ';'-separated; "" without a pool. */
    private static String allocated(BatchResult result) {
        if (result.allocation().isEmpty()) {
            return "";
        }
        return result.allocation().stream().filter(r -> r.allocated() && !r.shared()).map(r -> r.role())
                .distinct().collect(Collectors.joining(";"));
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        rows.close(); // writes the header even when there were no rows
        out.flush();
    }
}
