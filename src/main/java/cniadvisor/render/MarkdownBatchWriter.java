package cniadvisor.render;

import cniadvisor.io.Spool;

import static cniadvisor.render.AdviceWriter.md;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;
import cniadvisor.model.Source;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A report for a pull request or wiki page: the summary first, then a section per request (recommendation, the
 * options table, why, findings, the az CLI command), then every source cited once. The sections are spooled to a
 * temporary file until the summary is known. Every name, key, message and id goes through {@link Escape}: no
 * request can start a heading, a table row or raw HTML of its own.
 */
final class MarkdownBatchWriter implements BatchWriter {

    private final Writer out;
    private final Context context;
    private final Spool spool;
    private final Map<String, Source> sources = new TreeMap<>();

    MarkdownBatchWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.context = context;
        this.spool = new Spool();
    }

    @Override
    public void write(BatchResult result) throws IOException {
        spool.writer().write(section(result));
    }

    private String section(BatchResult result) {
        StringBuilder s = new StringBuilder();
        s.append("\n## ").append(result.ordinal()).append(". ").append(md(result.name())).append("\n\n");
        s.append(Escape.markdownCode(result.location(), false));
        if (!result.valid()) {
            s.append(" **Invalid input:** not evaluated.\n\n");
            result.errors().forEach(e -> s.append("- ").append(e.line() > 0 ? "line " + e.line() + ": " : "")
                    .append(e.key() == null ? "" : Escape.markdownCode(e.key(), false) + ": ")
                    .append(md(e.message())).append('\n'));
            return s.toString();
        }
        Advice advice = result.advice();
        Recommendation rec = advice.recommendation();
        if (rec != null) {
            s.append(" **Recommended:** ").append(md(rec.title())).append(", ").append(md(rec.dataplane()))
                    .append(" data plane, ").append(md(rec.networkPolicy())).append(" network policy\n\n");
        } else {
            s.append(" **No option fits.** What rules each option out:\n\n");
            advice.conflicts().forEach(c -> s.append("- ").append(md(c)).append('\n'));
            s.append('\n');
        }
        AdviceWriter.optionsTable(s, advice);
        advice.options().stream().filter(o -> o.status().equals(OptionResult.RECOMMENDED)).findFirst()
                .filter(o -> !o.reasons().isEmpty())
                .ifPresent(o -> {
                    s.append("\nWhy:\n\n");
                    o.reasons().forEach(r -> s.append("- ").append(md(r.effect())).append(": ").append(md(r.text()))
                            .append(cite(r)).append('\n'));
                });
        if (!result.reportedFindings().isEmpty()) {
            s.append("\nFindings:\n\n");
            result.reportedFindings().forEach(w -> s.append("- **").append(md(w.level())).append("**: ")
                    .append(md(w.text()))
                    .append(cite(w)).append('\n'));
        }
        if (rec != null) {
            s.append('\n').append(AdviceWriter.shellBlock(rec.deployment()));
        }
        return s.toString();
    }

    /** " (`RULE`; [source-id](url))", remembering each source for the list at the end. */
    private String cite(Reason r) {
        r.sources().forEach(src -> sources.putIfAbsent(src.id(), src));
        return AdviceWriter.mdCite(r);
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# AKS network plugin advice: batch report\n\n");
        s.append("As of ").append(context.asOf()).append(". Input: ")
                .append(context.inputs().stream().map(i -> Escape.markdownCode(i, false))
                        .collect(Collectors.joining(", ")))
                .append(".\n\n## Summary\n\n**").append(md(summary.tally())).append("**\n");
        table(s, "Recommended option", summary.byOption());
        table(s, "Error", summary.errors());
        table(s, "Warning", summary.warnings());
        table(s, "Note", summary.notes());
        if (summary.pool() != null) {
            summary.poolLines().forEach(line -> s.append('\n').append(md(line.strip())).append('\n'));
        }
        out.write(s.toString());
        spool.copyTo(out);
        if (!sources.isEmpty()) {
            StringBuilder list = new StringBuilder("\n## Sources\n\n");
            sources.values().forEach(src -> list.append("- ").append(AdviceWriter.sourceLink(src)).append('\n'));
            out.write(list.toString());
        }
        out.flush();
    }

    private static void table(StringBuilder s, String heading, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        s.append("\n| ").append(heading).append(" | Requests |\n|---|---:|\n");
        counts.forEach((key, count) -> s.append("| ").append(Escape.markdownCode(key, true)).append(" | ").append(count)
                .append(" |\n"));
    }

    @Override
    public void close() throws IOException {
        spool.close();
    }
}
