package cniadvisor.authoring;

import cniadvisor.authoring.Scenario.RuleAtLevel;
import cniadvisor.authoring.Scenario.Expectations;
import cniadvisor.engine.Advisor;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.ClusterState;
import cniadvisor.model.Component;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Reason;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads scenario files and checks them against the rules and facts they will run on: every key known, every
 * option, data plane, policy engine and rule id real, the request valid by the same checks as a request file.
 * All problems of all files are reported together, as file:line: key: message.
 *
 * <pre>
 * asOf: 2026-11-21            # the date every scenario of the file is judged at (a scenario may override it)
 * scenarios:
 *   - name: Windows pools rule out kubenet
 *     request: {nodeCount: 20, windowsNodePools: true, networkPolicy: calico}
 *     expect:
 *       recommended: azure-cni-overlay      # or none: no option may fit
 *       dataplane: azure
 *       networkPolicy: calico
 *       excluded: [kubenet]
 *       eligible: [azure-cni-pod-subnet]
 *       fired: [ELIG-WINDOWS]
 *       notFired: [POL-ANY-PREFERS-CILIUM]
 *       warnings: [LIFE-WINDOWS-RETIRING: warning]   # all of them; [] means none
 *       findings: [IP-ONE-WAY-MAX-PODS: info, ...]   # the address plan's findings, likewise
 * </pre>
 */
public final class ScenarioReader {

    private static final List<String> FILE_KEYS = List.of("asOf", "scenarios");
    private static final List<String> SCENARIO_KEYS = List.of("name", "asOf", "request", "cluster", "extraFacts",
            "expect");
    private static final List<String> EXPECT_KEYS = List.of("recommended", "dataplane", "networkPolicy", "excluded",
            "eligible", "fired", "notFired", "warnings", "findings", "inPlace", "blockers");
    /** The keys of a scenario's {@code cluster:} block: what an existing cluster reports (see ClusterState). */
    private static final List<String> CLUSTER_TEXT_KEYS = List.of("option", "dataplane", "networkPolicy",
            "kubernetesVersion", "sku", "outboundType", "podIpAllocationMode");
    private static final List<String> CLUSTER_FLAG_KEYS = List.of("virtualNodesAddon",
            "applicationGatewayIngressAddon", "nodeAutoProvisioning", "privateCluster", "apiServerVnetIntegration",
            "dualStack", "windowsPools");
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    /** The ids a scenario may name. */
    public record Vocabulary(Set<String> options, Set<String> dataplanes, Set<String> policyEngines,
                             Set<String> ruleIds, RequestBinder binder) {

        public static Vocabulary of(Advisor advisor) {
            Knowledge k = advisor.knowledge();
            return new Vocabulary(ids(k.options().stream().map(PluginOption::id)),
                    ids(k.dataplanes().stream().map(Component::id)),
                    ids(k.policyEngines().stream().map(Component::id)),
                    ids(advisor.rules().rulesById().keySet().stream()), RequestBinder.forKnowledge(k));
        }

        private static Set<String> ids(Stream<String> ids) {
            return new TreeSet<>(ids.toList());
        }
    }

    private final Vocabulary vocabulary;
    private final List<InputError> errors = new ArrayList<>();
    private final Map<String, String> scenarioNames = new HashMap<>();

