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
        StringBuilder s = new StringBuilder("Address plan\n");
        if (!plan.ranges().isEmpty()) {
            s.append("  Ranges to use").append(chosen == null ? "" : " (" + chosen + ")").append('\n');
            for (ProposedRange r : plan.ranges()) {
                s.append(String.format(Locale.ROOT, "    %-15s %-18s %s%n", RangeRelation.label(r.role()),
                        r.usable() == null ? "(none free)" : Escape.oneLine(r.usable()),
                        Escape.oneLine(forPools(r.pools()) + origin(r))));
            }
        }
        s.append("  Sizing per option\n");
        byOption(plan).forEach((option, fits) -> {
            s.append("    ").append(option).append(option.equals(chosen) ? " (planned)" : "").append('\n');
            fits.forEach(f -> s.append("      ").append(Escape.oneLine(sizingLine(f))).append('\n'));
        });
        if (!plan.findings().isEmpty()) {
            s.append("  Findings\n");
            plan.findings().forEach(f -> s.append("    ").append(f.level().toUpperCase(Locale.ROOT)).append(": ")
                    .append(Escape.oneLine(f.text())).append(" [").append(Escape.oneLine(f.rule())).append("; ")
                    .append(Escape.oneLine(sourceIds(f))).append("]\n"));
        }
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
