package cniadvisor.inventory;

import cniadvisor.model.Reason;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet at a glance, counted as assessments stream by (nothing per cluster is kept): clusters on each option,
 * by status, how many retiring before each deadline (and how many past it), where they should go, how many have an
 * error finding, how many have no fitting option, how many are blocked and by what, and the inputs that could not be
 * read.
 */
public final class FleetSummary {

    /** One deadline and the clusters it applies to: {@code retiring} before it, {@code past} it already. */
    @JsonPropertyOrder({"subject", "date", "retiring", "past"})
    public record DeadlineCount(String subject, LocalDate date, long retiring, long past) {
    }

    /** The summary as the JSON report gives it. */
    @JsonPropertyOrder({"clusters", "invalid", "byOption", "byStatus", "deadlines", "targets", "withErrors",
            "withWarnings", "noFit", "blocked", "blockers", "waves"})
    public record View(long clusters, long invalid, Map<String, Long> byOption, Map<String, Long> byStatus,
                       List<DeadlineCount> deadlines, Map<String, Long> targets, long withErrors, long withWarnings,
                       long noFit, long blocked, Map<String, Long> blockers, List<Wave> waves) {
    }

    /**
     * The clusters to move before one deadline ({@code deadline} null: those with none), in the order to take them:
     * fewest blockers first.
     */
    @JsonPropertyOrder({"deadline", "clusters"})
    public record Wave(LocalDate deadline, List<WaveCluster> clusters) {
    }

    /** A cluster in a wave: its name, resource group, what it moves to and how many blockers stand in its way. */
    @JsonPropertyOrder({"name", "resourceGroup", "target", "blockers"})
    public record WaveCluster(String name, String resourceGroup, String target, int blockers) {
    }

    /** The clusters a wave's summary line names; the rest are counted. */
    static final int WAVE_NAMES = 10;

    private long clusters;
    private long invalid;
    private final Map<String, Long> byOption = new TreeMap<>();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final Map<String, long[]> deadlines = new TreeMap<>();
    private final Map<String, String[]> deadlineKeys = new TreeMap<>();
    private final Map<String, Long> targets = new TreeMap<>();
    private long withErrors;
    private long withWarnings;
    private long noFit;
    private long blocked;
    private final Map<String, Long> blockers = new TreeMap<>();
    /** Clusters that must change, with the deadline they change before (null: none); one each, for the waves. */
    private final List<Object[]> moving = new ArrayList<>();

    public void add(Assessment a) {
        clusters++;
        byOption.merge(a.current().option(), 1L, Long::sum);
        byStatus.merge(a.status(), 1L, Long::sum);
        for (Assessment.Deadline d : a.deadlines()) {
            String key = d.date() + " " + d.subject();
            deadlineKeys.putIfAbsent(key, new String[] {d.subject(), d.date().toString()});
            long[] counts = deadlines.computeIfAbsent(key, k -> new long[2]);
            counts[d.passed() ? 1 : 0]++;
        }
        targets.merge(a.target() == null ? "no fit" : a.target().stay() ? "stay" : "move to " + a.target().option()
                + " (" + a.target().dataplane() + "/" + a.target().networkPolicy() + ")", 1L, Long::sum);
        if (a.target() == null) {
            noFit++;
        }
        if (a.hasErrors()) {
            withErrors++;
        } else if (a.findings().stream().anyMatch(f -> Reason.WARNING.equals(f.level()))) {
            withWarnings++;
        }
        // a blocker is an error-level reason: warnings and manual checks do not stop a migration
        List<Reason> errors = a.migration() == null ? List.of() : a.migration().blockers().stream()
                .filter(b -> Reason.ERROR.equals(b.level())).toList();
        if (!errors.isEmpty()) {
            blocked++;
            errors.forEach(b -> blockers.merge(b.rule(), 1L, Long::sum));
        }
        // what must change: another option or configuration, or a part of it that retires (a Windows version, say)
        // a cluster no option fits still has its deadline: it goes in that wave, marked, not out of the plan
        if (a.target() == null ? !a.deadlines().isEmpty() : !a.target().stay() || !a.deadlines().isEmpty()) {
            LocalDate deadline = a.deadlines().stream().map(Assessment.Deadline::date).min(Comparator.naturalOrder())
                    .orElse(null);
            moving.add(new Object[] {deadline, new WaveCluster(a.name(), a.resourceGroup(),
                    a.target() == null ? "no fit" : a.target().stay() ? "stay" : a.target().option(),
                    errors.size())});
        }
    }

