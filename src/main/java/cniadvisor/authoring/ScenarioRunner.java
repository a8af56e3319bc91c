package cniadvisor.authoring;

import cniadvisor.authoring.Scenario.RuleAtLevel;
import cniadvisor.authoring.Scenario.Expectations;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.engine.FiringTrace;
import cniadvisor.engine.MigrationPlanner;
import cniadvisor.model.MigrationPlan;
import cniadvisor.engine.RuleAuthorException;
import cniadvisor.knowledge.KnowledgeException;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs scenarios: advises on each request at the scenario's date, records which rules fired, and compares the
 * advice with what the scenario expects. A mismatch says what was expected, what happened, and why (the rules
 * that excluded or ranked the options involved), so the author sees which rule to look at.
 */
public final class ScenarioRunner {

    /** One expectation the advice did not meet. */
    public record Mismatch(String field, String expected, String actual, List<String> why) {
        public Mismatch {
            why = List.copyOf(why);
        }
    }

    /** How one scenario went; {@code fired} holds the ids of the rules that fired, in first-firing order. */
    public record Result(Scenario scenario, List<Mismatch> mismatches, List<String> fired) {
        public Result {
            mismatches = List.copyOf(mismatches);
            fired = List.copyOf(fired);
        }

        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    private final Advisor advisor;
    private final Path factsDir;
    private final Map<List<Path>, Advisor> withExtraFacts = new HashMap<>();

    public ScenarioRunner(Advisor advisor, Path factsDir) {
        this.advisor = advisor;
        this.factsDir = factsDir;
    }

