package cniadvisor.render;

import cniadvisor.io.Mappers;

import cniadvisor.model.Firing;
import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code advise --explain}: the advice, followed by the rules that fired for each option in firing order, with the
 * facts each firing matched. Firings that concern no single option (warnings about the request) are listed last.
 * JSON and YAML get the same as an {@code explain} field next to the advice's own fields.
 */
public final class ExplainWriter {

    /** One firing as written out; {@code seq} is its position among all firings of the evaluation. */
    @JsonPropertyOrder({"seq", "rule", "name", "matched"})
    record Step(int seq, String rule, String name, List<String> matched) {
    }

    @JsonPropertyOrder({"options", "request"})
    record Explain(Map<String, List<Step>> options, List<Step> request) {
    }

    /** The formats an explanation can be written in; terraform and bicep carry settings, not reasons. */
    public static final List<OutputFormat> FORMATS = List.of(OutputFormat.text, OutputFormat.json, OutputFormat.yaml,
            OutputFormat.markdown);

    private ExplainWriter() {
    }

    public static boolean supports(OutputFormat format) {
        return FORMATS.contains(format);
    }

    public static void write(Advice advice, List<Firing> firings, OutputFormat format, PrintWriter out) {
        write(advice, firings, format, out, AdviceWriter.TextReport.PLAIN);
    }

    /** As {@link #write(Advice, List, OutputFormat, PrintWriter)}; {@code report} lays out the text format. */
    public static void write(Advice advice, List<Firing> firings, OutputFormat format, PrintWriter out,
                             AdviceWriter.TextReport report) {
        Explain explain = explain(advice, firings);
        switch (format) {
            case json, yaml -> {
                ObjectNode tree = Mappers.JSON.valueToTree(advice);
                tree.set("explain", Mappers.JSON.valueToTree(explain));
                out.print(AdviceWriter.serialize(tree, format == OutputFormat.json));
                if (format == OutputFormat.json) {
                    out.println();
                }
            }
            case text -> out.print(AdviceWriter.text(advice, report) + text(advice, explain, report.layout()));
            case markdown -> out.print(AdviceWriter.markdown(advice) + markdown(advice, explain));
            default -> throw new IllegalArgumentException("--explain cannot be written as " + format);
        }
        out.flush();
    }

    static Explain explain(Advice advice, List<Firing> firings) {
        Map<String, List<Step>> options = new LinkedHashMap<>();
        advice.options().forEach(o -> options.put(o.id(), new ArrayList<>()));
        List<Step> request = new ArrayList<>();
        for (Firing f : firings) {
            Step step = new Step(f.sequence(), f.ruleId(), f.ruleName(), f.matched());
            List<Step> group = f.option() == null ? request : options.get(f.option());
            (group == null ? request : group).add(step);
        }
        return new Explain(options, request);
    }

    private static String text(Advice advice, Explain explain, TextLayout layout) {
        StringBuilder s = new StringBuilder("\n").append(layout.paragraph("", 2)
                .text("Explain: the rules that fired, in firing order (#n counts every firing)", TextLayout.Tone.BOLD)
                .render());
        for (OptionResult o : advice.options()) {
            s.append("  ").append(Escape.oneLine(o.id())).append(" (").append(o.status()).append(")\n");
            steps(s, explain.options().get(o.id()), layout);
        }
        s.append("  request-level\n");
        steps(s, explain.request(), layout);
        return s.toString();
    }

    private static void steps(StringBuilder s, List<Step> steps, TextLayout layout) {
        if (steps.isEmpty()) {
            s.append("    (no rule fired)\n");
        }
        for (Step step : steps) {
            s.append(layout.paragraph("    ", 8).text("#" + step.seq()).text(Escape.oneLine(step.rule()) + " ",
                    TextLayout.Tone.CYAN).text(Escape.oneLine(step.name())).render());
            s.append(layout.paragraph("        ", 10).text("matched " + Escape.oneLine(matched(step))).render());
        }
    }

    private static String matched(Step step) {
        return step.matched().isEmpty() ? "no single fact (its conditions are exists or not tests)"
                : String.join(", ", step.matched());
    }

    private static String markdown(Advice advice, Explain explain) {
        StringBuilder s = new StringBuilder(
                "\n### Explain\n\nThe rules that fired, in firing order (#n counts every firing).\n");
        for (OptionResult o : advice.options()) {
            s.append("\n#### ").append(AdviceWriter.md(o.id())).append(" (").append(o.status()).append(")\n\n");
            mdSteps(s, explain.options().get(o.id()));
        }
        s.append("\n#### Request-level\n\n");
        mdSteps(s, explain.request());
        return s.toString();
    }

    private static void mdSteps(StringBuilder s, List<Step> steps) {
        if (steps.isEmpty()) {
            s.append("- no rule fired\n");
        }
        for (Step step : steps) {
            s.append("- #").append(step.seq()).append(' ').append(Escape.markdownCode(step.rule(), false)).append(' ')
                    .append(AdviceWriter.md(step.name())).append(": matched ")
                    .append(step.matched().isEmpty() ? matched(step) : step.matched().stream()
                            .map(m -> Escape.markdownCode(m, false)).collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }
}
