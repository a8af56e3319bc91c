package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * A row per request for a terminal: position, name, what was recommended (or NO FIT / INVALID), counts of
 * error- and warning-level findings, and the first thing worth reading. The summary follows the rows. Every cell
 * stays on its row ({@link Escape#oneLine}): no name can start a line or send control sequences to the terminal.
 */
final class TableBatchWriter implements BatchWriter {

    private static final int NAME_WIDTH = 24;
    private static final String ROW = "%6s  %-" + NAME_WIDTH + "s  %-44s %3s %3s  %s";

    private final Writer out;
    private boolean headerWritten;

    TableBatchWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(BatchResult result) throws IOException {
        if (!headerWritten) {
            out.write(String.format(Locale.ROOT, ROW, "#", "NAME", "RESULT", "E", "W", "NOTE") + "\n");
            headerWritten = true;
        }
        String name = fit(result.name());
        String row = switch (result.status()) {
            case BatchResult.INVALID -> String.format(Locale.ROOT, ROW, result.ordinal(), name, "INVALID", "-", "-",
                    firstError(result.errors()));
            case BatchResult.NO_FIT -> String.format(Locale.ROOT, ROW, result.ordinal(), name, "NO FIT",
                    result.count("error"), result.count("warning"), String.join("; ", result.advice().conflicts()));
            default -> String.format(Locale.ROOT, ROW, result.ordinal(), name,
                    describe(result.advice().recommendation()), result.count("error"), result.count("warning"),
                    firstFinding(result));
        };
        out.write(Escape.oneLine(row).stripTrailing() + "\n");
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        out.write("\n");
        for (String line : summary.lines()) {
            out.write(Escape.oneLine(line) + "\n");
        }
        out.flush();
    }

    private static String describe(Recommendation rec) {
        return rec.option() + " / " + rec.dataplane() + " / " + rec.networkPolicy();
    }

    /** The first error, else the first warning: the line a reader of the table should see. */
    private static String firstFinding(BatchResult result) {
        List<Reason> errors = result.findings("error");
        List<Reason> warnings = result.findings("warning");
        Reason first = !errors.isEmpty() ? errors.get(0) : !warnings.isEmpty() ? warnings.get(0) : null;
        return first == null ? "" : first.level().toUpperCase(Locale.ROOT) + " " + first.rule() + ": " + first.text();
    }

    private static String firstError(List<InputError> errors) {
        InputError first = errors.get(0);
        String more = errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "";
        return first.format() + more;
    }

    /** The name on one line, cut to the column by characters (never inside a surrogate pair). */
    private static String fit(String name) {
        String line = Escape.oneLine(name);
        if (line.codePointCount(0, line.length()) <= NAME_WIDTH) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, NAME_WIDTH - 3)) + "...";
    }
}
