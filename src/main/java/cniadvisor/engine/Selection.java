package cniadvisor.engine;

import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Candidate;
import cniadvisor.model.Component;
import cniadvisor.model.OptionResult;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what the rules recorded into a verdict. A candidate survives unless a rule excluded it; survivors are
 * ranked by score, then by the ranks in facts/ (option, data plane, policy engine), so ties resolve the same way
 * every time. An option is excluded when none of its candidates survives.
 */
final class Selection {

    /**
     * The candidates by option, and their order when scores tie (the ranks in facts/): the same for every request,
     * so made once per advisor.
     */
    static final class Order {
        private final Map<String, List<Candidate>> byOption = new LinkedHashMap<>();
        /** By identity: the candidates ranked are always the advisor's own instances, which the rules matched. */
        private final Map<Candidate, Integer> tieBreak = new IdentityHashMap<>();

        Order(Knowledge knowledge, List<Candidate> candidates) {
            knowledge.options().forEach(option -> byOption.put(option.id(), candidates.stream()
                    .filter(c -> c.option().equals(option.id())).toList()));
            List<Candidate> ranked = candidates.stream()
                    .sorted(Comparator.<Candidate>comparingInt(c -> knowledge.option(c.option())
                                    .map(PluginOption::rank).orElse(Integer.MAX_VALUE))
                            .thenComparingInt(c -> knowledge.dataplane(c.dataplane())
                                    .map(Component::rank).orElse(Integer.MAX_VALUE))
                            .thenComparingInt(c -> knowledge.policyEngine(c.policy())
                                    .map(Component::rank).orElse(Integer.MAX_VALUE)))
                    .toList(); // a stable sort: equal ranks keep the candidates' order
            for (int i = 0; i < ranked.size(); i++) {
                tieBreak.put(ranked.get(i), i);
            }
        }

        List<Candidate> ofOption(String option) {
            return byOption.getOrDefault(option, List.of());
        }
    }

    private final Knowledge knowledge;
    private final Order order;
    private final Verdict verdict;
    /** Each candidate's total score, read many times while ranking. */
    private final Map<Candidate, Integer> scores = new IdentityHashMap<>();
    private final Comparator<Candidate> ranking;

    Selection(Knowledge knowledge, Order order, Verdict verdict) {
        this.knowledge = knowledge;
        this.order = order;
        this.verdict = verdict;
        this.ranking = Comparator.<Candidate>comparingInt(c -> -score(c)).thenComparingInt(order.tieBreak::get);
    }

    /** The winning configuration (if any), every option's verdict, the warnings, and the conflicts when none won. */
    record Decision(Optional<Candidate> winner, List<OptionResult> options, List<Reason> warnings,
                    List<String> conflicts) {
    }

    Decision decide() {
        Map<String, Optional<Candidate>> bestPerOption = new LinkedHashMap<>();
        for (PluginOption option : knowledge.options()) {
            Candidate best = null;
            for (Candidate candidate : order.ofOption(option.id())) {
                if (!verdict.excluded(candidate) && (best == null || ranking.compare(candidate, best) < 0)) {
                    best = candidate;
                }
            }
            bestPerOption.put(option.id(), Optional.ofNullable(best));
        }
        Optional<Candidate> winner = bestPerOption.values().stream().flatMap(Optional::stream).min(ranking);

        List<OptionResult> options = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            Optional<Candidate> best = bestPerOption.get(option.id());
            String status = best.isEmpty() ? OptionResult.EXCLUDED
                    : best.equals(winner) ? OptionResult.RECOMMENDED : OptionResult.ELIGIBLE;
            options.add(new OptionResult(option.id(), option.title(), status,
                    best.map(this::score).orElse(null),
                    best.map(Candidate::dataplane).orElse(null),
                    best.map(Candidate::policy).orElse(null),
                    reasons(option.id(), best)));
        }
        options.sort(Comparator.comparingInt((OptionResult o) -> statusOrder(o.status()))
                .thenComparing(o -> o.score() == null ? 0 : -o.score())
                .thenComparingInt(o -> knowledge.option(o.id()).map(PluginOption::rank).orElse(Integer.MAX_VALUE)));

        List<String> conflicts = winner.isPresent() ? List.of() : conflicts(options);
        return new Decision(winner, options, distinctSorted(verdict.warnings()), conflicts);
    }

    private int score(Candidate candidate) {
        return scores.computeIfAbsent(candidate, verdict::score);
    }

    private List<Reason> reasons(String option, Optional<Candidate> best) {
        List<Reason> reasons = new ArrayList<>(verdict.notes(option));
        if (best.isEmpty()) {
            reasons.addAll(whyExcluded(option));
        } else {
            reasons.addAll(verdict.scoreReasons(best.get()));
            // configurations of this option that scored higher, had a rule not excluded them (a tie-break win is
            // not worth a reason)
            int bestScore = score(best.get());
            for (Candidate candidate : order.ofOption(option)) {
                if (verdict.excluded(candidate) && score(candidate) > bestScore) {
                    verdict.exclusions(candidate).forEach(r -> reasons.add(r.withEffect("narrows")));
                }
            }
        }
        return distinctSorted(reasons);
    }

    /**
     * The reasons that rule out every configuration of the option, when there are such; otherwise the option died
     * of several cuts (say Windows ruled out Cilium and the policy need ruled out the rest), and all of them count.
     */
    private List<Reason> whyExcluded(String option) {
        List<List<Reason>> perCandidate = order.ofOption(option).stream().map(verdict::exclusions).toList();
        List<Reason> common = perCandidate.get(0).stream()
                .filter(r -> perCandidate.stream().allMatch(list -> list.stream()
                        .anyMatch(o -> o.rule().equals(r.rule()) && o.text().equals(r.text()))))
                .toList();
        return common.isEmpty() ? perCandidate.stream().flatMap(List::stream).toList() : common;
    }

    private static List<String> conflicts(List<OptionResult> options) {
        return options.stream().map(o -> o.id() + ": " + o.reasons().stream()
                        .filter(r -> "excludes".equals(r.effect())).map(Reason::rule).distinct()
                        .collect(Collectors.joining(", ")))
                .toList();
    }

    /** What makes two reasons the same for the report. */
    private record SameReason(String rule, String text, String effect) {
    }

    /** Same rule and text once; report order. */
    static List<Reason> distinctSorted(List<Reason> reasons) {
        Map<SameReason, Reason> unique = new LinkedHashMap<>();
        for (Reason r : reasons) {
            unique.putIfAbsent(new SameReason(r.rule(), r.text(), r.effect()), r);
        }
        return unique.values().stream().sorted(Reason.REPORT_ORDER).toList();
    }

    private static int statusOrder(String status) {
        return List.of(OptionResult.RECOMMENDED, OptionResult.ELIGIBLE, OptionResult.EXCLUDED).indexOf(status);
    }
}
