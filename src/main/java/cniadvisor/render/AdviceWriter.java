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
        write(advice, format, out, source, TextReport.PLAIN);
    }

    /** As {@link #write(Advice, OutputFormat, PrintWriter, String)}; {@code report} lays out the text format. */
    public static void write(Advice advice, OutputFormat format, PrintWriter out, String source, TextReport report) {
        out.print(renderer(format).render(advice, source, report));
        out.flush();
    }

    /**
     * One output format of a request's advice: its whole text, given the request file CI annotations point at and
     * how the text report is laid out (the other formats ignore it).
     */
    @FunctionalInterface
    public interface Renderer {
        String render(Advice advice, String source, TextReport report);
    }

    /** The renderer of each format; the switch makes a format without one a compile error. */
    public static Renderer renderer(OutputFormat format) {
        return switch (format) {
            case json -> (advice, source, report) -> serialize(advice, true) + "\n";
            case yaml -> (advice, source, report) -> serialize(advice, false);
            case markdown -> (advice, source, report) -> markdown(advice);
            case text -> (advice, source, report) -> text(advice, report);
            case terraform -> (advice, source, report) -> TerraformSnippet.render(advice);
            case bicep -> (advice, source, report) -> BicepSnippet.render(advice);
            case table -> (advice, source, report) -> Tables.table(OPTION_COLUMNS, optionRows(advice));
            case tsv -> (advice, source, report) -> Tables.tsv(optionRows(advice));
            case github -> (advice, source, report) -> CiAnnotations.render(CiAnnotations.Kind.github,
                    annotations(advice, source));
            case azure_devops -> (advice, source, report) -> CiAnnotations.render(CiAnnotations.Kind.azure_devops,
                    annotations(advice, source));
        };
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
     * What a text report shows and how: its layout, the details (every option's reasons, the sizing arithmetic, the
     * notes, the sources with their dates) or the short form, and in the short form how to ask for the details
     * ("--details"), said in its last line.
     */
    public record TextReport(TextLayout layout, boolean details, String detailsHint) {
        /** Not wrapped, not coloured, the short form: what {@code advise > report.txt} writes. */
        public static final TextReport PLAIN = new TextReport(TextLayout.PLAIN, false, "--details");
    }

    /** At most this many of the recommendation's reasons in the short form; the rest come with the details. */
    static final int TOP_REASONS = 4;

    /** The one-line key to the marks before each reason. */
    static final String KEY = "Key: +\u00A0for, -\u00A0against, ~\u00A0narrows the setup, x\u00A0rules the option out,"
            + " *\u00A0note";

    /**
     * The text report, in the order a reader needs it: the recommendation and its top reasons; the errors, then the
     * warnings; the ranges and the commands that create the cluster; why not each other option; then, with the
     * details, the sizing arithmetic, the notes and the sources. Every value that came from the input or the rules
     * stays on its line ({@link Escape#oneLine}): no name can start a line of its own or send control sequences to
     * the terminal.
     */
    public static String text(Advice advice, TextReport report) {
        TextLayout layout = report.layout();
        boolean details = report.details();
        StringBuilder s = new StringBuilder();
        s.append(layout.paragraph("", 2).text(Escape.oneLine(advice.name()) + ": AKS network plugin advice (as of "
                + advice.asOf() + ")", TextLayout.Tone.BOLD).render());
        s.append(layout.paragraph("", 5).text(KEY, TextLayout.Tone.FAINT).render()).append('\n');
        Recommendation rec = advice.recommendation();
        OptionResult recommended = advice.options().stream()
                .filter(o -> o.status().equals(OptionResult.RECOMMENDED)).findFirst().orElse(null);
        if (rec != null) {
            s.append(layout.paragraph("", 13).cell("RECOMMENDED", 13, TextLayout.Tone.BOLD_GREEN)
                    .text(describe(rec), TextLayout.Tone.BOLD).render());
            List<Reason> reasons = recommended == null ? List.of() : recommended.reasons();
            List<Reason> shown = top(reasons, details ? reasons.size() : TOP_REASONS);
            shown.forEach(r -> s.append(reasonLine(layout, "  ", r, details)));
            if (shown.size() < reasons.size()) {
                s.append(layout.paragraph("  ", 4).text("(" + (reasons.size() - shown.size()) + " more with "
                        + report.detailsHint() + ")", TextLayout.Tone.FAINT).render());
            }
        } else {
            s.append(layout.paragraph("", 2).word("NO OPTION FITS", TextLayout.Tone.BOLD_RED)
                    .text("these requirements. What rules each option out:").render());
            advice.conflicts().forEach(c -> s.append(layout.paragraph("  ", 4).text(Escape.oneLine(c)).render()));
        }
        problems(s, advice, layout, details);
        if (rec != null) {
            if (!advice.addressPlan().ranges().isEmpty()) {
                s.append('\n').append(heading(layout, "Address ranges (" + rec.option() + ")"));
                s.append(AddressPlanWriter.ranges(advice.addressPlan(), layout, "  "));
            }
            String script = AzCliCommand.script(rec.deployment());
            s.append('\n').append(heading(layout, "Create it (paste into bash)"));
            s.append(layout.shell("# Set these first: " + String.join(" ", variablesToSet(script)) + "\n" + script,
                    "  "));
        }
        s.append('\n').append(heading(layout, rec == null ? "Why each option is out" : "Why not the others"));
        Integer best = recommended == null ? null : recommended.score();
        for (OptionResult option : advice.options()) {
            if (option.status().equals(OptionResult.RECOMMENDED)) {
                continue;
            }
            TextLayout.Paragraph line = layout.paragraph("  ", 12).cell(option.status(), 10,
                    option.status().equals(OptionResult.EXCLUDED) ? TextLayout.Tone.RED : TextLayout.Tone.YELLOW)
                    .text(Escape.oneLine(option.title()));
            if (option.score() != null) {
                line.text("(score " + option.score() + (best == null ? "" : ", recommended " + best)
                        + "; best with " + option.dataplane() + " data plane, " + option.networkPolicy() + " policy)");
            }
            s.append(line.render());
            option.reasons().stream().filter(r -> details || against(option, r))
                    .forEach(r -> s.append(reasonLine(layout, "    ", r, details)));
        }
        if (details) {
            s.append('\n').append(heading(layout, "Sizing per option (the arithmetic)"));
            s.append(AddressPlanWriter.sizing(advice.addressPlan(), rec == null ? null : rec.option(), layout, "  "));
            List<Reason> notes = notes(advice);
            if (!notes.isEmpty()) {
                s.append('\n').append(heading(layout, "Notes"));
                notes.forEach(n -> s.append(finding(layout, n, true)));
            }
            s.append('\n').append(heading(layout, "Sources"));
            sources(advice).values().forEach(src -> s.append(layout.paragraph("  ", 6)
                    .text("[" + Escape.oneLine(src.id()) + "]", TextLayout.Tone.CYAN).text(Citations.titleAndDate(src))
                    .render())
                    .append(layout.paragraph("      ", 6).text(Escape.oneLine(src.url())).render()));
        } else {
            int notes = notes(advice).size();
            s.append('\n').append(layout.paragraph("", 2).text("More with " + report.detailsHint()
                    + ": every option's reasons, the sizing arithmetic, " + (notes == 0 ? "" : notes
                    + (notes == 1 ? " note" : " notes") + " and ") + "the " + sources(advice).size()
                    + " sources with their dates.", TextLayout.Tone.FAINT).render());
        }
        return s.toString();
    }

    /** The errors, then the warnings, under one heading that says which there are. */
    private static void problems(StringBuilder s, Advice advice, TextLayout layout, boolean details) {
        List<Reason> errors = atLevel(advice, Reason.ERROR);
        List<Reason> warnings = atLevel(advice, Reason.WARNING);
        if (errors.isEmpty() && warnings.isEmpty()) {
            return;
        }
        s.append('\n').append(heading(layout, errors.isEmpty() ? "Warnings" : warnings.isEmpty() ? "Errors"
                : "Errors and warnings"));
        errors.forEach(e -> s.append(finding(layout, e, details)));
        warnings.forEach(w -> s.append(finding(layout, w, details)));
    }

    private static List<Reason> atLevel(Advice advice, String level) {
        return advice.findings().stream().filter(f -> level.equals(f.level())).toList();
    }

    /** The findings that are neither errors nor warnings: one-way doors and other notes. */
    private static List<Reason> notes(Advice advice) {
        return advice.findings().stream().filter(f -> !Reason.ERROR.equals(f.level())
                && !Reason.WARNING.equals(f.level())).toList();
    }

    /** "ERROR: text [RULE]" (with the source ids in the details), its level in its colour. */
    private static String finding(TextLayout layout, Reason f, boolean details) {
        String level = f.level() == null ? "note" : f.level();
        return layout.paragraph("  ", 4).text(level.toUpperCase(java.util.Locale.ROOT) + ":", levelTone(level))
                .text(Escape.oneLine(f.text())).text(cite(f, details), TextLayout.Tone.FAINT).render();
    }

    static TextLayout.Tone levelTone(String level) {
        return switch (level) {
            case Reason.ERROR -> TextLayout.Tone.BOLD_RED;
            case Reason.WARNING -> TextLayout.Tone.BOLD_YELLOW;
            default -> TextLayout.Tone.CYAN;
        };
    }

    private static String heading(TextLayout layout, String title) {
        return layout.paragraph("", 2).text(title, TextLayout.Tone.BOLD).render();
    }

    /**
     * The recommendation's reasons for the short form: what favours it first, then what narrowed its setup, what
     * counts against it and the notes; at most {@code limit} ({@link #TOP_REASONS} in the short form).
     */
    private static List<Reason> top(List<Reason> reasons, int limit) {
        List<String> order = List.of("favours", "narrows", "penalises", "notes", "excludes");
        return reasons.stream().sorted(java.util.Comparator.comparingInt(r -> {
            int i = order.indexOf(r.effect());
            return i < 0 ? order.size() : i;
        })).limit(limit).toList();
    }

    /** Why an option lost, in the short form: what rules it out, or what counts against it. */
    private static boolean against(OptionResult option, Reason r) {
        return option.status().equals(OptionResult.EXCLUDED) ? r.effect().equals("excludes")
                : r.effect().equals("penalises");
    }

    /**
     * The variables a bash block reads but does not set ({@code "$RESOURCE_GROUP"}, ...), in the order it first
     * reads them: what the reader sets before pasting it.
     */
    static List<String> variablesToSet(String script) {
        java.util.Set<String> assigned = new java.util.HashSet<>();
        java.util.Set<String> read = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher assign = java.util.regex.Pattern.compile("(?m)^\\s*([A-Z_][A-Z0-9_]*)=").matcher(script);
        while (assign.find()) {
            assigned.add(assign.group(1));
        }
        java.util.regex.Matcher use = java.util.regex.Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)").matcher(script);
        while (use.find()) {
            if (!assigned.contains(use.group(1))) {
                read.add(use.group(1));
            }
        }
        return List.copyOf(read);
    }

    private static String describe(Recommendation rec) {
        return rec.title() + ", " + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy";
    }

    private static String reasonLine(TextLayout layout, String indent, Reason r, boolean details) {
        return layout.paragraph(indent, indent.length() + 2).word(symbol(r), symbolTone(r))
                .text(Escape.oneLine(r.text())).text(cite(r, details), TextLayout.Tone.FAINT).render();
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

    private static TextLayout.Tone symbolTone(Reason r) {
        return switch (r.effect()) {
            case "excludes" -> TextLayout.Tone.RED;
            case "narrows", "penalises" -> TextLayout.Tone.YELLOW;
            case "favours" -> TextLayout.Tone.GREEN;
            default -> TextLayout.Tone.CYAN;
        };
    }

    /** "[RULE]", or with the details "[RULE; source, source]". */
    private static String cite(Reason r, boolean details) {
        return Escape.oneLine("[" + r.rule() + (details ? "; " + r.sources().stream().map(Source::id)
                .collect(Collectors.joining(", ")) : "") + "]");
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
        String script = AzCliCommand.script(deployment);
        List<String> variables = variablesToSet(script);
        return "```bash\n" + (variables.isEmpty() ? "" : "# Set these first: " + String.join(" ", variables) + "\n")
                + script + "```\n";
    }

    /** "`id` [title](url), as of date" for the sources list. */
    static String sourceLink(Source src) {
        return Escape.markdownCode(src.id(), false) + " " + Citations.markdown(src);
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
