package cniadvisor.io;

import static cniadvisor.io.ValueReaders.ADDRESS;
import static cniadvisor.io.ValueReaders.CIDR;
import static cniadvisor.io.ValueReaders.CIDR_LIST;
import static cniadvisor.io.ValueReaders.FLAG;
import static cniadvisor.io.ValueReaders.MAX_SURGE;
import static cniadvisor.io.ValueReaders.TEXT;
import static cniadvisor.io.ValueReaders.oneOf;
import static cniadvisor.io.ValueReaders.wholeNumber;

import cniadvisor.io.ValueReaders.Problems;
import cniadvisor.io.ValueReaders.ValueReader;
import cniadvisor.model.MaxSurge;
import cniadvisor.model.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns loosely typed key/value fields into a {@link Request}: checks every key and value, reports all problems at
 * once, and applies the request-level defaults. Used by {@link RequestReader} and by CSV batch rows.
 */
public final class RequestBinder {

    /**
     * One key as given, with its value and the line it is on (0 when unknown). A null or missing value means
     * "not given".
     */
    public record Field(String key, JsonNode value, int line) {
        public Field {
            Objects.requireNonNull(key, "key");
            value = value == null || value.isMissingNode() ? NullNode.getInstance() : value;
        }

        /** A value that arrived as text, as in a CSV cell; a blank cell means "not given". */
        public static Field text(String key, String text, int line) {
            JsonNode value = text == null || text.isBlank() ? NullNode.getInstance() : TextNode.valueOf(text);
            return new Field(key, value, line);
        }
    }

    /** Values of {@code currentPlugin}: the network plugin an existing cluster runs. */
    public static final List<String> CURRENT_PLUGINS = List.of(
            "azure-cni-overlay", "azure-cni-pod-subnet", "azure-cni-node-subnet", "kubenet", "byo-cni");

    /**
     * Keys that give another key's value in another form: surgeNodes is maxSurge as a node count (the key requests
     * had before maxSurge took percentages too). A request gives one or the other; the questionnaire asks maxSurge.
     */
    public static final Map<String, String> ALTERNATIVE_KEYS = Map.of("surgeNodes", "maxSurge");

    /** The windowsServerVersion a request with Windows node pools gets when it names none. */
    public static final String WINDOWS_DEFAULT_VERSION = "2025";
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    /** How to read one key, and its value when not given (null: not given stays null). */
    private record KeySpec(ValueReader reader, Object defaultValue) {
    }

    private static final Map<String, KeySpec> SPECS = specs();

    /** All contract keys, in contract order. */
    public static final List<String> KEYS = List.copyOf(SPECS.keySet());
    private static final List<KeySpec> SPEC_LIST = List.copyOf(SPECS.values());
    /** Each key's position in {@link #KEYS}. */
    private static final Map<String, Integer> INDEX = index(KEYS);

