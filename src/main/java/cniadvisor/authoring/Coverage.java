package cniadvisor.authoring;

import cniadvisor.engine.RuleBase;
import cniadvisor.engine.RuleChecks;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which rules the scenarios made fire. A rule no scenario fires is a rule whose behaviour nothing checks: its
 * edits cannot break a test. {@code threshold} is the lowest acceptable percentage, or null for none.
 */
public record Coverage(List<RuleRef> rules, Set<String> fired, Double threshold) {

    /** A rule by id, with its file:line. */
    public record RuleRef(String id, String where) {
    }

    public Coverage {
        rules = List.copyOf(rules);
        fired = Set.copyOf(fired);
    }

    public static Coverage of(RuleBase rules, List<ScenarioRunner.Result> results, Double threshold) {
        List<RuleRef> refs = rules.rules().stream().filter(r -> r.id() != null)
                .map(r -> new RuleRef(r.id(), RuleChecks.where(rules, r)))
                .sorted(Comparator.comparing(RuleRef::id)).toList();
        Set<String> fired = new HashSet<>();
        results.forEach(r -> fired.addAll(r.fired()));
        fired.retainAll(refs.stream().map(RuleRef::id).toList());
        return new Coverage(refs, fired, threshold);
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
        return String.format(Locale.ROOT, "%d of %d rules fired (%s%%)", fired.size(), rules.size(), format(percent()));
    }

    public static String format(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(Locale.ROOT, "%.1f", percent);
    }
}
