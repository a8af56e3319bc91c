package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.Clusters;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code assess -o text}: a section per cluster (what it runs, its status and deadlines, the target, the migration
 * when planned, the findings and what was assumed), then the fleet summary. {@code -o table}: a row per cluster,
 * then the summary. Every value from the input is kept on its line ({@link Escape#oneLine}).
 */
final class AssessmentTextWriter implements AssessmentWriter {

    private static final String ROW = "%-24s %-16s %-22s %-7s %-8s %-8s %-24s %-36s %3s %3s";

    private final Writer out;
    private final boolean table;
    private boolean headerWritten;

    AssessmentTextWriter(Writer out, boolean table) {
        this.out = out;
        this.table = table;
    }

    @Override
    public void write(Assessment a) throws IOException {
        if (table) {
            header();
            long errors = count(a, Reason.ERROR);
            long warnings = count(a, Reason.WARNING);
            line(String.format(Locale.ROOT, ROW, fit(a.name(), 24), fit(nullToDash(a.resourceGroup()), 16),
                    a.current().option(), a.current().dataplane(), a.current().networkPolicy(),
                    nullToDash(a.current().kubernetesVersion()), status(a), target(a.target()), errors, warnings));
            return;
        }
        StringBuilder s = new StringBuilder();
        s.append(Escape.oneLine(a.name())).append(a.resourceGroup() == null ? ""
                : " (resource group " + Escape.oneLine(a.resourceGroup()) + ")").append("  [")
                .append(Escape.oneLine(a.source())).append("]\n");
        Assessment.Current c = a.current();
        s.append("  current    ").append(c.option()).append(", ").append(c.dataplane()).append(" data plane, ")
                .append(policy(c.networkPolicy())).append("; Kubernetes ").append(nullToDash(c.kubernetesVersion()))
                .append(c.sku() == null ? "" : "; sku " + Escape.oneLine(c.sku())
                        + (c.automatic() ? " (AKS Automatic)" : ""))
                .append(c.outboundType() == null ? "" : "; outbound " + c.outboundType()).append('\n');
        List<String> ranges = new ArrayList<>();
        addRange(ranges, "pod CIDR", c.podCidr());
        addRange(ranges, "service CIDR", c.serviceCidr());
        addRange(ranges, "DNS", c.dnsServiceIp());
        addRange(ranges, "IPv6 pod CIDR", c.ipv6PodCidr());
        addRange(ranges, "IPv6 service CIDR", c.ipv6ServiceCidr());
        if (!c.vnetCidr().isEmpty()) {
            ranges.add("VNet " + String.join(", ", c.vnetCidr()));
        }
        if (!ranges.isEmpty()) {
            s.append("  ranges     ").append(String.join("; ", ranges)).append('\n');
        }
        if (!c.features().isEmpty()) {
            s.append("  features   ").append(String.join(", ", c.features())).append('\n');
        }
        for (Assessment.Pool p : c.pools()) {
            s.append("  pool       ").append(Escape.oneLine(p.name())).append(": ").append(p.mode()).append(", ")
                    .append(p.os()).append(p.windowsServerVersion() == null ? "" : " " + p.windowsServerVersion())
                    .append(p.count() == null ? "" : ", " + p.count() + " nodes")
                    .append(p.minCount() == null ? ", max " + p.maxCount() : ", autoscale " + p.minCount() + "-"
                            + p.maxCount())
                    .append(p.maxPods() == null ? "" : ", max pods " + p.maxPods())
                    .append(p.maxSurge() == null ? "" : ", max surge " + p.maxSurge())
                    .append(p.nodeSubnetCidr() != null ? ", node subnet " + p.nodeSubnetCidr()
                            : p.nodeSubnetId() != null ? ", node subnet " + lastSegment(p.nodeSubnetId()) : "")
                    .append(p.podSubnetCidr() != null ? ", pod subnet " + p.podSubnetCidr()
                            : p.podSubnetId() != null ? ", pod subnet " + lastSegment(p.podSubnetId()) : "")
                    .append('\n');
        }
        s.append("  status     ").append(a.status().toUpperCase(Locale.ROOT)).append(": ")
                .append(a.statusDetail()).append('\n');
        for (Assessment.Deadline d : a.deadlines()) {
            s.append("  deadline   ").append(d.date()).append(' ').append(d.subject())
                    .append(d.passed() ? " (passed " + -d.daysLeft() + " days ago)" : " (" + d.daysLeft()
                            + " days left)").append(", then ").append(d.replacement()).append(" [")
                    .append(d.sources().stream().map(Source::id).collect(Collectors.joining(", "))).append("]\n");
        }
        s.append("  target     ");
        if (a.target() == null) {
            s.append("none: no option satisfies the requirements (")
                    .append(Escape.oneLine(String.join("; ", a.advice().conflicts()))).append(")\n");
        } else {
            Assessment.Target t = a.target();
            s.append(t.stay() ? "stay: " : "move: ").append(t.title()).append(", ").append(t.dataplane())
                    .append(" data plane, ").append(policy(t.networkPolicy()))
                    .append(t.stay() ? "" : " (changes " + String.join(", ", t.changes()) + ")").append('\n');
        }
        migration(s, a.migration());
        if (!a.findings().isEmpty()) {
            s.append("  findings\n");
            for (Reason f : a.findings()) {
                s.append("    ").append(f.level()).append(" [").append(f.rule()).append("] ")
                        .append(Escape.oneLine(f.text())).append('\n');
            }
        }
        if (!a.assumptions().isEmpty()) {
            s.append("  assumed (set with --requirements)\n");
            for (Clusters.Assumption x : a.assumptions()) {
                s.append("    ").append(x.key()).append(x.value() == null ? "" : ": " + x.value()).append("  ")
                        .append(Escape.oneLine(x.note())).append('\n');
            }
        }
        if (!a.requirements().isEmpty()) {
            s.append("  given      ").append(String.join(", ", a.requirements())).append(" (--requirements)\n");
        }
        out.write(s.append('\n').toString());
    }

    private static void migration(StringBuilder s, MigrationPlan plan) {
        if (plan == null || plan.steps().isEmpty() && plan.blockers().isEmpty()) {
            return; // staying: nothing to migrate
        }
        s.append("  migration  ").append(plan.from()).append(" -> ").append(plan.to())
                .append(plan.inPlace() ? ", in place" : ", a new cluster").append('\n');
        for (Reason blocker : plan.blockers()) {
            // an error blocks the step; a warning or info is something to know or check first
            String label = cniadvisor.model.Reason.ERROR.equals(blocker.level()) ? "blocked" : blocker.level();
            s.append("    ").append(label).append(" [").append(blocker.rule()).append("] ")
                    .append(Escape.oneLine(blocker.text()))
                    .append('\n');
        }
        if (!plan.variables().isEmpty()) {
            s.append("    set first:\n");
            AzCliCommand.assignments(plan.variables()).lines().forEach(l -> s.append("       ").append(l).append('\n'));
        }
        int n = 0;
        for (MigrationPlan.RunbookStep step : plan.steps()) {
            s.append("    ").append(++n).append(". ").append(Escape.oneLine(step.title()))
                    .append(step.sources().isEmpty() ? "" : " [" + String.join(", ", step.sources()) + "]")
                    .append('\n');
            String bash = AssessmentJsonWriter.bash(step.command());
            if (bash != null) {
                bash.lines().forEach(l -> s.append("       ").append(l).append('\n'));
            }
        }
        if (!plan.terraform().isEmpty()) {
            s.append("    terraform (azurerm_kubernetes_cluster; apply each change with its step, in order):\n");
            for (MigrationPlan.TerraformStep t : plan.terraform()) {
                s.append("      step ").append(t.step()).append(": ").append(t.attribute()).append(": ")
                        .append(t.from() == null ? "(unset)" : t.from())
                        .append(" -> ").append(t.to() == null ? "(unset)" : t.to()).append("  ")
                        .append(inPlace(t.inPlace())).append(": ").append(Escape.oneLine(t.note()))
                        .append(t.sources().isEmpty() ? "" : " [" + String.join(", ", t.sources()) + "]").append('\n');
            }
        }
    }

    /** How the azurerm provider applies a change, in words. */
    static String inPlace(Boolean inPlace) {
        return inPlace == null ? "not sourced" : inPlace ? "updates in place" : "REPLACES the cluster";
    }

    @Override
    public void invalid(String file, String source, List<InputError> errors) throws IOException {
        if (table) {
            header();
            line(String.format(Locale.ROOT, "%-24s INVALID  %s", fit(source, 24), errors.get(0).format()
                    + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "")));
            return;
        }
        StringBuilder s = new StringBuilder(Escape.oneLine(source)).append("  INVALID\n");
        errors.forEach(e -> s.append("  error: ").append(Escape.oneLine(e.format())).append('\n'));
        out.write(s.append('\n').toString());
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        if (table && headerWritten) {
            out.write('\n');
        }
        if (!table) {
            out.write("Fleet\n");
        }
        for (String line : summary.lines()) {
            out.write(Escape.oneLine(line) + "\n");
        }
        out.flush();
    }

    private void header() throws IOException {
        if (!headerWritten) {
            line(String.format(Locale.ROOT, ROW, "NAME", "RESOURCE GROUP", "OPTION", "PLANE", "POLICY", "K8S",
                    "STATUS", "TARGET", "E", "W"));
            headerWritten = true;
        }
    }

    private void line(String row) throws IOException {
        out.write(Escape.oneLine(row).stripTrailing() + "\n");
    }

    private static String status(Assessment a) {
        return a.daysLeft() != null ? a.status() + " (" + a.daysLeft() + "d)" : a.status();
    }

    private static String target(Assessment.Target t) {
        if (t == null) {
            return "NO FIT";
        }
        // the data plane and policy too: a move to Overlay may change them as well
        return t.stay() ? "stay" : t.option() + " (" + t.dataplane() + "/" + t.networkPolicy() + ")";
    }

    private static long count(Assessment a, String level) {
        return a.findings().stream().filter(f -> level.equals(f.level())).count();
    }

    private static String policy(String policy) {
        return policy == null || "none".equals(policy) ? "no network policy" : policy + " network policy";
    }

    private static void addRange(List<String> ranges, String label, String value) {
        if (value != null) {
            ranges.add(label + " " + value);
        }
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }

    private static String lastSegment(String id) {
        String line = Escape.oneLine(id);
        int slash = line.lastIndexOf('/');
        return slash >= 0 && slash < line.length() - 1 ? line.substring(slash + 1) + " (id)" : line;
    }

    private static String fit(String text, int width) {
        String line = Escape.oneLine(text);
        if (line.codePointCount(0, line.length()) <= width) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, width - 3)) + "...";
    }
}
