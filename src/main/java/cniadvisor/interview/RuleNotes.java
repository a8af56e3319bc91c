package cniadvisor.interview;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleBase;
import cniadvisor.engine.RuleInputs;
import cniadvisor.engine.RuleMeta;
import cniadvisor.model.AddressFit;
import cniadvisor.model.NodePool;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Request;
import cniadvisor.model.RequestRange;
import cniadvisor.model.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the loaded rules say about a question, for its {@code ?} help: each rule its answer feeds, with the rule's
 * own {@code @decides} text and sources, so the help stays true when the rules or facts change. Which rules an
 * answer feeds is worked out from the compiled rules ({@link RuleInputs}): those whose conditions read the request
 * property the answer becomes, the node pool property a pool's answer becomes, the address sizing it changes or the
 * ranges it gives, narrowed by the literal a general property is compared with ({@code features contains
 * "dualStack"}, {@code role == "node-subnet"}).
 */
public final class RuleNotes {

    /** Address keys by the range role the planner gives them. */
    private static final Map<String, String> RANGE_ROLES = Map.of("nodeSubnetCidr", "node-subnet", "podCidr",
            "pod-cidr", "serviceCidr", "service-cidr", "dnsServiceIp", "dns-service-ip", "connectedNetworks",
            "connected-network");
    /** Answers that change how big the cluster's ranges must be. */
    private static final Set<String> SIZING_KEYS = Set.of("nodeCount", "maxSurge", "maxPodsPerNode", "maxCount",
            "nodeSubnetCidr", "podCidr");

    private final Map<String, RuleMeta> rulesById;
    private final Map<String, Source> sources;
    private final RuleInputs requestInputs;
    private final RuleInputs poolInputs;
    private final RuleInputs fitInputs;
    private final RuleInputs rangeInputs;
    private final RuleInputs relationInputs;
    private final Set<String> featureIds;

    private RuleNotes(RuleBase rules, Map<String, Source> sources, Set<String> featureIds) {
        this.rulesById = Map.copyOf(rules.rulesById());
        this.sources = Map.copyOf(sources);
        this.requestInputs = RuleInputs.of(rules, Request.class);
        this.poolInputs = RuleInputs.of(rules, NodePool.class);
        this.fitInputs = RuleInputs.of(rules, AddressFit.class);
        this.rangeInputs = RuleInputs.of(rules, RequestRange.class);
        this.relationInputs = RuleInputs.of(rules, RangeRelation.class);
        this.featureIds = Set.copyOf(featureIds);
    }

    public static RuleNotes of(Advisor advisor) {
        Set<String> features = new TreeSet<>();
        advisor.knowledge().features().forEach(f -> features.add(f.id()));
        return new RuleNotes(advisor.rules(), advisor.knowledge().sources(), features);
    }

    /** Lines describing the rules the question's answer feeds, then the sources they cite. */
    List<String> describe(Question question) {
        return describe(rulesFed(question));
    }

    /** The ids of the loaded rules the answer to {@code question} feeds, sorted. */
    Set<String> rulesFed(Question question) {
        Set<String> rules = new TreeSet<>();
        if (!question.requestKey()) {
            return rules;
        }
        String key = question.key().substring(question.key().lastIndexOf('.') + 1);
        if (question.poolKey()) {
            rules.addAll(poolInputs.rulesReading(key));
            if (key.equals("maxCount")) {
                rules.addAll(requestInputs.rulesReading("nodeCount"));
            }
            if (key.equals("os")) {
                rules.addAll(featureRules("windows"));
            }
            if (key.equals("windowsServerVersion")) {
                rules.addAll(requestInputs.rulesReading("windowsServerVersions"));
            }
        } else if (featureIds.contains(key)) {
            rules.addAll(featureRules(key));
            // networkPolicy and customCni are features and request properties too: rules read them as values
            rules.addAll(requestInputs.rulesReading(key));
        } else if (key.equals("windowsNodePools")) {
            rules.addAll(featureRules("windows"));
            rules.addAll(poolInputs.rulesReading("os"));
        } else if (key.equals("windowsServerVersion")) {
            rules.addAll(requestInputs.rulesReading("windowsServerVersions"));
            rules.addAll(poolInputs.rulesReading("windowsServerVersion"));
        } else {
            rules.addAll(requestInputs.rulesReading(key));
            if (key.equals("nodeCount")) {
                rules.addAll(poolInputs.rulesReading("maxCount"));
            }
            if (key.equals("maxSurge")) {
                rules.addAll(requestInputs.rulesReading("surgeNodes"));
            }
            if (key.equals("maxPodsPerNode")) {
                rules.addAll(poolInputs.rulesReading("maxPodsPerNode"));
            }
        }
        if (SIZING_KEYS.contains(key)) {
            rules.addAll(fitInputs.rulesReading("needed"));
            rules.addAll(fitInputs.rulesReading("fits"));
        }
        String role = RANGE_ROLES.get(key);
        if (role != null && !question.poolKey()) {
            for (RuleInputs ranges : List.of(rangeInputs, relationInputs)) {
                for (String rule : ranges.rulesReading("role")) {
                    Set<String> literals = ranges.literals(rule);
                    boolean namesAnother = RANGE_ROLES.values().stream()
                            .anyMatch(r -> !r.equals(role) && literals.contains(r));
                    if (literals.contains(role) || !namesAnother) {
                        rules.add(rule);
                    }
                }
                rules.addAll(ranges.rulesReading("given"));
            }
        }
        rules.retainAll(rulesById.keySet());
        return rules;
    }

    /**
     * The rules that read the request's features and look for this one, or for none in particular (the rules
     * that join features with facts/: support cells, conflicts).
     */
    private List<String> featureRules(String feature) {
        List<String> rules = new ArrayList<>();
        for (String rule : requestInputs.rulesReading("features")) {
            Set<String> literals = requestInputs.literals(rule);
            boolean namesAnother = literals.stream().anyMatch(l -> !l.equals(feature) && featureIds.contains(l));
            if (literals.contains(feature) || !namesAnother) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** Lines describing the rules among {@code ruleIds} that are loaded, then the sources they cite. */
    List<String> describe(Set<String> ruleIds) {
        List<String> lines = new ArrayList<>();
        Map<String, Source> cited = new TreeMap<>();
        for (String id : ruleIds) {
            RuleMeta rule = rulesById.get(id);
            if (rule == null) {
                continue;
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