    /**
     * The clusters that must move, in waves: one per deadline, soonest first (past ones first of all), then those
     * with no deadline; in a wave, fewest blockers first, then by name.
     */
    public List<Wave> waves() {
        Map<LocalDate, List<WaveCluster>> byDeadline = new TreeMap<>(
                Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()));
        for (Object[] m : moving) {
            byDeadline.computeIfAbsent((LocalDate) m[0], d -> new ArrayList<>()).add((WaveCluster) m[1]);
        }
        List<Wave> waves = new ArrayList<>();
        byDeadline.forEach((deadline, clusters) -> {
            clusters.sort(Comparator.comparingInt(WaveCluster::blockers).thenComparing(WaveCluster::name)
                    .thenComparing(c -> String.valueOf(c.resourceGroup())));
            waves.add(new Wave(deadline, List.copyOf(clusters)));
        });
        return waves;
    }

    public void addInvalid() {
        invalid++;
    }

    public long clusters() {
        return clusters;
    }

    public long invalid() {
        return invalid;
    }

    public long noFit() {
        return noFit;
    }

    public View view() {
        List<DeadlineCount> counts = new ArrayList<>();
        deadlines.forEach((key, n) -> {
            String[] k = deadlineKeys.get(key);
            counts.add(new DeadlineCount(k[0], LocalDate.parse(k[1]), n[0], n[1]));
        });
        counts.sort(Comparator.comparing(DeadlineCount::date).thenComparing(DeadlineCount::subject));
        return new View(clusters, invalid, byOption, byStatus, counts, targets, withErrors, withWarnings, noFit,
                blocked, blockers, waves());
    }

    /** The summary as lines of text, for the text and table reports and stderr. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%,d cluster%s assessed%s", clusters, clusters == 1 ? "" : "s",
                invalid > 0 ? String.format(Locale.ROOT, ", %,d input%s could not be read", invalid,
                        invalid == 1 ? "" : "s") : ""));
        if (!byOption.isEmpty()) {
            lines.add("  on each option:  " + join(byOption));
        }
        if (!byStatus.isEmpty()) {
            lines.add("  status:          " + join(byStatus));
        }
        for (DeadlineCount d : view().deadlines()) {
            lines.add(String.format(Locale.ROOT, "  %s %-28s %,d retiring before it%s", d.date(), d.subject(),
                    d.retiring(), d.past() > 0 ? String.format(Locale.ROOT, ", %,d past it", d.past()) : ""));
        }
        if (!targets.isEmpty()) {
            lines.add("  target:          " + join(targets));
        }
        lines.add(String.format(Locale.ROOT, "  findings:        %,d with errors, %,d with warnings only", withErrors,
                withWarnings));
        if (blocked > 0) {
            lines.add(String.format(Locale.ROOT, "  blocked:         %,d (%s)", blocked, join(blockers)));
        }
        List<Wave> waves = waves();
        for (int i = 0; i < waves.size(); i++) {
            Wave wave = waves.get(i);
            List<WaveCluster> shown = wave.clusters().subList(0, Math.min(WAVE_NAMES, wave.clusters().size()));
            int more = wave.clusters().size() - shown.size();
            lines.add(String.format(Locale.ROOT, "  wave %d %-18s %,d: %s%s", i + 1, wave.deadline() == null
                    ? "(no deadline)" : "(deadline " + wave.deadline() + ")", wave.clusters().size(), shown.stream()
                    .map(c -> c.name() + (c.blockers() > 0 ? " [" + c.blockers() + " blocked]" : ""))
                    .collect(java.util.stream.Collectors.joining(", ")),
                    more > 0 ? String.format(Locale.ROOT, " and %,d more (the JSON report lists them all)", more)
                            : ""));
        }
        return lines;
    }

    private static String join(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(String.format(Locale.ROOT, "%s %,d", k, n)));
        return String.join(", ", parts);
    }
}
