package cniadvisor.render;

import cniadvisor.io.InputError;
import cniadvisor.io.Spool;

import static cniadvisor.render.AdviceWriter.md;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code assess -o markdown}: for a pull request or a wiki page. The fleet first (counts per option and status,
 * the deadlines, what blocks, the waves), then a section per cluster (what it runs, its status, the target, the
 * blockers and the runbook as a bash block, the findings), then every source cited once. The sections are spooled
 * until the summary is known. Every name and text from the input goes through {@link Escape}.
 */
final class AssessmentMarkdownWriter implements AssessmentWriter {

    private final Writer out;
    private final Context context;
    private final Spool spool;
    private final Map<String, Source> sources = new TreeMap<>();
    private int ordinal;

    AssessmentMarkdownWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.context = context;
        this.spool = new Spool();
    }

    @Override
    public void write(Assessment a) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("\n### ").append(++ordinal).append(". ").append(md(a.name()))
                .append(a.resourceGroup() == null ? "" : " (" + md(a.resourceGroup()) + ")").append("\n\n");
        s.append(Escape.markdownCode(a.source() + (a.line() > 0 ? ":" + a.line() : ""), false)).append("\n\n");
        Assessment.Current c = a.current();
        s.append("| | |\n|---|---|\n");
        s.append("| Runs | ").append(md(c.option())).append(", ").append(md(String.valueOf(c.dataplane())))
                .append(" data plane, ").append(md(String.valueOf(c.networkPolicy()))).append(" network policy |\n");
        s.append("| Kubernetes | ").append(Escape.markdownCode(String.valueOf(c.kubernetesVersion()), true))
                .append(" |\n");
        s.append("| Pools | ").append(c.pools().stream().map(p -> md(p.name()) + " (" + md(String.valueOf(p.os()))
                + ", max "
                + p.maxCount() + ")").collect(Collectors.joining(", "))).append(" |\n");
        s.append("| Status | **").append(md(AssessmentCells.status(a))).append("**: ").append(md(a.statusDetail()))
                .append(" |\n");
        s.append("| Target | ").append(md(AssessmentCells.target(a))).append(" |\n");
        for (Assessment.Deadline d : a.deadlines()) {
            d.sources().forEach(src -> sources.putIfAbsent(src.id(), src));
            s.append("| Deadline | ").append(d.date()).append(' ').append(md(d.subject())).append(", then ")
                    .append(md(String.valueOf(d.replacement()))).append(" (").append(d.sources().stream()
                            .map(src -> Escape.markdownCode(src.id(), true)).collect(Collectors.joining(", ")))
                    .append(") |\n");
        }
        MigrationPlan plan = a.migration();
        if (plan != null && (!plan.blockers().isEmpty() || !plan.steps().isEmpty())) {
            s.append("\n**Migration** ").append(md(plan.from())).append(" → ").append(md(String.valueOf(plan.to())))
                    .append(plan.inPlace() ? ", in place" : ", a new cluster").append("\n\n");
            for (Reason b : plan.blockers()) {
                s.append("- **").append(Reason.ERROR.equals(b.level()) ? "blocked" : md(b.level())).append("**: ")
                        .append(md(b.text())).append(cite(b)).append('\n');
            }
            if (!plan.variables().isEmpty()) {
                s.append("\nSet first:\n\n```bash\n").append(AzCliCommand.assignments(plan.variables()))
                        .append("```\n");
            }
            if (!plan.steps().isEmpty()) {
                s.append('\n');
                int n = 0;
                for (MigrationPlan.RunbookStep step : plan.steps()) {
                    s.append(++n).append(". ").append(md(step.title())).append(step.sources().isEmpty() ? ""
                            : " (" + step.sources().stream().map(id -> Escape.markdownCode(id, false))
                            .collect(Collectors.joining(", ")) + ")").append('\n');
                    String bash = AssessmentJsonWriter.bash(step.command());
                    if (bash != null) {
                        s.append("\n   ```bash\n");
                        bash.lines().forEach(l -> s.append("   ").append(l).append('\n'));
                        s.append("   ```\n");
                    }
                }
            }
        }
        if (plan != null && !plan.terraform().isEmpty()) {
            s.append("\nTerraform (`azurerm_kubernetes_cluster`; apply each change with its step, in order):\n\n"
                    + "| Step | Attribute | From | To | Provider | Why |\n|---:|---|---|---|---|---|\n");
            for (MigrationPlan.TerraformStep t : plan.terraform()) {
                s.append("| ").append(t.step()).append(" | ").append(Escape.markdownCode(t.attribute(), true))
                        .append(" | ")
                        .append(t.from() == null ? "" : Escape.markdownCode(t.from(), true)).append(" | ")
                        .append(t.to() == null ? "" : Escape.markdownCode(t.to(), true)).append(" | ")
                        .append(AssessmentTextWriter.inPlace(t.inPlace())).append(" | ").append(md(t.note()))
                        .append(t.sources().isEmpty() ? "" : " (" + t.sources().stream()
                                .map(id -> Escape.markdownCode(id, true)).collect(Collectors.joining(", ")) + ")")
                        .append(" |\n");
            }
        }
        List<Reason> findings = AssessmentCells.reported(a);
        if (!findings.isEmpty()) {
            s.append("\nFindings:\n\n");
            findings.forEach(f -> s.append("- **").append(md(f.level())).append("**: ").append(md(f.text()))
                    .append(cite(f)).append('\n'));
        }
        spool.writer().write(s.toString());
    }

    private String cite(Reason r) {
        r.sources().forEach(src -> sources.putIfAbsent(src.id(), src));
        return AdviceWriter.mdCite(r);
    }

    @Override
    public void invalid(String file, String source, List<InputError> errors) throws IOException {
        StringBuilder s = new StringBuilder("\n### ").append(++ordinal).append(". ")
                .append(Escape.markdownCode(source, false)).append("\n\n**Could not be read:** not assessed.\n\n");
        errors.forEach(e -> s.append("- ").append(md(e.format())).append('\n'));
        spool.writer().write(s.toString());
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        FleetSummary.View v = summary.view();
        StringBuilder s = new StringBuilder("# AKS clusters: network assessment\n\n");
        s.append("As of ").append(context.asOf()).append(". Input: ").append(context.inputs().stream()
                .map(i -> Escape.markdownCode(i, false)).collect(Collectors.joining(", "))).append(".\n\n");
        s.append("## Fleet\n\n**").append(md(summary.lines().get(0))).append("**\n");
        table(s, "Runs", "Clusters", v.byOption());
        table(s, "Status", "Clusters", v.byStatus());
        if (!v.deadlines().isEmpty()) {
            s.append("\n| Deadline | Retires | Clusters before it | Past it |\n|---|---|---:|---:|\n");
            v.deadlines().forEach(d -> s.append("| ").append(d.date()).append(" | ")
                    .append(Escape.markdownCode(d.subject(), true)).append(" | ").append(d.retiring()).append(" | ")
                    .append(d.past()).append(" |\n"));
        }
        table(s, "Target", "Clusters", v.targets());
        table(s, "Blocked by", "Clusters", v.blockers());
        if (!v.waves().isEmpty()) {
            s.append("\n### Waves\n\nSoonest deadline first; in a wave, fewest blockers first.\n\n");
            int n = 0;
            for (FleetSummary.Wave wave : v.waves()) {
                s.append(++n).append(". ").append(wave.deadline() == null ? "No deadline"
                        : "Deadline " + wave.deadline()).append(": ").append(wave.clusters().stream()
                        .map(c -> md((c.resourceGroup() == null ? "" : c.resourceGroup() + "/") + c.name())
                                + (c.blockers() > 0 ? " (" + c.blockers() + (c.blockers() == 1 ? " blocker)"
                                : " blockers)") : ""))
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        s.append("\n## Clusters\n");
        out.write(s.toString());
        spool.copyTo(out);
        if (!sources.isEmpty()) {
            StringBuilder list = new StringBuilder("\n## Sources\n\n");
            sources.values().forEach(src -> list.append("- ").append(AdviceWriter.sourceLink(src)).append('\n'));
            out.write(list.toString());
        }
        out.flush();
    }

    private static void table(StringBuilder s, String heading, String count, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        s.append("\n| ").append(heading).append(" | ").append(count).append(" |\n|---|---:|\n");
        counts.forEach((key, n) -> s.append("| ").append(Escape.markdownCode(key, true)).append(" | ").append(n)
                .append(" |\n"));
    }

    @Override
    public void close() throws IOException {
        spool.close();
    }
}
