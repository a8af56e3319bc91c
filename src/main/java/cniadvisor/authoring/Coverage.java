package cniadvisor.authoring;

import cniadvisor.engine.RuleBase;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which rules the scenarios made fire. A rule no scenario fires is a rule whose behaviour nothing checks: its
 * edits cannot break a test. {@code threshold} is the lowest acceptable percentage, or null for none.
 */
public record Coverage(List<RuleRef> rules, List<String> folders, Set<String> fired, Double threshold) {

    /** A rule by id, with its file:line and the rules folder it came from. */
    public record RuleRef(String id, String where, String folder) {
    }

    /** How many of one rules folder's rules fired. */
    public record FolderCoverage(String folder, int rules, int fired) {
    }

    public Coverage {
        rules = List.copyOf(rules);
        folders = List.copyOf(folders);
        fired = Set.copyOf(fired);
    }

    public static Coverage of(RuleBase rules, List<Path> ruleDirs, List<ScenarioRunner.Result> results,
                              Double threshold) {
        List<RuleRef> refs = rules.rules().stream().filter(r -> r.id() != null)
                .map(r -> new RuleRef(r.id(), RuleLocation.of(rules, r).where(),
                        folderOf(rules.fileOf(r), ruleDirs)))
                .sorted(Comparator.comparing(RuleRef::id)).toList();
        Set<String> fired = new HashSet<>();
        results.forEach(r -> fired.addAll(r.fired()));
        fired.retainAll(refs.stream().map(RuleRef::id).toList());
        return new Coverage(refs, ruleDirs.stream().map(d -> DisplayPath.of(d.toString())).distinct().toList(), fired,
                threshold);
    }

    private static String folderOf(String file, List<Path> ruleDirs) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        return ruleDirs.stream().filter(d -> path.startsWith(d.toAbsolutePath().normalize())).findFirst()
                .map(d -> DisplayPath.of(d.toString())).orElse("?");
    }

    /** Per rules folder, in the order the folders were given. */
    public List<FolderCoverage> byFolder() {
        return folders.stream().map(folder -> {
            List<RuleRef> in = rules.stream().filter(r -> r.folder().equals(folder)).toList();
            return new FolderCoverage(folder, in.size(), (int) in.stream().filter(r -> fired.contains(r.id())).count());
        }).toList();
    }

    public int firedCount() {
        return fired.size();
    }

    /** Percentage of rules fired, to one decimal; 100 when there are no rules. */
    public double percent() {
        return rules.isEmpty() ? 100.0 : Math.floor(1000.0 * fired.size() / rules.size()) / 10.0;
    }

    public List<RuleRef> notFired() {
        return rules.stream().filter(r -> !fired.contains(r.id())).toList();
    }

    public boolean belowThreshold() {
        return threshold != null && 100.0 * fired.size() < threshold * rules.size();
    }

    /** "45 of 46 rules fired (97.8%)". */
    public String summary() {
        return summary(fired.size(), rules.size());
    }

    static String summary(int fired, int rules) {
        double percent = rules == 0 ? 100.0 : Math.floor(1000.0 * fired / rules) / 10.0;
        return String.format(Locale.ROOT, "%d of %d rules fired (%s%%)", fired, rules, format(percent));
    }

    public static String format(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent)
                : String.format(Locale.ROOT, "%.1f", percent);
    }
}
