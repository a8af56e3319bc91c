package cniadvisor.engine;

import cniadvisor.model.Candidate;
import cniadvisor.model.Cited;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Reason;
import cniadvisor.model.RequestRange;
import cniadvisor.model.Source;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what the rules decide during one evaluation; bound to the DRL global {@code verdict}. Rule consequences
 * only record here: the rule's id and sources come from its metadata, never from the consequence, so every reason
 * is traceable to a rule and cites what the rule and the matched fact cite.
 */
public final class Verdict {

    /** A score a rule gave a candidate: the rule's {@code @weight}, and every reason it gave (counted once). */
    record Score(int weight, List<Reason> reasons) {
    }

    private final Map<String, Source> sources;
    private final Map<String, RuleMeta> rules;
    private final ReasonCache cache;
    private final Map<Candidate, List<Reason>> exclusions = new LinkedHashMap<>();
    private final Map<Candidate, Map<String, Score>> scores = new LinkedHashMap<>();
    private final Map<String, List<Reason>> notes = new LinkedHashMap<>();
    private final List<Reason> warnings = new ArrayList<>();
    private final List<Reason> addressFindings = new ArrayList<>();
    private final Set<String> invalidRoles = new java.util.TreeSet<>();

    Verdict(Map<String, Source> sources, Map<String, RuleMeta> rules) {
        this(sources, rules, null);
    }

    /** With a cache (may be null) of reasons built for earlier requests. */
    Verdict(Map<String, Source> sources, Map<String, RuleMeta> rules, ReasonCache cache) {
        this.sources = sources;
        this.rules = rules;
        this.cache = cache;
    }

    /**
     * A verdict that starts with everything {@code seed} recorded (for a session that keeps its shared facts), and
     * shares its reason cache.
     */
    Verdict(Verdict seed) {
        this(seed.sources, seed.rules, seed.cache);
        seed.exclusions.forEach((candidate, reasons) -> exclusions.put(candidate, new ArrayList<>(reasons)));
        seed.scores.forEach((candidate, byRule) -> {
            Map<String, Score> copy = new LinkedHashMap<>();
            byRule.forEach((rule, score) -> copy.put(rule, new Score(score.weight(), new ArrayList<>(score.reasons()))));
            scores.put(candidate, copy);
        });
        seed.notes.forEach((option, reasons) -> notes.put(option, new ArrayList<>(reasons)));
        warnings.addAll(seed.warnings);
        addressFindings.addAll(seed.addressFindings);
        invalidRoles.addAll(seed.invalidRoles);
    }

    /** Rules the candidate out, citing the rule's sources. */
    public void exclude(RuleContext rule, Candidate candidate, String text, Object... args) {
        exclude(rule, candidate, null, text, args);
    }

    /** Rules the candidate out, citing the rule's sources and those of the fact it matched. */
    public void exclude(RuleContext rule, Candidate candidate, Cited fact, String text, Object... args) {
        exclusions.computeIfAbsent(candidate, c -> new ArrayList<>())
                .add(reason(rule, "excludes", null, fact, text, args));
    }

    /** Adds the rule's {@code @weight} to the candidate's score: positive favours it, negative penalises it. */
    public void score(RuleContext rule, Candidate candidate, String text, Object... args) {
        score(rule, candidate, null, text, args);
    }

    public void score(RuleContext rule, Candidate candidate, Cited fact, String text, Object... args) {
        RuleMeta meta = meta(rule);
        int weight = meta.weight() == null ? 0 : meta.weight();
        String effect = weight > 0 ? "favours" : weight < 0 ? "penalises" : "notes";
        // the weight counts once per rule and candidate, however many facts the rule joined; every text is kept
        // (and sorted later), so the result does not depend on the order the activations fired in
        scores.computeIfAbsent(candidate, c -> new LinkedHashMap<>())
                .computeIfAbsent(meta.id(), id -> new Score(weight, new ArrayList<>()))
                .reasons().add(reason(rule, effect, null, fact, text, args));
    }

    /** Attaches a remark to an option, shown whatever its status (e.g. a retirement date, a migration path). */
    public void note(RuleContext rule, String option, String text, Object... args) {
        note(rule, option, null, text, args);
    }

