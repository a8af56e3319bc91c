package cniadvisor.engine;

import org.kie.api.KieBase;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A compiled, thread-safe rule base and the metadata of its rules. {@code files} maps each rule's
 * "package.name" to the DRL file it came from.
 */
public record RuleBase(KieBase kieBase, Map<String, RuleMeta> rulesByName, Map<String, String> files) {

    /** Read-only views: a rule base is shared by every command of the JVM that loads the same files. */
    public RuleBase {
        rulesByName = java.util.Collections.unmodifiableMap(rulesByName);
        files = java.util.Collections.unmodifiableMap(files);
    }

    /** Rules ordered by id, for listings. */
    public List<RuleMeta> rules() {
        return rulesByName.values().stream()
                .sorted(Comparator.comparing(RuleMeta::id, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    public Map<String, RuleMeta> rulesById() {
        return rulesByName.values().stream().filter(r -> r.id() != null)
                .collect(Collectors.toMap(RuleMeta::id, r -> r, (a, b) -> a));
    }

    public String fileOf(RuleMeta rule) {
        return files.get(rule.packageName() + "." + rule.name());
    }
}
