package cniadvisor.render;

import java.util.List;

import cniadvisor.model.Advice;
import cniadvisor.model.Deployment;
import cniadvisor.model.OptionResult;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;
import cniadvisor.model.Source;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes one {@link Advice} in the chosen format. Text and Markdown carry the same content as JSON and YAML. */
public final class AdviceWriter {

    private AdviceWriter() {
    }

    /** Writes the advice; terraform and bicep need a recommendation (see {@link #needsRecommendation}). */
    public static void write(Advice advice, OutputFormat format, PrintWriter out) {
        write(advice, format, out, advice.name());
    }

    /** As {@link #write(Advice, OutputFormat, PrintWriter)}; {@code source} is the request file CI annotates. */
    public static void write(Advice advice, OutputFormat format, PrintWriter out, String source) {
        switch (format) {
            case json -> out.println(serialize(advice, true));
            case yaml -> out.print(serialize(advice, false));
            case markdown -> out.print(markdown(advice));
            case text -> out.print(text(advice));
            case terraform -> out.print(TerraformSnippet.render(advice));
            case bicep -> out.print(BicepSnippet.render(advice));
            case table -> out.print(Tables.table(OPTION_COLUMNS, optionRows(advice)));
            case tsv -> out.print(Tables.tsv(optionRows(advice)));
            case github -> out.print(CiAnnotations.render(CiAnnotations.Kind.github, annotations(advice, source)));
            case azure_devops -> out.print(CiAnnotations.render(CiAnnotations.Kind.azure_devops,
                    annotations(advice, source)));
        }
        out.flush();
    }

    /** The recommendation as a notice, then each error and warning, on the request file. */
    static List<CiAnnotations.Annotation> annotations(Advice advice, String source) {
        List<CiAnnotations.Annotation> annotations = new java.util.ArrayList<>();
        if (advice.hasRecommendation()) {
            annotations.add(new CiAnnotations.Annotation("notice", source, 0, 0, "cni-advisor", advice.name()
                    + ": recommended " + advice.recommendation().title() + ", " + advice.recommendation().dataplane()
                    + " data plane, " + advice.recommendation().networkPolicy() + " network policy"));
        } else {
            annotations.add(new CiAnnotations.Annotation("error", source, 0, 0, "no fit", advice.name()
                    + ": no option fits: " + String.join("; ", advice.conflicts())));
        }
        advice.findings().stream().filter(f -> "error".equals(f.level()) || "warning".equals(f.level()))
                .forEach(f -> annotations.add(new CiAnnotations.Annotation(f.level(), source, 0, 0, f.rule(),
                        f.text())));
        return annotations;
    }

    static final List<String> OPTION_COLUMNS = List.of("OPTION", "STATUS", "SCORE", "DATAPLANE", "POLICY", "REASON");

    /** One row per option, as ranked: its status, score, configuration and first reason. */
    static List<List<String>> optionRows(Advice advice) {
        return advice.options().stream().map(o -> List.of(o.id(), o.status(),
                o.score() == null ? "" : o.score().toString(), o.dataplane() == null ? "" : o.dataplane(),
                o.networkPolicy() == null ? "" : o.networkPolicy(),
                o.reasons().isEmpty() ? "" : o.reasons().get(0).rule() + ": " + o.reasons().get(0).text())).toList();
    }

    public static boolean needsRecommendation(OutputFormat format) {
        return format == OutputFormat.terraform || format == OutputFormat.bicep;
    }

