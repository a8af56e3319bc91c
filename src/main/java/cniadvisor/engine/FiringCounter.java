package cniadvisor.engine;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** Counts firings per rule, to name the rule that loops once the firing limit has been reached. */
final class FiringCounter extends DefaultAgendaEventListener {

    private final Map<Rule, Integer> firings = new HashMap<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        firings.merge(event.getMatch().getRule(), 1, Integer::sum);
    }

    /** The loop as the author's mistake, naming the rule that fired most (ties: by name, for a stable message). */
    RuleAuthorException loop(int limit) {
        Map.Entry<Rule, Integer> most = firings.entrySet().stream()
                .max(Comparator.<Map.Entry<Rule, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> e.getKey().getName(), Comparator.reverseOrder()))
                .orElseThrow();
        return new RuleAuthorException(most.getKey(), "keeps re-activating itself: it fired " + most.getValue()
                + " of the " + limit + " firings allowed for one request. A consequence that modifies or inserts a "
                + "fact its own conditions match fires again; add a condition that the change makes false, or "
                + "do not change facts (rules only record through verdict)");
    }
}