    private ScenarioReader(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * The scenario files of the given paths, in order: a folder contributes every *.yaml and *.yml file directly
     * in it (not in subfolders, which hold fixtures), sorted by name; a file is taken as given.
     */
    public static List<Path> scenarioFiles(List<Path> paths) throws InputException {
        List<Path> files = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    List<Path> found = list.filter(p -> Files.isRegularFile(p) && isYaml(p)).sorted().toList();
                    if (found.isEmpty()) {
                        errors.add(new InputError(path.toString(), 0, null,
                                "no scenario files (*.yaml) in this folder"));
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    errors.add(new InputError(path.toString(), 0, null, "cannot list folder: " + e.getMessage()));
                }
            } else if (Files.exists(path)) {
                // a pipe or a device: a scenario is read whole, and /dev/zero never ends
                errors.add(new InputError(path.toString(), 0, null, "is not a regular file or a folder; scenarios "
                        + "are read from files"));
            } else {
                errors.add(new InputError(path.toString(), 0, null, "no such file or folder"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return files;
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Reads every file; throws listing every problem found in any of them. */
    public static List<Scenario> read(List<Path> files, Vocabulary vocabulary) throws InputException {
        ScenarioReader reader = new ScenarioReader(vocabulary);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : files) {
            scenarios.addAll(reader.readFile(file));
        }
        if (!reader.errors.isEmpty()) {
            throw new InputException(reader.errors);
        }
        return scenarios;
    }

    private List<Scenario> readFile(Path path) {
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.read(path);
        } catch (InputException e) {
            errors.addAll(e.errors());
            return List.of();
        } catch (IOException e) {
            errors.add(new InputError(path.toString(), 0, null, "cannot read: " + e.getMessage()));
            return List.of();
        }
        JsonNode root = yaml.root();
        if (!root.isObject()) {
            error(yaml, JsonPointer.empty(), null, "expected 'asOf:' and 'scenarios:' (see docs/rule-authoring.md)");
            return List.of();
        }
        checkKeys(yaml, JsonPointer.empty(), "", FILE_KEYS);
        LocalDate fileAsOf = root.has("asOf") ? date(yaml, JsonPointer.compile("/asOf"), "asOf") : null;
        JsonNode list = root.get("scenarios");
        if (list == null || !list.isArray() || list.isEmpty()) {
            error(yaml, JsonPointer.compile("/scenarios"), "scenarios", "expected a list of scenarios");
            return List.of();
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Scenario scenario = scenario(yaml, JsonPointer.compile("/scenarios/" + i), fileAsOf, path);
            if (scenario != null) {
                scenarios.add(scenario);
            }
        }
        return scenarios;
    }

    private Scenario scenario(LocatedYaml yaml, JsonPointer at, LocalDate fileAsOf, Path path) {
        JsonNode node = yaml.root().at(at);
        int line = yaml.line(at);
        if (!node.isObject()) {
            error(yaml, at, null, "expected a scenario with name, request and expect");
            return null;
        }
        int before = errors.size();
        checkKeys(yaml, at, "", SCENARIO_KEYS);
        String name = text(yaml, at.appendProperty("name"), "name");
        if (name == null && !node.has("name")) {
            error(yaml, at, "name", "required");
        }
        if (name != null) {
            String first = scenarioNames.putIfAbsent(name, yaml.file() + ":" + line);
            if (first != null) {
                error(yaml, at.appendProperty("name"), "name", "'" + name + "' is also the name of the scenario at "
                        + first + "; names must be unique");
            }
        }
        LocalDate asOf = node.has("asOf") ? date(yaml, at.appendProperty("asOf"), "asOf") : fileAsOf;
        if (asOf == null && !node.has("asOf")) {
            error(yaml, at, "asOf", "required: give 'asOf: YYYY-MM-DD' at the top of the file or in the scenario,"
                    + " so the scenario keeps its meaning as dates pass");
        }
        NamedRequest request = request(yaml, at.appendProperty("request"), name == null ? "scenario" : name);
        List<Path> extraFacts = texts(yaml, at.appendProperty("extraFacts"), "extraFacts").stream()
                .map(f -> path.resolveSibling(f)).toList();
        for (int i = 0; i < extraFacts.size(); i++) {
            if (!Files.isRegularFile(extraFacts.get(i))) {
                error(yaml, at.appendProperty("extraFacts").appendIndex(i), "extraFacts[" + i + "]",
                        extraFacts.get(i) + ": no such file (paths are relative to the scenario file)");
            }
        }
        ClusterState cluster = cluster(yaml, at.appendProperty("cluster"), name == null ? "scenario" : name);
        Expectations expect = expectations(yaml, at.appendProperty("expect"));
        if (expect != null && cluster == null && (expect.inPlace() != null || expect.blockers() != null)) {
            error(yaml, at.appendProperty("expect"), "expect", "inPlace and blockers describe the migration of "
                    + "an existing cluster: give the scenario a cluster: block");
        }
        return errors.size() == before ? new Scenario(name, yaml.file(), line, asOf, request, extraFacts, cluster,
                expect) : null;
    }

    /**
     * The existing cluster of a scenario, or null when it has no {@code cluster:} block: option (required; an
     * option id), dataplane (default azure), networkPolicy (default none), kubernetesVersion ("1.25.6"; left out:
     * not known), sku, outboundType, podIpAllocationMode, and the flags of {@link ClusterState}.
     */
    private ClusterState cluster(LocatedYaml yaml, JsonPointer at, String name) {
        JsonNode node = yaml.root().at(at);
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            error(yaml, at, "cluster", "expected a mapping of cluster state keys, e.g. {option: kubenet, "
                    + "kubernetesVersion: \"1.25.6\"}");
            return null;
        }
        List<String> allowed = new ArrayList<>(CLUSTER_TEXT_KEYS);
        allowed.addAll(CLUSTER_FLAG_KEYS);
        checkKeys(yaml, at, "cluster.", allowed);
        Map<String, String> texts = new HashMap<>();
        for (String key : CLUSTER_TEXT_KEYS) {
            JsonNode value = node.get(key);
            if (value != null && (value.isTextual() || value.isNumber()) && !value.asText().isBlank()) {
                texts.put(key, value.asText().strip());
            } else if (value != null) {
                error(yaml, at.appendProperty(key), "cluster." + key, "expected text");
            }
        }
        Map<String, Boolean> flags = new HashMap<>();
        for (String key : CLUSTER_FLAG_KEYS) {
            JsonNode value = node.get(key);
            if (value != null && !value.isBoolean()) {
                error(yaml, at.appendProperty(key), "cluster." + key, "expected true or false");
            }
            flags.put(key, value != null && value.asBoolean());
        }
        String option = texts.get("option");
        if (option == null && !node.has("option")) {
            error(yaml, at, "cluster.option", "required: the option id the cluster runs, e.g. kubenet");
        }
        known(yaml, at.appendProperty("option"), "cluster.option", option, vocabulary.options(), "option", null);
        known(yaml, at.appendProperty("dataplane"), "cluster.dataplane", texts.get("dataplane"),
                vocabulary.dataplanes(), "data plane", null);
        known(yaml, at.appendProperty("networkPolicy"), "cluster.networkPolicy", texts.get("networkPolicy"),
                vocabulary.policyEngines(), "policy engine", null);
        String version = texts.get("kubernetesVersion");
        int minor = -1;
        if (version != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?1\\.(\\d{1,2})(\\..*)?").matcher(version);
            if (m.matches()) {
                minor = Integer.parseInt(m.group(1));
            } else {
                error(yaml, at.appendProperty("kubernetesVersion"), "cluster.kubernetesVersion",
                        "expected a Kubernetes version such as \"1.25.6\" or \"1.27\"");
            }
        }
        return new ClusterState(name, null, yaml.file() + ":" + yaml.line(at), option,
                texts.getOrDefault("dataplane", "azure"), texts.getOrDefault("networkPolicy", "none"), version,
                minor, texts.get("sku"), texts.get("outboundType"), texts.get("podIpAllocationMode"),
                flags.get("virtualNodesAddon"), flags.get("applicationGatewayIngressAddon"),
                flags.get("nodeAutoProvisioning"), flags.get("privateCluster"), flags.get("apiServerVnetIntegration"),
                flags.get("dualStack"), flags.get("windowsPools"));
    }

    private NamedRequest request(LocatedYaml yaml, JsonPointer at, String defaultName) {
        JsonNode node = yaml.root().at(at);
        if (node.isMissingNode() || !node.isObject()) {
            error(yaml, node.isMissingNode() ? at.head() : at, "request",
                    node.isMissingNode() ? "required" : "expected a mapping of request keys, e.g. {nodeCount: 10}");
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.add(new Field(field.getKey(), field.getValue(), yaml.line(at.appendProperty(field.getKey()))));
        }
        try {
            return vocabulary.binder().bind(fields, yaml.file(), defaultName);
        } catch (InputException e) {
            int requestLine = yaml.line(at);
            // a key that is missing has no line of its own: point at 'request:'
            e.errors().forEach(x -> errors.add(x.line() > 0 ? x
                    : new InputError(x.file(), requestLine, x.key(), x.message())));
            return null;
        }
    }

    private Expectations expectations(LocatedYaml yaml, JsonPointer at) {
        JsonNode node = yaml.root().at(at);
        if (node.isMissingNode() || !node.isObject() || node.isEmpty()) {
            error(yaml, node.isMissingNode() ? at.head() : at, "expect",
                    (node.isMissingNode() ? "required; give" : "give") + " at least one of "
                            + String.join(", ", EXPECT_KEYS));
            return null;
        }
        checkKeys(yaml, at, "expect.", EXPECT_KEYS);
        String recommended = text(yaml, at.appendProperty("recommended"), "expect.recommended");
        if (recommended != null && !recommended.equals(Expectations.NONE)) {
            known(yaml, at.appendProperty("recommended"), "expect.recommended", recommended, vocabulary.options(),
                    "option", "none");
        }
        String dataplane = text(yaml, at.appendProperty("dataplane"), "expect.dataplane");
        String policy = text(yaml, at.appendProperty("networkPolicy"), "expect.networkPolicy");
        known(yaml, at.appendProperty("dataplane"), "expect.dataplane", dataplane, vocabulary.dataplanes(),
                "data plane", null);
        known(yaml, at.appendProperty("networkPolicy"), "expect.networkPolicy", policy, vocabulary.policyEngines(),
                "policy engine", null);
        if (Expectations.NONE.equals(recommended) && (dataplane != null || policy != null)) {
            error(yaml, at.appendProperty(dataplane != null ? "dataplane" : "networkPolicy"), null,
                    "dataplane and networkPolicy describe the recommendation; with 'recommended: none' there is none");
        }
        Set<String> options = vocabulary.options();
        List<String> excluded = ids(yaml, at.appendProperty("excluded"), "expect.excluded", options, "option");
        List<String> eligible = ids(yaml, at.appendProperty("eligible"), "expect.eligible", options, "option");
        both(yaml, at.appendProperty("eligible"), "expect.eligible", excluded, eligible, "excluded");
        Set<String> rules = vocabulary.ruleIds();
        List<String> fired = ids(yaml, at.appendProperty("fired"), "expect.fired", rules, "rule id");
        List<String> notFired = ids(yaml, at.appendProperty("notFired"), "expect.notFired", rules, "rule id");
        both(yaml, at.appendProperty("notFired"), "expect.notFired", fired, notFired, "fired");
        List<RuleAtLevel> warnings = rulesAtLevel(yaml, at.appendProperty("warnings"), "expect.warnings");
        List<RuleAtLevel> findings = rulesAtLevel(yaml, at.appendProperty("findings"), "expect.findings");
        JsonNode inPlaceNode = node.get("inPlace");
        Boolean inPlace = null;
        if (inPlaceNode != null) {
            if (inPlaceNode.isBoolean()) {
                inPlace = inPlaceNode.booleanValue();
            } else {
                error(yaml, at.appendProperty("inPlace"), "expect.inPlace", "expected true or false");
            }
        }
        List<RuleAtLevel> blockers = rulesAtLevel(yaml, at.appendProperty("blockers"), "expect.blockers");
        return new Expectations(recommended, dataplane, policy, excluded, eligible, fired, notFired, warnings,
                findings, inPlace, blockers);
    }

    /** warnings or findings: [RULE-ID, RULE-ID: level, ...]; null when not given. */
    private List<RuleAtLevel> rulesAtLevel(LocatedYaml yaml, JsonPointer at, String listKey) {
        JsonNode node = yaml.root().at(at);
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.isArray()) {
            error(yaml, at, listKey, "expected a list of rule ids, each optionally with a level: "
                    + "[RULE-ID, OTHER-RULE-ID: error]");
            return List.of();
        }
        List<RuleAtLevel> warnings = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            JsonPointer itemAt = at.appendIndex(i);
            String key = listKey + "[" + i + "]";
            String rule;
            String level = null;
            if (item.isTextual()) {
                rule = item.textValue();
            } else if (item.isObject() && item.size() == 1) {
                rule = item.fieldNames().next();
                level = item.get(rule).asText();
                if (!Reason.LEVELS.contains(level)) {
                    error(yaml, itemAt, key, "level '" + level + "' is not one of " + String.join(", ", Reason.LEVELS));
                }
            } else {
                error(yaml, itemAt, key, "expected RULE-ID or RULE-ID: level");
                continue;
            }
            known(yaml, itemAt, key, rule, vocabulary.ruleIds(), "rule id", null);
            warnings.add(new RuleAtLevel(rule, level));
        }
        return warnings;
    }

    private void both(LocatedYaml yaml, JsonPointer at, String key, List<String> first, List<String> second,
                      String firstKey) {
        second.stream().filter(first::contains).forEach(id ->
                error(yaml, at, key, "'" + id + "' is also listed under " + firstKey));
    }

    private List<String> ids(LocatedYaml yaml, JsonPointer at, String key, Set<String> known, String what) {
        List<String> ids = texts(yaml, at, key);
        for (int i = 0; i < ids.size(); i++) {
            known(yaml, at.appendIndex(i), key + "[" + i + "]", ids.get(i), known, what, null);
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private void known(LocatedYaml yaml, JsonPointer at, String key, String id, Set<String> known, String what,
                       String alsoAllowed) {
        if (id == null || known.contains(id)) {
            return;
        }
        String closest = closest(id, known);
        String hint = closest != null ? "did you mean '" + closest + "'?"
                : "known: " + String.join(", ", known) + (alsoAllowed == null ? "" : ", " + alsoAllowed);
        error(yaml, at, key, "unknown " + what + " '" + id + "'; " + hint);
    }

    private static String closest(String id, Set<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return known.stream().filter(k -> distance.apply(k, id) <= MAX_SUGGESTION_DISTANCE)
                .min(Comparator.comparingInt((String k) -> distance.apply(k, id)).thenComparing(k -> k))
                .orElse(null);
    }

    private List<String> texts(LocatedYaml yaml, JsonPointer at, String key) {
        JsonNode node = yaml.root().at(at);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error(yaml, at, key, "expected a list, e.g. [a, b]");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual() && !node.get(i).textValue().isBlank()) {
                texts.add(node.get(i).textValue().strip());
            } else {
                error(yaml, at.appendIndex(i), key + "[" + i + "]", "expected text");
            }
        }
        return texts;
    }

    private String text(LocatedYaml yaml, JsonPointer at, String key) {
        JsonNode node = yaml.root().at(at);
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            error(yaml, at, key, "expected text");
            return null;
        }
        return node.textValue().strip();
    }

    private LocalDate date(LocatedYaml yaml, JsonPointer at, String key) {
        JsonNode node = yaml.root().at(at);
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            error(yaml, at, key, "expected a date as YYYY-MM-DD");
            return null;
        }
    }

    private void checkKeys(LocatedYaml yaml, JsonPointer at, String prefix, List<String> allowed) {
        for (Iterator<String> it = yaml.root().at(at).fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String closest = closest(key, new TreeSet<>(allowed));
                error(yaml, at.appendProperty(key), null, "unknown key '" + prefix + key + "'; "
                        + (closest != null ? "did you mean '" + closest + "'?"
                        : "allowed: " + String.join(", ", allowed)));
            }
        }
    }

    private void error(LocatedYaml yaml, JsonPointer at, String key, String message) {
        errors.add(new InputError(yaml.file(), yaml.line(at), key, message));
    }
}
