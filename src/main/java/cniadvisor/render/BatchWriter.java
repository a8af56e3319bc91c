package cniadvisor.render;

import cniadvisor.io.FailOn;
import cniadvisor.io.Utf8;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.Source;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a batch report as results arrive, in input order, and finishes it with the summary. Formats whose header
 * needs the totals (Markdown's summary, JUnit's counts) keep the per-request part in a temporary file meanwhile,
 * never in memory. {@link #close()} releases what an unfinished report holds.
 */
public interface BatchWriter extends Closeable {

    /**
     * A rule a report may name, for formats that list them (SARIF).
     *
     * @param name        the rule's title
     * @param description what the rule decides (its {@code @decides}, a check's {@code decides}); null: none given
     * @param sources     the sources it cites, resolved; ids facts/ do not know are left out
     * @param level       the level its findings always have (a batch check's), or null when it varies
     */
    record RuleInfo(String id, String name, String description, List<Source> sources, String level) {
        public RuleInfo {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        /** A rule whose findings' level varies. */
        public RuleInfo(String id, String name, String description, List<Source> sources) {
            this(id, name, description, sources, null);
        }

        /** A rule or check with its cited source ids resolved against {@code known} (facts/ sources). */
        public static RuleInfo of(String id, String name, String description, List<String> sourceIds,
                                  Map<String, Source> known, String level) {
            return new RuleInfo(id, name, description, sourceIds.stream().map(known::get).filter(Objects::nonNull)
                    .toList(), level);
        }

        /** The page of the first source cited, or null. */
        public String helpUri() {
            return sources.isEmpty() ? null : sources.get(0).url();
        }
    }

    /**
     * What a report says about the run as a whole.
     *
     * @param inputs the input names, as given
     * @param asOf   the date retirements were judged against
     * @param rules  every rule and check that can produce a finding
     * @param failOn the finding level from which a request fails the run (--fail-on), for reports with a verdict
     * @param sarifRecommendations whether SARIF gets a note per recommendation ({@code --sarif-recommendations});
     *                             without it SARIF has only problems: no-fits, findings and input errors
     * @param reserved the organisation's reserved ranges (--address-space), for reports that draw the pool; null
     *                 when the caller does not say (the HTML report then says they are not drawn)
     */
    record Context(List<String> inputs, LocalDate asOf, List<RuleInfo> rules, FailOn failOn,
                   boolean sarifRecommendations, List<AddressSpace.Reserved> reserved) {
        public Context {
            inputs = List.copyOf(inputs);
            rules = List.copyOf(rules);
            reserved = reserved == null ? null : List.copyOf(reserved);
        }

        /** A context without report options (SARIF lists only problems) that does not say what is reserved. */
        public Context(List<String> inputs, LocalDate asOf, List<RuleInfo> rules, FailOn failOn) {
            this(inputs, asOf, rules, failOn, false, null);
        }

        /** A context with SARIF's option, that does not say what is reserved. */
        public Context(List<String> inputs, LocalDate asOf, List<RuleInfo> rules, FailOn failOn,
                       boolean sarifRecommendations) {
            this(inputs, asOf, rules, failOn, sarifRecommendations, null);
        }
    }

    void write(BatchResult result) throws IOException;

    /**
     * Writes what follows the last result (and, for spooling formats, everything) and flushes. {@code exitCode} is
     * the run's exit code, decided before the report is finished so that reports with a verdict (SARIF) agree.
     */
    void finish(BatchSummary summary, int exitCode) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /**
     * A writer of the format over {@code out}. Whatever the requests hold, every format comes out well-formed:
     * unpaired surrogates become U+FFFD on the way to {@code out}, and each writer escapes what the input gives
     * for its own syntax (see {@link Escape}).
     */
    static BatchWriter open(BatchReportFormat format, Writer target, Context context) throws IOException {
        Writer out = Utf8.wellFormed(target);
        return switch (format) {
            case table -> new TableBatchWriter(out);
            case csv -> new CsvBatchWriter(out);
            case json -> JsonBatchWriter.array(out);
            case jsonl -> JsonBatchWriter.lines(out);
            case markdown -> new MarkdownBatchWriter(out, context);
            case html -> new HtmlBatchWriter(out, context);
            case junit -> new JUnitBatchWriter(out, context);
            case sarif -> new SarifBatchWriter(out, context);
            case github -> new CiBatchWriter(out, CiAnnotations.Kind.github);
            case azure_devops -> new CiBatchWriter(out, CiAnnotations.Kind.azure_devops);
        };
    }
}
