package cniadvisor.engine;

import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Candidate;
import cniadvisor.model.Component;
import cniadvisor.model.OptionResult;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Reason;

import java.util.ArrayList;
import java.util.Comparator;
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

    private final Knowledge knowledge;
    private final List<Candidate> candidates;
    private final Verdict verdict;
    private final Comparator<Candidate> ranking;

    Selection(Knowledge knowledge, List<Candidate> candidates, Verdict verdict) {
        this.knowledge = knowledge;
        this.candidates = candidates;
        this.verdict = verdict;
        this.ranking = Comparator.<Candidate>comparingInt(c -> -verdict.score(c))
                .thenComparingInt(c -> knowledge.option(c.option()).map(PluginOption::rank).orElse(Integer.MAX_VALUE))
                .thenComparingInt(c -> knowledge.dataplane(c.dataplane()).map(Component::rank).orElse(Integer.MAX_VALUE))
                .thenComparingInt(c -> knowledge.policyEngine(c.policy()).map(Component::rank).orElse(Integer.MAX_VALUE));
    }

    /** The winning configuration (if any), every option's verdict, the warnings, and the conflicts when none won. */
    record Decision(Optional<Candidate> winner, List<OptionResult> options, List<Reason> warnings,
                    List<String> conflicts) {
    }

    Decision decide() {
        Map<String, Optional<Candidate>> bestPerOption = new LinkedHashMap<>();
        for (PluginOption option : knowledge.options()) {
            bestPerOption.put(option.id(), ofOption(option.id()).filter(c -> !verdict.excluded(c)).min(ranking));
        }
        Optional<Candidate> winner = bestPerOption.values().stream().flatMap(Optional::stream).min(ranking);

        List<OptionResult> options = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            Optional<Candidate> best = bestPerOption.get(option.id());
            String status = best.isEmpty() ? OptionResult.EXCLUDED
                    : best.equals(winner) ? OptionResult.RECOMMENDED : OptionResult.ELIGIBLE;
            options.add(new OptionResult(option.id(), option.title(), status,
                    best.map(verdict::score).orElse(null),
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

    private List<Reason> reasons(String option, Optional<Candidate> best) {
        List<Reason> reasons = new ArrayList<>(verdict.notes(option));
        if (best.isEmpty()) {
            reasons.addAll(whyExcluded(option));
        } else {
            reasons.addAll(verdict.scoreReasons(best.get()));
            // configurations of this option that scored higher, had a rule not excluded them (a tie-break win is
            // not worth a reason)
            int bestScore = verdict.score(best.get());
            ofOption(option).filter(c -> verdict.excluded(c) && verdict.score(c) > bestScore)
                    .forEach(c -> verdict.exclusions(c).forEach(r -> reasons.add(r.withEffect("narrows"))));
        }
        return distinctSorted(reasons);
    }

    /**
     * The reasons that rule out every configuration of the option, when there are such; otherwise the option died
     * of several cuts (say Windows ruled out Cilium and the policy need ruled out the rest), and all of them count.
     */
    private List<Reason> whyExcluded(String option) {
        List<List<Reason>> perCandidate = ofOption(option).map(verdict::exclusions).toList();
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

    private java.util.stream.Stream<Candidate> ofOption(String option) {
        return candidates.stream().filter(c -> c.option().equals(option));
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
