package cniadvisor.engine;

import cniadvisor.model.Candidate;
import cniadvisor.model.Cited;
import cniadvisor.model.MigrationPrerequisite;
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
    private final ReasonMemo cache;
    private final Map<Candidate, List<Reason>> exclusions = new LinkedHashMap<>();
    private final Map<Candidate, Map<String, Score>> scores = new LinkedHashMap<>();
    private final Map<String, List<Reason>> notes = new LinkedHashMap<>();
    private final List<Reason> warnings = new ArrayList<>();
    private final List<Reason> addressFindings = new ArrayList<>();
    /** Role of each given range a rule rejected, and the ids of the rules that did (sorted: output order). */
    private final Map<String, Set<String>> rejectedRoles = new java.util.TreeMap<>();
    private final Set<String> optionIds;
    private final List<MigrationFinding> migrationFindings = new ArrayList<>();

    /**
     * What a migration rule found for an existing cluster: the reason (its level says how much it matters), the
     * runbook step it concerns and the step that clears it (from the prerequisite), and whether the runbook shows
     * it as a check to make by hand before that step.
     */
    record MigrationFinding(Reason reason, MigrationPrerequisite prerequisite, boolean manual) {

        String step() {
            return prerequisite.step();
        }

        String clearedBy() {
            return prerequisite.clearedBy();
        }
    }

    Verdict(Map<String, Source> sources, Map<String, RuleMeta> rules, Set<String> optionIds) {
        this(sources, rules, optionIds, null);
    }

    /** With a memo (may be null) of reasons built for earlier requests. */
    Verdict(Map<String, Source> sources, Map<String, RuleMeta> rules, Set<String> optionIds, ReasonMemo cache) {
        this.sources = sources;
        this.rules = rules;
        this.optionIds = optionIds;
        this.cache = cache;
    }

    /**
     * A verdict that starts with everything {@code seed} recorded (for a session that keeps its shared facts), and
     * shares its reason memo.
     */
    public Verdict(Verdict seed) {
        this(seed.sources, seed.rules, seed.optionIds, seed.cache);
        seed.exclusions.forEach((candidate, reasons) -> exclusions.put(candidate, new ArrayList<>(reasons)));
        seed.scores.forEach((candidate, byRule) -> {
            Map<String, Score> copy = new LinkedHashMap<>();
            byRule.forEach((rule, score) -> copy.put(rule, new Score(score.weight(), new ArrayList<>(score.reasons()))));
            scores.put(candidate, copy);
        });
        seed.notes.forEach((option, reasons) -> notes.put(option, new ArrayList<>(reasons)));
        warnings.addAll(seed.warnings);
        addressFindings.addAll(seed.addressFindings);
        migrationFindings.addAll(seed.migrationFindings);
        seed.rejectedRoles.forEach((role, ids) -> rejectedRoles.put(role, new java.util.TreeSet<>(ids)));
    }

    /** Rules the candidate out, citing the rule's sources. */
    public void exclude(RuleContext rule, Candidate candidate, String text, Object... args) {
        exclude(rule, candidate, null, text, args);
    }

    /** Rules the candidate out, citing the rule's sources and those of the fact it matched. */
    public void exclude(RuleContext rule, Candidate candidate, Cited fact, String text, Object... args) {
        requireCandidate(rule, candidate);
        exclusions.computeIfAbsent(candidate, c -> new ArrayList<>())
                .add(reason(rule, "excludes", null, fact, text, args));
    }

    /**
     * Adds the rule's {@code @weight} to the candidate's score: positive favours it, negative penalises it. A rule
     * that scores must declare its weight ({@code rules check} says so too).
     */
    public void score(RuleContext rule, Candidate candidate, String text, Object... args) {
        score(rule, candidate, null, text, args);
    }

    public void score(RuleContext rule, Candidate candidate, Cited fact, String text, Object... args) {
        RuleMeta meta = meta(rule);
        requireCandidate(rule, candidate);
        if (meta.weight() == null) {
            throw authorError(rule, "calls verdict.score(...) but has no @weight(...): declare how much it "
                    + "favours (positive) or penalises (negative), e.g. @weight(-20)");
        }
        int weight = meta.weight();
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
        if (!optionIds.contains(option)) {
            throw authorError(rule, "calls verdict.note(...) for option '" + option + "', which is not an option in "
                    + "facts/ (one of " + String.join(", ", optionIds) + ")");
        }
        notes.computeIfAbsent(option, o -> new ArrayList<>()).add(reason(rule, "notes", null, fact, text, args));
    }

    /** A request-level finding that fails the run (by default): the request cannot be built as it stands. */
    public void error(RuleContext rule, String text, Object... args) {
        error(rule, null, text, args);
    }

    public void error(RuleContext rule, Cited fact, String text, Object... args) {
        warnings.add(reason(rule, null, Reason.ERROR, fact, text, args));
    }

    /** A request-level finding the team should act on; fails the run only with --fail-on warning. */
    public void warning(RuleContext rule, String text, Object... args) {
        warning(rule, null, text, args);
    }

    public void warning(RuleContext rule, Cited fact, String text, Object... args) {
        warnings.add(reason(rule, null, Reason.WARNING, fact, text, args));
    }

    /** A request-level remark; never fails a run. */
    public void info(RuleContext rule, String text, Object... args) {
        info(rule, null, text, args);
    }

    public void info(RuleContext rule, Cited fact, String text, Object... args) {
        warnings.add(reason(rule, null, Reason.INFO, fact, text, args));
    }

    /**
     * A migration blocker the cluster's data shows (error level): the prerequisite's step cannot run until it is
     * cleared. The text names what clears it; when the prerequisite names a {@code clearedBy} step, the runbook
     * adds that step first, otherwise it leaves the blocked step out.
     */
    public void blocker(RuleContext rule, MigrationPrerequisite prerequisite, String text, Object... args) {
        migration(rule, Reason.ERROR, prerequisite, false, text, args);
    }

    /** Something the migration disrupts or risks (warning level), e.g. policies not enforced in between. */
    public void migrationWarning(RuleContext rule, MigrationPrerequisite prerequisite, String text, Object... args) {
        migration(rule, Reason.WARNING, prerequisite, false, text, args);
    }

    /** A remark on the migration (info level) that changes no step, e.g. a later step that stays out of reach. */
    public void migrationInfo(RuleContext rule, MigrationPrerequisite prerequisite, String text, Object... args) {
        migration(rule, Reason.INFO, prerequisite, false, text, args);
    }

    /**
     * A prerequisite the API cannot show (info level), such as a custom ip-masq-agent configuration: the runbook
     * lists it as a check to make by hand before the prerequisite's step.
     */
    public void manualCheck(RuleContext rule, MigrationPrerequisite prerequisite, String text, Object... args) {
        migration(rule, Reason.INFO, prerequisite, true, text, args);
    }

    private void migration(RuleContext rule, String level, MigrationPrerequisite prerequisite, boolean manual,
                           String text, Object... args) {
        if (prerequisite == null) {
            throw authorError(rule, "passed no migration prerequisite (null) to verdict; bind one with "
                    + "$p : MigrationPrerequisite( id == \"...\" )");
        }
        migrationFindings.add(new MigrationFinding(reason(rule, null, level, prerequisite, text, args),
                prerequisite, manual));
    }

    /**
     * Rejects a range the request gave ({@link RequestRange}), or both given sides of a relation between two
     * ({@link RangeRelation}): an error-level address finding, and the plan proposes a replacement for each rejected
     * range, shown as a proposal next to the given value (which every output keeps).
     */
    public void rejectRange(RuleContext rule, RequestRange range, String text, Object... args) {
        addressFindings.add(reason(rule, null, Reason.ERROR, null, text, args));
        if (range.given()) {
            reject(rule, range.role(), range.cidr());
        }
    }

    public void rejectRange(RuleContext rule, RangeRelation relation, String text, Object... args) {
        addressFindings.add(reason(rule, null, Reason.ERROR, null, text, args));
        if (relation.given()) {
            reject(rule, relation.role(), relation.cidr());
        }
        if (relation.otherGiven()) {
            reject(rule, relation.otherRole(), relation.otherCidr());
        }
    }

    /** An address-plan finding that fails the run but rejects no range (the plan keeps the given ranges). */
    public void addressError(RuleContext rule, String text, Object... args) {
        addressFindings.add(reason(rule, null, Reason.ERROR, null, text, args));
    }

    /** An address-plan finding at warning level (e.g. a pod CIDR outside the supported private ranges). */
    public void addressWarning(RuleContext rule, String text, Object... args) {
        addressFindings.add(reason(rule, null, Reason.WARNING, null, text, args));
    }

    /** An address-plan remark (a one-way door, a default the plan had to replace). */
    public void addressInfo(RuleContext rule, String text, Object... args) {
        addressFindings.add(reason(rule, null, Reason.INFO, null, text, args));
    }

    /**
     * Records the rejection under the role ("service-cidr") and under the role and range ("node-subnet
     * 10.1.0.0/24"): a cluster has one range of most roles, but a subnet of each pool.
     */
    private void reject(RuleContext rule, String role, String cidr) {
        rejectedRoles.computeIfAbsent(role, r -> new java.util.TreeSet<>()).add(meta(rule).id());
        rejectedRoles.computeIfAbsent(role + " " + cidr, r -> new java.util.TreeSet<>()).add(meta(rule).id());
    }

    private void requireCandidate(RuleContext rule, Candidate candidate) {
        if (candidate == null) {
            throw authorError(rule, "passed no candidate (null) to verdict; bind one with $c : Candidate(...)");
        }
    }

    private RuleAuthorException authorError(RuleContext rule, String message) {
        return new RuleAuthorException(rule.getRule(), message);
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
        String formatted = format(meta, text, args);
        Set<String> ids = new LinkedHashSet<>(meta.sources());
        if (fact != null) {
            ids.addAll(fact.sources());
        }
        List<Source> cited = ids.stream().map(sources::get).filter(s -> s != null).toList();
        return new Reason(meta.id(), effect, level, formatted, cited);
    }

    /** The reason's text; a format that does not match its arguments is the rule author's mistake, named as such. */
    private static String format(RuleMeta meta, String text, Object[] args) {
        if (text == null) {
            throw new RuleAuthorException(meta, "gave verdict no text (null)");
        }
        int wanted = FormatArguments.count(text);
        if (wanted != args.length) {
            throw new RuleAuthorException(meta, "text \"" + text + "\" has " + wanted + " format "
                    + (wanted == 1 ? "placeholder" : "placeholders") + " but " + args.length
                    + (args.length == 1 ? " argument was" : " arguments were") + " given");
        }
        try {
            return String.format(java.util.Locale.US, text, args);
        } catch (java.util.IllegalFormatException e) {
            throw new RuleAuthorException(meta, "text \"" + text + "\" cannot be formatted with its arguments: "
                    + e.getMessage());
        }
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

    /** What the migration rules found, in firing order. */
    List<MigrationFinding> migrationFindings() {
        return migrationFindings;
    }

    /** Roles of given ranges that a rule rejected ({@link #rejectRange}), with the ids of those rules. */
    Map<String, Set<String>> rejectedRoles() {
        return rejectedRoles;
    }
}
