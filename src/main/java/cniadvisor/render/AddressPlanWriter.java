package cniadvisor.render;

import cniadvisor.io.RequestBinder;

import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressPlan;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an address plan as text or Markdown: the ranges to use, every option's sizing, and the findings. */
public final class AddressPlanWriter {

    private AddressPlanWriter() {
    }

    /** {@code chosen} is the option the ranges were planned for (marked in the sizing), or null. */
    public static String text(AddressPlan plan, String chosen) {
        return text(plan, chosen, TextLayout.PLAIN);
    }

    /** As {@link #text(AddressPlan, String)}, laid out for a terminal ({@link TextLayout}). */
    public static String text(AddressPlan plan, String chosen, TextLayout layout) {
        StringBuilder s = new StringBuilder(layout.paint("Address plan", TextLayout.Tone.BOLD)).append('\n');
        if (!plan.ranges().isEmpty()) {
            s.append("  Ranges to use").append(chosen == null ? "" : " (" + chosen + ")").append('\n');
            s.append(ranges(plan, layout, "    "));
        }
        s.append("  Sizing per option\n").append(sizing(plan, chosen, layout, "    "));
        if (!plan.findings().isEmpty()) {
            s.append("  Findings\n");
            plan.findings().forEach(f -> s.append(layout.paragraph("    ", 6)
                    .text(f.level().toUpperCase(Locale.ROOT) + ":", AdviceWriter.levelTone(f.level()))
                    .text(Escape.oneLine(f.text())).text("[" + Escape.oneLine(f.rule()) + ";")
                    .text(Escape.oneLine(sourceIds(f)) + "]").render()));
        }
        return s.toString();
    }

    /**
     * The ranges to use, one a line: role, range and origin in columns, the origin wrapping under itself (or a
     * little past the indent, when that leaves too little of the line).
     */
    static String ranges(AddressPlan plan, TextLayout layout, String indent) {
        int column = indent.length() + 16 + 19;
        // on a narrow terminal the origin goes under the range instead of beside it
        boolean beside = !layout.wraps() || column <= layout.width() / 2;
        StringBuilder s = new StringBuilder();
        for (ProposedRange r : plan.ranges()) {
            TextLayout.Paragraph line = layout.paragraph(indent, beside ? column : indent.length() + 4)
                    .cell(RangeRelation.label(r.role()), 16, null);
            String range = r.usable() == null ? "(none free)" : Escape.oneLine(r.usable());
            String origin = Escape.oneLine(forPools(r.pools()) + origin(r));
            if (beside) {
                s.append(line.cell(range, 19, null).text(origin).render());
            } else {
                s.append(line.word(range, null).render())
                        .append(layout.paragraph(indent + "    ", indent.length() + 4).text(origin).render());
            }
        }
        return s.toString();
    }

    /** Every option's sizing arithmetic: the option, then a line per range (in red when it does not fit). */
    static String sizing(AddressPlan plan, String chosen, TextLayout layout, String indent) {
        StringBuilder s = new StringBuilder();
        byOption(plan).forEach((option, fits) -> {
            s.append(indent).append(option).append(option.equals(chosen) ? " (planned)" : "").append('\n');
            fits.forEach(f -> s.append(layout.paragraph(indent + "  ", indent.length() + 4)
                    .text(Escape.oneLine(sizingLine(f)), f.cidr() != null && !f.fits() ? TextLayout.Tone.RED : null)
                    .render()));
        });
        return s.toString();
    }