    static {
        // toRequest passes the values in key order to the record's constructor
        List<String> components = java.util.Arrays.stream(Request.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        if (!components.equals(KEYS)) {
            throw new IllegalStateException("request keys " + KEYS + " differ from Request's components " + components);
        }
    }

    private static Map<String, Integer> index(List<String> keys) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
        }
        return Collections.unmodifiableMap(index); // a HashMap: Map.copyOf's probing costs more per lookup
    }

    private static Map<String, KeySpec> specs() {
        Map<String, KeySpec> specs = new LinkedHashMap<>();
        specs.put("name", optional(TEXT)); // default: the file name, known only per call
        specs.put("nodeCount", optional(wholeNumber(1, null))); // required; upper bounds are the rules' business
        specs.put("maxPodsPerNode", optional(wholeNumber(10, 250))); // null: each option's own default
        // upgrade surge: a count, or AKS's maxSurge (a count or a percentage); neither: AKS's default, a fact
        specs.put("surgeNodes", optional(wholeNumber(0, null)));
        specs.put("maxSurge", optional(MAX_SURGE));
        specs.put("nodeSubnetCidr", optional(CIDR));
        specs.put("podCidr", optional(CIDR));
        specs.put("serviceCidr", optional(CIDR));
        specs.put("dnsServiceIp", optional(ADDRESS));
        specs.put("connectedNetworks", withDefault(CIDR_LIST, List.of()));
        specs.put("windowsNodePools", flag());
        specs.put("windowsServerVersion", optional(oneOf(Request.WINDOWS_VERSIONS))); // default depends on windows
        specs.put("networkPolicy", withDefault(oneOf(Request.NETWORK_POLICIES), "none"));
        specs.put("advancedPolicy", flag());
        specs.put("trafficPattern", withDefault(oneOf(Request.TRAFFIC_PATTERNS), "mixed"));
        for (String key : List.of("directPodAccess", "podSourceIpVisible", "virtualNodes", "dualStack",
                "appGatewayForContainers", "applicationGatewayIngress", "sharedSubnet", "nodeAutoProvisioning")) {
            specs.put(key, flag());
        }
        specs.put("customCni", optional(TEXT));
        specs.put("currentPlugin", optional(oneOf(CURRENT_PLUGINS)));
        return Collections.unmodifiableMap(specs);
    }

    private static KeySpec optional(ValueReader reader) {
        return new KeySpec(reader, null);
    }

    private static KeySpec withDefault(ValueReader reader, Object defaultValue) {
        return new KeySpec(reader, defaultValue);
    }

    private static KeySpec flag() {
        return new KeySpec(FLAG, false);
    }

    /** The whole numbers a key accepts: from {@code min}, up to {@code max} (null: no upper bound). */
    public record NumberRange(int min, Integer max) {
    }

    private RequestBinder() {
    }

    /**
     * The value a key takes when it is not given, or null when "not given" stays null. {@code name} and
     * {@code windowsServerVersion} depend on other input (see {@link #bind}, {@link #WINDOWS_DEFAULT_VERSION}).
     */
    public static Object defaultValue(String key) {
        return spec(key).defaultValue();
    }

    /** The range of a whole-number key; empty for other keys. */
    public static Optional<NumberRange> range(String key) {
        return spec(key).reader() instanceof ValueReaders.WholeNumber number
                ? Optional.of(new NumberRange(number.min(), number.max()))
                : Optional.empty();
    }

    /**
     * Checks one value on its own, with the reader and messages {@link #bind} uses, for callers that take values
     * one at a time (the questionnaire). Returns the checked value as {@link #bind} stores it (String, Integer,
     * Boolean or List of String), or null for a null value. Checks that span keys are left to {@link #bind}.
     *
     * @throws InputException the problems, reported against {@code file}
     */
    public static Object readValue(Field field, String file) throws InputException {
        KeySpec spec = spec(field.key());
        if (field.value().isNull()) {
            return null;
        }
        List<InputError> errors = new ArrayList<>();
        Object value = spec.reader().read(field.value(), problems(file, field, errors));
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return value;
    }

    private static KeySpec spec(String key) {
        KeySpec spec = SPECS.get(key);
        if (spec == null) {
            throw new IllegalArgumentException("not a request key: " + key);
        }
        return spec;
    }

    /**
     * @param fields      the keys in the order given
     * @param file        the name errors are reported against
     * @param defaultName the request name when {@code name} is not given
     * @throws InputException listing every problem found
     */
    public static Request bind(List<Field> fields, String file, String defaultName) throws InputException {
        List<InputError> errors = new ArrayList<>();
        // by key index (KEYS order): arrays, not maps, since a batch binds every row
        Field[] given = new Field[KEYS.size()];
        Object[] values = new Object[KEYS.size()];
        boolean[] invalid = new boolean[KEYS.size()];

        for (Field field : fields) {
            Integer index = INDEX.get(field.key());
            if (index == null) {
                errors.add(new InputError(file, field.line(), null, unknownKey(field.key())));
                continue;
            }
            Field first = given[index];
            if (first != null) {
                String where = first.line() > 0 ? " (first on line " + first.line() + ")" : "";
                errors.add(new InputError(file, field.line(), field.key(), "given more than once" + where));
                continue;
            }
            given[index] = field;
            if (field.value().isNull()) {
                continue;
            }
            Object value = SPEC_LIST.get(index).reader().read(field.value(), problems(file, field, errors));
            if (value != null) {
                values[index] = value;
            } else {
                invalid[index] = true; // the reader has said why
            }
        }

        Bound bound = new Bound(given, values, invalid);
        checkRequiredNodeCount(file, bound, errors);
        checkWindowsVersion(file, bound, errors);
        checkOneSurge(file, bound, errors);
        checkPeakNodes(file, bound, errors);
        if (!errors.isEmpty()) {
            errors.sort(InputError.IN_FILE_ORDER);
            throw new InputException(errors);
        }

        bound.putIfAbsent("name", defaultName);
        if (Boolean.TRUE.equals(bound.value("windowsNodePools"))) {
            bound.putIfAbsent("windowsServerVersion", WINDOWS_DEFAULT_VERSION);
        }
        return toRequest(bound);
    }

    private static Problems problems(String file, Field field, List<InputError> errors) {
        return new Problems() {
            @Override
            public void report(String message) {
                errors.add(new InputError(file, field.line(), field.key(), message));
            }

            @Override
            public void reportItem(int index, String message) {
                errors.add(new InputError(file, field.line(), field.key() + "[" + index + "]", message));
            }
        };
    }

    private static void checkRequiredNodeCount(String file, Bound bound, List<InputError> errors) {
        if (bound.value("nodeCount") != null || bound.invalid("nodeCount")) {
            return;
        }
        Field nodeCount = bound.given("nodeCount");
        int line = nodeCount == null ? 0 : nodeCount.line();
        errors.add(new InputError(file, line, "nodeCount", "required (the most nodes the cluster may reach)"));
    }

    private static void checkWindowsVersion(String file, Bound bound, List<InputError> errors) {
        boolean windowsKnownOff = !bound.invalid("windowsNodePools")
                && !Boolean.TRUE.equals(bound.value("windowsNodePools"));
        if (bound.value("windowsServerVersion") != null && windowsKnownOff) {
            errors.add(new InputError(file, bound.given("windowsServerVersion").line(), "windowsServerVersion",
                    "needs windowsNodePools: true"));
        }
    }

    /** surgeNodes is maxSurge as a count: a request gives one or the other. */
    private static void checkOneSurge(String file, Bound bound, List<InputError> errors) {
        Field surgeNodes = bound.given("surgeNodes");
        Field maxSurge = bound.given("maxSurge");
        if (surgeNodes != null && maxSurge != null && !surgeNodes.value().isNull() && !maxSurge.value().isNull()) {
            Field second = maxSurge.line() >= surgeNodes.line() ? maxSurge : surgeNodes;
            Field first = second == maxSurge ? surgeNodes : maxSurge;
            errors.add(new InputError(file, second.line(), second.key(), "give surgeNodes or maxSurge, not both ("
                    + first.key() + " is given too; surgeNodes: N is maxSurge: N)"));
        }
    }

    /**
     * Request.peakNodes() adds nodes and surge as ints; refuse input that would overflow it. Without a surge, AKS's
     * default (a percentage, which surges at least one node) applies.
     */
    private static void checkPeakNodes(String file, Bound bound, List<InputError> errors) {
        if (!(bound.value("nodeCount") instanceof Integer nodeCount) || bound.invalid("surgeNodes")
                || bound.invalid("maxSurge")) {
            return;
        }
        long surge = 1; // AKS's default is a percentage, which surges at least one node
        String key = null;
        if (bound.value("surgeNodes") instanceof Integer count) {
            surge = count;
            key = "surgeNodes";
        } else if (bound.value("maxSurge") instanceof String setting) {
            surge = MaxSurge.surge(setting, nodeCount);
            key = "maxSurge";
        }
        if (nodeCount + surge > Integer.MAX_VALUE) {
            Field culprit = key != null ? bound.given(key) : bound.given("nodeCount");
            errors.add(new InputError(file, culprit.line(), culprit.key(), "nodeCount + "
                    + (key != null ? key : "its upgrade surge") + " must not exceed " + Integer.MAX_VALUE));
        }
    }

    /**
     * Checks one IPv4 CIDR the way request keys are checked (a network address with a prefix length), for ranges
     * given on the command line; returns it in canonical form.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String checkCidr(String text) {
        List<String> problems = new ArrayList<>();
        Object cidr = CIDR.read(TextNode.valueOf(text), new Problems() {
            @Override
            public void report(String message) {
                problems.add(message);
            }

            @Override
            public void reportItem(int index, String message) {
                problems.add(message);
            }
        });
        if (cidr == null) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return (String) cidr;
    }

    static String unknownKey(String key) {
        String suggestion = closestKey(key);
        String shown = ValueReaders.shorten(key); // a pasted-in blob as a key must not swamp the message
        if (suggestion != null) {
            return "unknown key '" + shown + "'; did you mean '" + suggestion + "'?";
        }
        return "unknown key '" + shown + "'; allowed keys are " + String.join(", ", KEYS);
    }

    /** The contract key the user most likely meant, or null when none is close. */
    private static String closestKey(String key) {
        String folded = fold(key);
        for (String known : KEYS) {
            if (fold(known).equals(folded)) {
                return known;
            }
        }
        // within the distance only: the cost then grows with the key's length, not with its square
        LevenshteinDistance distance = new LevenshteinDistance(MAX_SUGGESTION_DISTANCE);
        String closest = null;
        int closestDistance = MAX_SUGGESTION_DISTANCE + 1;
        for (String known : KEYS) {
            int d = distance.apply(key, known);
            if (d >= 0 && d < closestDistance) {
                closest = known;
                closestDistance = d;
            }
        }
        return closest;
    }

    /** Case and separators folded away, so NODECOUNT, node_count and node-count all find nodeCount. */
    private static String fold(String key) {
        return key.replaceAll("[-_\\s]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The values in key order, which is the order of the record's components (checked when the class loads); each
     * {@link Bound#take} checks that the key it is asked for is the next one.
     */
    private static Request toRequest(Bound bound) {
        String name = bound.text("name");
        int nodeCount = bound.number("nodeCount");
        Integer maxPodsPerNode = bound.number("maxPodsPerNode");
        Integer surgeNodes = bound.number("surgeNodes");
        String maxSurge = maxSurge(bound.text("maxSurge"), surgeNodes);
        return new Request(
                name,
                nodeCount,
                maxPodsPerNode,
                surgeNodes,
                maxSurge,
                bound.text("nodeSubnetCidr"),
                bound.text("podCidr"),
                bound.text("serviceCidr"),
                bound.text("dnsServiceIp"),
                bound.textList("connectedNetworks"),
                bound.flag("windowsNodePools"),
                bound.text("windowsServerVersion"),
                bound.text("networkPolicy"),
                bound.flag("advancedPolicy"),
                bound.text("trafficPattern"),
                bound.flag("directPodAccess"),
                bound.flag("podSourceIpVisible"),
                bound.flag("virtualNodes"),
                bound.flag("dualStack"),
                bound.flag("appGatewayForContainers"),
                bound.flag("applicationGatewayIngress"),
                bound.flag("sharedSubnet"),
                bound.flag("nodeAutoProvisioning"),
                bound.text("customCni"),
                bound.text("currentPlugin"));
    }

    /** The max surge as given: maxSurge, or surgeNodes as a count, or null (AKS's default applies). */
    private static String maxSurge(String maxSurge, Integer surgeNodes) {
        return maxSurge != null ? maxSurge : surgeNodes != null ? surgeNodes.toString() : null;
    }

    /**
     * One request's fields by key index: the field as given, its checked value (null when not given or invalid)
     * and whether it was invalid; reads fall back to each key's default.
     */
    private static final class Bound {
        private final Field[] givenFields;
        private final Object[] values;
        private final boolean[] invalidKeys;
        /** How many values {@link #toRequest} has taken. */
        private int taken;

        Bound(Field[] givenFields, Object[] values, boolean[] invalidKeys) {
            this.givenFields = givenFields;
            this.values = values;
            this.invalidKeys = invalidKeys;
        }

        private static int index(String key) {
            return INDEX.get(key);
        }

        Field given(String key) {
            return givenFields[index(key)];
        }

        Object value(String key) {
            return values[index(key)];
        }

        boolean invalid(String key) {
            return invalidKeys[index(key)];
        }

        void putIfAbsent(String key, Object value) {
            int index = index(key);
            if (values[index] == null) {
                values[index] = value;
            }
        }

        /** The next value in key order, or its default; {@code key} must be the key at that position. */
        private Object take(String key) {
            int index = taken++;
            if (!KEYS.get(index).equals(key)) {
                throw new IllegalStateException("key " + index + " is " + KEYS.get(index) + ", not " + key);
            }
            return values[index] != null ? values[index] : SPEC_LIST.get(index).defaultValue();
        }

        String text(String key) {
            return (String) take(key);
        }

        Integer number(String key) {
            return (Integer) take(key);
        }

        boolean flag(String key) {
            return (Boolean) take(key);
        }

        @SuppressWarnings("unchecked")
        List<String> textList(String key) {
            return (List<String>) take(key);
        }
    }
}
