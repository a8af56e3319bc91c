package cniadvisor.interview;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleMeta;
import cniadvisor.model.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the loaded rules say about a question, for its {@code ?} help: each rule it feeds with the rule's own
 * {@code @decides} text and sources, so the help stays true when the rules or facts change.
 */
public final class RuleNotes {

    private final Map<String, RuleMeta> rulesById;
    private final Map<String, Source> sources;

    public RuleNotes(Map<String, RuleMeta> rulesById, Map<String, Source> sources) {
        this.rulesById = Map.copyOf(rulesById);
        this.sources = Map.copyOf(sources);
    }

    public static RuleNotes of(Advisor advisor) {
        return new RuleNotes(advisor.rules().rulesById(), advisor.knowledge().sources());
    }

    /** Lines describing the rules among {@code ruleIds} that are loaded, then the sources they cite. */
    List<String> describe(List<String> ruleIds) {
        List<String> lines = new ArrayList<>();
        Map<String, Source> cited = new TreeMap<>();
        for (String id : ruleIds) {
            RuleMeta rule = rulesById.get(id);
            if (rule == null) {
                continue; // a custom --rules set without this rule: nothing to say about it
            }
            lines.add("  " + id + ": " + (rule.decides() == null ? rule.name() : rule.decides())
                    + " [" + String.join(", ", rule.sources()) + "]");
            rule.sources().forEach(s -> {
                if (sources.containsKey(s)) {
                    cited.put(s, sources.get(s));
                }
            });
        }
        if (lines.isEmpty()) {
            return List.of("No loaded rule reads this answer.");
        }
        lines.add(0, "Where this answer matters:");
        lines.add("Sources:");
        cited.values().forEach(s -> {
            lines.add("  [" + s.id() + "] " + s.title() + ", as of " + s.asOf());
            lines.add("      " + s.url());
        });
        return lines;
    }
}