    public void note(RuleContext rule, String option, Cited fact, String text, Object... args) {
        notes.computeIfAbsent(option, o -> new ArrayList<>()).add(reason(rule, "notes", null, fact, text, args));
    }

    /** A request-level warning; {@code level} is error, warning or info. */
    public void warn(RuleContext rule, String level, String text, Object... args) {
        warn(rule, level, null, text, args);
    }

    public void warn(RuleContext rule, String level, Cited fact, String text, Object... args) {
        checkLevel(rule, level);
        warnings.add(reason(rule, null, level, fact, text, args));
    }

    /**
     * An address-plan finding about one of the request's ranges ({@link RequestRange}) or a relation between two
     * ({@link RangeRelation}). An error marks the ranges involved invalid, so the plan replaces the ones it may
     * (pod CIDR, service CIDR, DNS IP) instead of putting them in the az command.
     */
    public void addressFinding(RuleContext rule, String level, Object about, String text, Object... args) {
        checkLevel(rule, level);
        addressFindings.add(reason(rule, null, level, about instanceof Cited cited ? cited : null, text, args));
        if ("error".equals(level)) {
            if (about instanceof RequestRange range && range.given()) {
                invalidRoles.add(range.role());
            } else if (about instanceof RangeRelation relation) {
                if (relation.given()) {
                    invalidRoles.add(relation.role());
                }
                if (relation.otherGiven()) {
                    invalidRoles.add(relation.otherRole());
                }
            }
        }
    }

    private void checkLevel(RuleContext rule, String level) {
        if (!Reason.LEVELS.contains(level)) {
            throw new IllegalArgumentException("rule " + meta(rule).id() + ": level '" + level
                    + "' is not one of " + Reason.LEVELS);
        }
    }

    private Reason reason(RuleContext rule, String effect, String level, Cited fact, String text, Object... args) {
        RuleMeta meta = meta(rule);
        if (cache != null) {
            return cache.reason(meta, effect, level, fact, text, args, () -> reason(meta, effect, level, fact, text,
                    args));
        }
        return reason(meta, effect, level, fact, text, args);
    }

    private Reason reason(RuleMeta meta, String effect, String level, Cited fact, String text, Object... args) {
        Set<String> ids = new LinkedHashSet<>(meta.sources());
        if (fact != null) {
            ids.addAll(fact.sources());
        }
        List<Source> cited = ids.stream().map(sources::get).filter(s -> s != null).toList();
        return new Reason(meta.id(), effect, level, String.format(java.util.Locale.US, text, args), cited);
    }

    private RuleMeta meta(RuleContext rule) {
        return cache != null ? cache.meta(rule.getRule(), this::meta) : meta(rule.getRule());
    }

    private RuleMeta meta(Rule rule) {
        RuleMeta meta = rules.get(rule.getPackageName() + "." + rule.getName());
        if (meta == null) {
            throw new IllegalStateException("no metadata for rule " + rule.getName());
        }
        return meta;
    }

    Map<Candidate, List<Reason>> exclusions() {
        return exclusions;
    }

    List<Reason> exclusions(Candidate candidate) {
        return exclusions.getOrDefault(candidate, List.of());
    }

    boolean excluded(Candidate candidate) {
        return exclusions.containsKey(candidate);
    }

    int score(Candidate candidate) {
        int total = 0;
        for (Score score : scores.getOrDefault(candidate, Map.of()).values()) {
            total += score.weight(); // a loop: the ranking asks for scores many times per request
        }
        return total;
    }

    List<Reason> scoreReasons(Candidate candidate) {
        return scores.getOrDefault(candidate, Map.of()).values().stream().flatMap(s -> s.reasons().stream()).toList();
    }

    List<Reason> notes(String option) {
        return notes.getOrDefault(option, List.of());
    }

    List<Reason> warnings() {
        return warnings;
    }

    List<Reason> addressFindings() {
        return addressFindings;
    }

    /** Roles of given ranges that an error-level address finding flagged. */
    Set<String> invalidRoles() {
        return invalidRoles;
    }
}