    /** Loads the extra facts files the scenarios name, each set once, with the facts folder's own checks. */
    public void prepare(List<Scenario> scenarios) throws KnowledgeException {
        List<String> problems = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            if (scenario.extraFacts().isEmpty() || withExtraFacts.containsKey(scenario.extraFacts())) {
                continue;
            }
            try {
                withExtraFacts.put(scenario.extraFacts(), new Advisor(
                        KnowledgeLoader.load(factsDir, scenario.extraFacts()), advisor.rules(),
                        AdvisorConfig.DEFAULT_MAX_FIRINGS));
            } catch (KnowledgeException e) {
                problems.add(scenario.where() + ": extraFacts of scenario '" + scenario.name() + "' do not load:");
                e.problems().forEach(p -> problems.add("  " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
    }

    public List<Result> runAll(List<Scenario> scenarios) {
        return scenarios.stream().map(this::run).toList();
    }

    public Result run(Scenario scenario) {
        Advisor scenarioAdvisor = scenario.extraFacts().isEmpty() ? advisor
                : Objects.requireNonNull(withExtraFacts.get(scenario.extraFacts()), "prepare() was not called");
        FiringTrace trace = new FiringTrace(advisor.rules(), scenario.request().name());
        Advice advice;
        MigrationPlan migration = null;
        try {
            advice = scenarioAdvisor.advise(scenario.request(), scenario.asOf(), trace);
            if (scenario.cluster() != null) {
                migration = new MigrationPlanner(scenarioAdvisor).plan(scenario.cluster(), scenario.request().request(),
                        advice, scenario.asOf(), trace);
            }
        } catch (RuleAuthorException e) {
            return new Result(scenario, List.of(new Mismatch("evaluation", "the rules to run without a mistake",
                    "failed: " + e.describe(), List.of())), List.copyOf(trace.firedRuleIds()));
        }
        List<Mismatch> mismatches = new ArrayList<>(compare(scenario.expect(), advice, trace));
        if (migration != null) {
            compareMigration(scenario.expect(), migration).forEach(mismatches::add);
        }
        return new Result(scenario, mismatches, List.copyOf(trace.firedRuleIds()));
    }

    /** The migration's in-place flag and, when listed, its complete list of blockers. */
    static List<Mismatch> compareMigration(Expectations expect, MigrationPlan plan) {
        List<Mismatch> mismatches = new ArrayList<>();
        if (expect.inPlace() != null && expect.inPlace() != plan.inPlace()) {
            mismatches.add(new Mismatch("inPlace", String.valueOf(expect.inPlace()), String.valueOf(plan.inPlace()),
                    plan.blockers().stream().filter(r -> Reason.ERROR.equals(r.level()))
                            .map(r -> r.rule() + ": " + r.text()).toList()));
        }
        if (expect.blockers() != null) {
            compareLevelled("blockers", expect.blockers(), plan.blockers()).ifPresent(mismatches::add);
        }
        return mismatches;
    }

    static List<Mismatch> compare(Expectations expect, Advice advice, FiringTrace trace) {
        List<Mismatch> mismatches = new ArrayList<>();
        Recommendation rec = advice.recommendation();
        String recommended = rec == null ? Expectations.NONE : rec.option();
        if (expect.recommended() != null && !expect.recommended().equals(recommended)) {
            mismatches.add(new Mismatch("recommended", expect.recommended(), describeRecommendation(advice),
                    whyNotRecommended(expect.recommended(), advice)));
        }
        String noRecommendation = "none (no option fits)";
        if (expect.dataplane() != null && (rec == null || !expect.dataplane().equals(rec.dataplane()))) {
            mismatches.add(new Mismatch("dataplane", expect.dataplane(),
                    rec == null ? noRecommendation : rec.dataplane(), List.of()));
        }
        if (expect.networkPolicy() != null && (rec == null || !expect.networkPolicy().equals(rec.networkPolicy()))) {
            mismatches.add(new Mismatch("networkPolicy", expect.networkPolicy(),
                    rec == null ? noRecommendation : rec.networkPolicy(), List.of()));
        }
        for (String id : expect.excluded()) {
            option(advice, id).filter(o -> !o.status().equals(OptionResult.EXCLUDED)).ifPresent(o ->
                    mismatches.add(new Mismatch("excluded", id + " excluded", id + " is " + o.status()
                            + " (" + configuration(o) + ")", scoring(o))));
        }
        for (String id : expect.eligible()) {
            option(advice, id).filter(o -> o.status().equals(OptionResult.EXCLUDED)).ifPresent(o ->
                    mismatches.add(new Mismatch("eligible", id + " eligible", id + " is excluded", exclusions(o))));
        }
        Set<String> fired = trace.firedRuleIds();
        for (String id : expect.fired()) {
            if (!fired.contains(id)) {
                mismatches.add(new Mismatch("fired", id + " fires", id + " did not fire", List.of()));
            }
        }
        for (String id : expect.notFired()) {
            List<cniadvisor.model.Firing> firings = trace.firings().stream().filter(f -> f.ruleId().equals(id)).toList();
            if (!firings.isEmpty()) {
                mismatches.add(new Mismatch("notFired", id + " does not fire",
                        id + " fired " + times(firings.size()), List.of("first matched "
                        + String.join(", ", firings.get(0).matched()))));
            }
        }
        if (expect.warnings() != null) {
            compareLevelled("warnings", expect.warnings(), advice.warnings()).ifPresent(mismatches::add);
        }
        if (expect.findings() != null) {
            compareLevelled("findings", expect.findings(), advice.addressPlan().findings()).ifPresent(mismatches::add);
        }
        return mismatches;
    }

    /** The warnings (or findings) must be exactly the listed ones; a listed level must match too. */
    private static Optional<Mismatch> compareLevelled(String field, List<RuleAtLevel> expected, List<Reason> actual) {
        List<Reason> unmatched = new ArrayList<>(actual);
        List<String> why = new ArrayList<>();
        for (RuleAtLevel w : expected) {
            Optional<Reason> match = unmatched.stream().filter(r -> r.rule().equals(w.rule())
                    && (w.level() == null || w.level().equals(r.level()))).findFirst();
            if (match.isPresent()) {
                unmatched.remove(match.get());
            } else {
                String other = actual.stream().filter(r -> r.rule().equals(w.rule())).map(Reason::level)
                        .findFirst().map(level -> " (it has level " + level + ")").orElse("");
                why.add("missing: " + w + other);
            }
        }
        // several warnings of one rule are matched by one expectation
        unmatched.removeIf(r -> expected.stream().anyMatch(w -> w.rule().equals(r.rule())
                && (w.level() == null || w.level().equals(r.level()))));
        unmatched.forEach(r -> why.add("unexpected: " + r.rule() + " (" + r.level() + "): " + r.text()));
        if (why.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(field, expected.isEmpty() ? "none" : list(expected),
                actual.isEmpty() ? "none" : actual.stream().map(r -> r.rule() + " (" + r.level() + ")")
                        .distinct().collect(Collectors.joining(", ")), why));
    }

    private static String describeRecommendation(Advice advice) {
        Recommendation rec = advice.recommendation();
        if (rec == null) {
            return "none (no option fits)";
        }
        return rec.option() + option(advice, rec.option()).map(o -> " (" + configuration(o) + ")").orElse("");
    }

    private static List<String> whyNotRecommended(String expected, Advice advice) {
        if (expected.equals(Expectations.NONE)) {
            return advice.options().stream().filter(o -> !o.status().equals(OptionResult.EXCLUDED))
                    .map(o -> o.id() + " is " + o.status() + " (" + configuration(o) + "): no rule excluded it")
                    .toList();
        }
        Optional<OptionResult> option = option(advice, expected);
        if (option.isEmpty()) {
            return List.of();
        }
        OptionResult o = option.get();
        if (o.status().equals(OptionResult.EXCLUDED)) {
            List<String> why = new ArrayList<>(List.of(expected + " is excluded:"));
            exclusions(o).forEach(line -> why.add("  " + line));
            return why;
        }
        // the expected option survived but ranked lower: show both scores and what made them
        List<String> why = new ArrayList<>();
        scoreLines(why, o);
        option(advice, advice.recommendation() == null ? "" : advice.recommendation().option())
                .ifPresent(winner -> scoreLines(why, winner));
        return why;
    }

    private static void scoreLines(List<String> why, OptionResult o) {
        why.add(o.id() + " scored " + o.score() + " (" + o.dataplane() + " data plane, " + o.networkPolicy()
                + " policy)" + (scoring(o).isEmpty() ? "; no rule scored it" : ":"));
        scoring(o).forEach(line -> why.add("  " + line));
    }

    private static String configuration(OptionResult o) {
        return "score " + o.score() + ", " + o.dataplane() + " data plane, " + o.networkPolicy() + " policy";
    }

    private static List<String> exclusions(OptionResult o) {
        return o.reasons().stream().filter(r -> "excludes".equals(r.effect()))
                .map(r -> r.rule() + ": " + r.text()).distinct().toList();
    }

    private static List<String> scoring(OptionResult o) {
        return o.reasons().stream().filter(r -> "favours".equals(r.effect()) || "penalises".equals(r.effect()))
                .map(r -> r.rule() + " " + r.effect() + " it: " + r.text()).distinct().toList();
    }

    private static Optional<OptionResult> option(Advice advice, String id) {
        return advice.options().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String list(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