    /** Markdown; every value goes through {@link Escape}. */
    public static String markdown(AddressPlan plan, String chosen) {
        StringBuilder s = new StringBuilder("### Address plan\n\n");
        if (!plan.ranges().isEmpty()) {
            s.append("Ranges to use").append(chosen == null ? "" : " (" + AdviceWriter.md(chosen) + ")")
                    .append(":\n\n");
            s.append("| Range | CIDR | Origin |\n|---|---|---|\n");
            plan.ranges().forEach(r -> s.append("| ").append(AdviceWriter.md(RangeRelation.label(r.role())))
                    .append(" | ").append(r.usable() == null ? "(none free)" : Escape.markdownCode(r.usable(), true))
                    .append(" | ").append(AdviceWriter.md(forPools(r.pools()) + origin(r))).append(" |\n"));
            s.append('\n');
        }
        s.append("| Option | Range | Needs | Smallest | Range checked | Usable | Fits | Headroom | Holds nodes |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (AddressFit f : plan.sizing()) {
            s.append("| ").append(AdviceWriter.md(f.option())).append(f.option().equals(chosen) ? " (planned)" : "")
                    .append(" | ").append(AdviceWriter.md(RangeRelation.label(f.range()))).append(" | ")
                    .append(AdviceWriter.md(f.formula()))
                    .append(f.note() == null ? "" : "<br>" + AdviceWriter.md(f.note())).append(" | /")
                    .append(f.smallestPrefix()).append(" | ").append(f.cidr() == null ? ""
                            : Escape.markdownCode(f.cidr(), true) + (f.given() ? "" : " (default)")).append(" | ")
                    .append(f.cidr() == null ? "" : f.available()).append(" | ")
                    .append(f.cidr() == null ? "" : f.fits() ? "yes" : "**no**").append(" | ")
                    .append(f.headroom() == null ? "" : f.headroom()).append(" | ")
                    .append(f.capacityNodes() == null ? "" : f.capacityNodes()).append(" |\n");
        }
        if (!plan.findings().isEmpty()) {
            s.append("\nFindings:\n\n");
            plan.findings().forEach(f -> s.append("- **").append(AdviceWriter.md(f.level())).append("**: ")
                    .append(AdviceWriter.md(f.text())).append(AdviceWriter.mdCite(f)).append('\n'));
        }
        return s.toString();
    }

    static String sizingLine(AddressFit f) {
        StringBuilder s = new StringBuilder(RangeRelation.label(f.range()));
        s.append(": ").append(f.formula()).append("; smallest /").append(f.smallestPrefix());
        if (f.cidr() != null) {
            s.append("; ").append(f.given() ? "given " : "AKS default ").append(f.cidr()).append(": ")
                    .append(String.format(Locale.ROOT, "%,d", f.available())).append(' ')
                    .append(f.unit().equals("nodes") ? "nodes" : "usable").append(f.fits() ? ", fits" : ", DOES NOT FIT")
                    .append(String.format(Locale.ROOT, ", headroom %,d", f.headroom()));
            if (f.room().size() > 1 || f.room().size() == 1 && f.pools().size() == 1 && !isShorthand(f)) {
                s.append(", room for ").append(f.room().stream().map(r -> String.format(Locale.ROOT,
                        "%,d more %s nodes", r.moreNodes(), r.pool())).collect(Collectors.joining(" or ")));
            } else if (f.capacityNodes() != null && !f.unit().equals("nodes")) {
                s.append(String.format(Locale.ROOT, ", holds %,d nodes", f.capacityNodes()));
            }
        }
        if (f.note() != null) {
            s.append(" (").append(f.note()).append(')');
        }
        return s.toString();
    }

    /** The one pool of the flat keys: its room is what "holds N nodes" says. */
    private static boolean isShorthand(AddressFit f) {
        return f.pools().equals(List.of(RequestBinder.SHORTHAND_POOL_NAME));
    }

    /** "for pools system, apps: " when a subnet is some pools' (the cluster lists its pools), else "". */
    private static String forPools(List<String> pools) {
        return pools.isEmpty() ? "" : "for " + (pools.size() == 1 ? "pool " : "pools ") + String.join(", ", pools)
                + ": ";
    }

    /**
     * How a range came about. A rejected given range is listed by its proposal, so "ranges to use" never shows a
     * range that cannot be used, and says plainly that it is not the given value.
     */
    private static String origin(ProposedRange r) {
        return switch (r.origin()) {
            case "given" -> "given";
            case "default" -> "AKS default" + (r.reason() == null ? "" : ": " + r.reason());
            case ProposedRange.REJECTED -> (r.proposal() == null ? "no free range found to propose" : "proposed")
                    + " instead of the given " + r.cidr() + ", which is " + r.reason()
                    + "; the az, Terraform and Bicep output keep the given value";
            default -> "proposed" + (r.replaces() == null ? "" : ", instead of " + r.replaces())
                    + (r.reason() == null ? "" : ": " + r.reason());
        };
    }

    private static Map<String, List<AddressFit>> byOption(AddressPlan plan) {
        return plan.sizing().stream().collect(Collectors.groupingBy(AddressFit::option, LinkedHashMap::new,
                Collectors.toList()));
    }

    private static String sourceIds(Reason r) {
        return r.sources().stream().map(Source::id).collect(Collectors.joining(", "));
    }
}