    /** JSON or YAML; an unpaired surrogate in a name becomes U+FFFD, as in every other format. */
    static String serialize(Object value, boolean json) {
        try {
            return Escape.wellFormed((json ? DeploymentJson.JSON : DeploymentJson.YAML).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- text ----

    /**
     * Plain text for a terminal. Every value that came from the input or the rules stays on its line
     * ({@link Escape#oneLine}): no name can start a line of its own or send control sequences to the terminal.
     */
    static String text(Advice advice) {
        StringBuilder s = new StringBuilder();
        s.append(Escape.oneLine(advice.name())).append(": AKS network plugin advice (as of ").append(advice.asOf()).append(")\n\n");
        Recommendation rec = advice.recommendation();
        if (rec != null) {
            s.append("RECOMMENDED  ").append(describe(rec)).append('\n');
            advice.options().stream().filter(o -> o.status().equals(OptionResult.RECOMMENDED)).findFirst()
                    .ifPresent(o -> o.reasons().forEach(r -> s.append(reasonLine("  ", r))));
        } else {
            s.append("NO OPTION FITS these requirements. What rules each option out:\n");
            advice.conflicts().forEach(c -> s.append("  ").append(Escape.oneLine(c)).append('\n'));
        }
        s.append("\nWhy not the others\n");
        for (OptionResult option : advice.options()) {
            if (option.status().equals(OptionResult.RECOMMENDED)) {
                continue;
            }
            s.append(String.format("  %-9s %s", option.status(), Escape.oneLine(option.title())));
            if (option.score() != null) {
                s.append(" (score ").append(option.score()).append(", best with ").append(option.dataplane())
                        .append(" data plane, ").append(option.networkPolicy()).append(" policy)");
            }
            s.append('\n');
            option.reasons().forEach(r -> s.append(reasonLine("    ", r)));
        }
        if (!advice.warnings().isEmpty()) {
            s.append("\nWarnings\n");
            advice.warnings().forEach(w -> s.append("  ").append(w.level().toUpperCase()).append(": ")
                    .append(Escape.oneLine(w.text())).append(cite(w)).append('\n'));
        }
        s.append('\n').append(AddressPlanWriter.text(advice.addressPlan(), rec == null ? null : rec.option()));
        if (rec != null) {
            s.append("\nCreate it (set RESOURCE_GROUP and VNET_NAME first)\n");
            AzCliCommand.script(rec.deployment()).lines().forEach(l -> s.append("  ").append(l).append('\n'));
        }
        s.append("\nSources\n");
        sources(advice).values().forEach(src -> s.append("  [").append(Escape.oneLine(src.id())).append("] ")
                .append(Escape.oneLine(src.title())).append(", as of ").append(src.asOf()).append("\n      ")
                .append(Escape.oneLine(src.url())).append('\n'));
        return s.toString();
    }

    private static String describe(Recommendation rec) {
        return rec.title() + ", " + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy";
    }

    private static String reasonLine(String indent, Reason r) {
        return indent + symbol(r) + " " + Escape.oneLine(r.text()) + cite(r) + '\n';
    }

    private static String symbol(Reason r) {
        return switch (r.effect()) {
            case "excludes" -> "x";
            case "narrows" -> "~";
            case "favours" -> "+";
            case "penalises" -> "-";
            default -> "*";
        };
    }

    private static String cite(Reason r) {
        return Escape.oneLine(" [" + r.rule() + "; " + r.sources().stream().map(Source::id)
                .collect(Collectors.joining(", ")) + "]");
    }

    /** Every source cited anywhere in the advice, by id. */
    static Map<String, Source> sources(Advice advice) {
        Map<String, Source> sources = new TreeMap<>();
        advice.options().forEach(o -> o.reasons().forEach(r -> r.sources().forEach(s -> sources.put(s.id(), s))));
        advice.findings().forEach(r -> r.sources().forEach(s -> sources.put(s.id(), s)));
        return sources;
    }

    // ---- markdown ----

    /** Markdown; every value from the input, the rules or the facts goes through {@link Escape}. */
    static String markdown(Advice advice) {
        StringBuilder s = new StringBuilder();
        s.append("## ").append(md(advice.name())).append(": AKS network plugin advice\n\n");
        s.append("As of ").append(advice.asOf()).append(".\n\n");
        Recommendation rec = advice.recommendation();
        if (rec != null) {
            s.append("**Recommended:** ").append(md(describe(rec))).append("\n\n");
        } else {
            s.append("**No option fits these requirements.**\n\n");
            advice.conflicts().forEach(c -> s.append("- ").append(md(c)).append('\n'));
            s.append('\n');
        }
        optionsTable(s, advice);
        for (OptionResult o : advice.options()) {
            s.append("\n### ").append(md(o.title())).append(" (").append(md(o.status())).append(")\n\n");
            for (Reason r : o.reasons()) {
                s.append("- ").append(md(r.effect())).append(": ").append(md(r.text())).append(mdCite(r)).append('\n');
            }
        }
        if (!advice.warnings().isEmpty()) {
            s.append("\n### Warnings\n\n");
            advice.warnings().forEach(w -> s.append("- **").append(md(w.level())).append("**: ").append(md(w.text()))
                    .append(mdCite(w)).append('\n'));
        }
        s.append('\n').append(AddressPlanWriter.markdown(advice.addressPlan(), rec == null ? null : rec.option()));
        if (rec != null) {
            s.append("\n### Create it\n\n").append(shellBlock(rec.deployment()));
        }
        s.append("\n### Sources\n\n");
        sources(advice).values().forEach(src -> s.append("- ").append(sourceLink(src)).append('\n'));
        return s.toString();
    }

    /**
     * A fenced bash block holding the az steps. No line of it can close the fence: each is a comment ("# ..."), a
     * command, or an indented flag, and {@link AzCliCommand#script} keeps every value on its line.
     */
    static String shellBlock(Deployment deployment) {
        return "```bash\n" + AzCliCommand.script(deployment) + "```\n";
    }

    /** "`id` [title](url), as of date" for the sources list. */
    static String sourceLink(Source src) {
        return Escape.markdownCode(src.id(), false) + " [" + md(src.title()) + "](" + Escape.markdownUrl(src.url())
                + "), as of " + src.asOf();
    }

    /** " (`RULE`; [source-id](url), ...)" after a reason or finding. */
    static String mdCite(Reason r) {
        return " (" + Escape.markdownCode(r.rule(), false) + r.sources().stream()
                .map(src -> "[" + md(src.id()) + "](" + Escape.markdownUrl(src.url()) + ")")
                .collect(Collectors.joining(", ", r.sources().isEmpty() ? "" : "; ", "")) + ")";
    }

    /** Every option's status, score and best configuration as a Markdown table. */
    static void optionsTable(StringBuilder s, Advice advice) {
        s.append("| Option | Status | Score | Data plane | Network policy |\n|---|---|---|---|---|\n");
        for (OptionResult o : advice.options()) {
            s.append("| ").append(md(o.title())).append(" | ").append(md(o.status())).append(" | ")
                    .append(o.score() == null ? "" : o.score()).append(" | ")
                    .append(o.dataplane() == null ? "" : md(o.dataplane())).append(" | ")
                    .append(o.networkPolicy() == null ? "" : md(o.networkPolicy())).append(" |\n");
        }
    }

    /** Inline Markdown text, safe in a paragraph, heading, list item or table cell: {@link Escape#markdown}. */
    static String md(String text) {
        return Escape.markdown(text);
    }
}
