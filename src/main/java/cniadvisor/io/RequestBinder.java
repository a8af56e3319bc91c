package cniadvisor.io;

import static cniadvisor.io.ValueReaders.ADDRESS;
import static cniadvisor.io.ValueReaders.CIDR;
import static cniadvisor.io.ValueReaders.CIDR_LIST;
import static cniadvisor.io.ValueReaders.FLAG;
import static cniadvisor.io.ValueReaders.MAX_SURGE;
import static cniadvisor.io.ValueReaders.TEXT;
import static cniadvisor.io.ValueReaders.oneOf;
import static cniadvisor.io.ValueReaders.wholeNumber;

import cniadvisor.contract.ContractKey;
import cniadvisor.contract.RequestContract;
import cniadvisor.io.ValueReaders.Problems;
import cniadvisor.io.ValueReaders.ValueReader;
import cniadvisor.model.MaxSurge;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.NodePool;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns loosely typed key/value fields into a {@link Request} by the request contract ({@link RequestContract}):
 * checks every key and value, reports all problems at once, and applies the request-level defaults. Used by
 * {@link RequestReader}, batch rows and the questionnaire. One binder serves any number of threads.
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

    /** The flat keys that describe the one pool of the shorthand; with nodePools, each pool says them itself. */
    static final List<String> SHORTHAND_POOL_KEYS = List.of("nodeCount", "maxPodsPerNode", "maxSurge", "surgeNodes",
            "windowsNodePools", "windowsServerVersion");
    /** The name of the shorthand's one pool: AKS's own name for a cluster's first pool. */
    public static final String SHORTHAND_POOL_NAME = "nodepool1";
    private static final int MAX_SUGGESTION_DISTANCE = 3;
    /** AKS's rule for node pool names (the lengths are facts: POOL-NAME-TOO-LONG). */
    private static final java.util.regex.Pattern POOL_NAME =
            java.util.regex.Pattern.compile(RequestContract.POOL_NAME_PATTERN);

    private final RequestContract contract;
    /** All contract keys, in contract order. */
    private final List<String> keys;
    private final List<ValueReader> readers;
    /** Each key's value when not given, by key index. */
    private final Object[] defaults;
    /** The key indexes of the yes/no features, in contract order (read for every request). */
    private final int[] featureIndexes;
    private final List<String> featureKeys;
    private final Map<String, Integer> index;
    private final Map<String, ValueReader> poolReaders;
    /** Pool keys, aliases and ignored AKS keys by their folded spelling (case and separators aside). */
    private final Map<String, String> poolSpellings;

    public RequestBinder(RequestContract contract) {
        this.contract = contract;
        this.keys = contract.keys().stream().map(ContractKey::key).toList();
        this.readers = contract.keys().stream().map(RequestBinder::reader).toList();
        this.defaults = contract.keys().stream().map(ContractKey::defaultValue).toArray();
        this.featureKeys = contract.featureKeys();
        this.featureIndexes = featureKeys.stream().mapToInt(keys::indexOf).toArray();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            positions.put(keys.get(i), i);
        }
        this.index = Collections.unmodifiableMap(positions); // a HashMap: Map.copyOf's probing costs more per lookup
        Map<String, ValueReader> pool = new LinkedHashMap<>();
        Map<String, String> spellings = new HashMap<>();
        RequestContract.IGNORED_AKS_POOL_KEYS.forEach(k -> spellings.put(fold(k), k));
        RequestContract.READ_AKS_POOL_KEYS.forEach(k -> spellings.put(fold(k), k));
        for (ContractKey key : contract.poolKeys()) {
            pool.put(key.key(), reader(key));
            spellings.put(fold(key.key()), key.key());
            key.aliases().forEach(alias -> spellings.put(fold(alias), key.key()));
        }
        this.poolReaders = Collections.unmodifiableMap(pool);
        this.poolSpellings = Collections.unmodifiableMap(spellings);
    }

    private static ValueReader reader(ContractKey key) {
        return switch (key.type()) {
            case TEXT -> TEXT;
            case WHOLE_NUMBER -> wholeNumber(key.min(), key.max());
            case FLAG -> FLAG;
            case CIDR -> CIDR;
            case ADDRESS -> ADDRESS;
            case CIDR_LIST -> CIDR_LIST;
            case CHOICE -> oneOf(key.allowed());
            case MAX_SURGE -> MAX_SURGE;
            case POOL_LIST -> (value, problems) -> value; // bound by bindPools, which knows the request's file
        };
    }

    /** Binders by facts fingerprint: a process that loads the same facts again reads requests the same way. */
    private static final Map<String, RequestBinder> BY_FACTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int BY_FACTS_LIMIT = 8;

    /** The binder of the contract these facts make, made once per facts fingerprint. */
    public static RequestBinder forKnowledge(cniadvisor.knowledge.Knowledge knowledge) {
        RequestBinder binder = BY_FACTS.get(knowledge.fingerprint());
        if (binder != null) {
            return binder;
        }
        if (BY_FACTS.size() >= BY_FACTS_LIMIT) {
            BY_FACTS.clear(); // bounded: tests and rule authors load many facts folders
        }
        return BY_FACTS.computeIfAbsent(knowledge.fingerprint(),
                f -> new RequestBinder(RequestContract.of(knowledge)));
    }

    public RequestContract contract() {
        return contract;
    }

    /** The contract's keys, in contract order. */
    public List<String> keys() {
        return keys;
    }

    /**
     * Checks one value on its own, with the reader and messages {@link #bind} uses, for callers that take values
     * one at a time (the questionnaire). Returns the checked value as {@link #bind} stores it (String, Integer,
     * Boolean or List of String), or null for a null value. Checks that span keys are left to {@link #bind}.
     *
     * @throws InputException the problems, reported against {@code file}
     */
    public Object readValue(Field field, String file) throws InputException {
        Integer position = index.get(field.key());
        if (position == null) {
            throw new IllegalArgumentException("not a request key: " + field.key());
        }
        if (field.value().isNull()) {
            return null;
        }
        List<InputError> errors = new ArrayList<>();
        Object value = readers.get(position).read(field.value(), problems(file, field.line(), field.key(), errors));
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return value;
    }

    /** Checks one value of a pool key on its own, as {@link #readValue} does for request keys. */
    public Object readPoolValue(String key, JsonNode value, String file) throws InputException {
        ValueReader reader = poolReaders.get(key);
        if (reader == null) {
            throw new IllegalArgumentException("not a pool key: " + key);
        }
        if (value.isNull()) {
            return null;
        }
        List<InputError> errors = new ArrayList<>();
        Object read = reader.read(value, problems(file, 0, key, errors));
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return read;
    }

    /**
     * @param fields      the keys in the order given
     * @param file        the name errors are reported against
     * @param defaultName the request name when {@code name} is not given
     * @throws InputException listing every problem found
     */
    public NamedRequest bind(List<Field> fields, String file, String defaultName) throws InputException {
        List<InputError> errors = new ArrayList<>();
        // by key index (contract order): arrays, not maps, since a batch binds every row
        Field[] given = new Field[keys.size()];
        Object[] values = new Object[keys.size()];
        boolean[] invalid = new boolean[keys.size()];

        for (Field field : fields) {
            Integer position = index.get(field.key());
            if (position == null) {
                errors.add(new InputError(file, field.line(), null, unknownKey(field.key())));
                continue;
            }
            Field first = given[position];
            if (first != null) {
                String where = first.line() > 0 ? " (first on line " + first.line() + ")" : "";
                errors.add(new InputError(file, field.line(), field.key(), "given more than once" + where));
                continue;
            }
            given[position] = field;
            if (field.value().isNull()) {
                continue;
            }
            Object value = readers.get(position).read(field.value(),
                    problems(file, field.line(), field.key(), errors));
            if (value != null) {
                values[position] = value;
            } else {
                invalid[position] = true; // the reader has said why
            }
        }

        Bound bound = new Bound(given, values, invalid);
        List<NodePool> pools = null;
        Field poolField = bound.given("nodePools");
        if (poolField != null && !poolField.value().isNull()) {
            pools = bindPools(poolField, file, errors);
            checkNoShorthand(file, bound, errors);
        } else {
            checkRequiredNodeCount(file, bound, errors);
            checkWindowsVersion(file, bound, errors);
            checkOneSurge(file, bound, errors);
            checkPeakNodes(file, bound, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(InputError.IN_FILE_ORDER);
            throw new InputException(errors);
        }
        bound.putIfAbsent("name", defaultName);
        if (pools == null) {
            pools = List.of(shorthandPool(bound));
        }
        return toRequest(bound, pools, poolField != null && !poolField.value().isNull());
    }

    private Problems problems(String file, int line, String key, List<InputError> errors) {
        return new Problems() {
            @Override
            public void report(String message) {
                errors.add(new InputError(file, line, key, message));
            }

            @Override
            public void reportItem(int index, String message) {
                errors.add(new InputError(file, line, key + "[" + index + "]", message));
            }
        };
    }

    // ---- node pools ----

    /** The one pool the flat keys describe. */
    private NodePool shorthandPool(Bound bound) {
        boolean windows = Boolean.TRUE.equals(bound.value("windowsNodePools"));
        String version = (String) bound.value("windowsServerVersion");
        if (windows && version == null) {
            version = contract.defaultWindowsVersion();
        }
        Integer surgeNodes = (Integer) bound.value("surgeNodes");
        String maxSurge = maxSurge((String) bound.value("maxSurge"), surgeNodes);
        return new NodePool(0, SHORTHAND_POOL_NAME, NodePool.SYSTEM, windows ? NodePool.WINDOWS : NodePool.LINUX,
                windows ? version : null, null, (Integer) bound.value("nodeCount"),
                (Integer) bound.value("maxPodsPerNode"), maxSurge, null, null, null, null, null, null, false);
    }

    /**
     * Reads nodePools: a list of objects with the pool keys, or the AKS API's spelling of them (osType, count,
     * maxPods, upgradeSettings.maxSurge, vnetSubnetID, podSubnetID, osSKU), matched without regard to case. Keys of
     * the AKS API that say nothing about the network (vmSize, nodeTaints, ...) are ignored.
     */
    private List<NodePool> bindPools(Field field, String file, List<InputError> errors) {
        JsonNode list = field.value();
        int line = field.line();
        if (list.isTextual()) {
            // a CSV cell (or a one-line YAML value) in the pool notation
            List<String> problems = new ArrayList<>();
            list = PoolNotation.parse(list.textValue(), problems);
            // the one-line form takes the pool keys only: an AKS field there is a mistake, not a pasted pool
            for (int i = 0; i < list.size(); i++) {
                for (java.util.Iterator<String> keys = list.get(i).fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!poolReaders.containsKey(key)) {
                        problems.add("pool " + (i + 1) + ": '" + ValueReaders.shorten(key) + "' is not a pool key"
                                + poolKeyHint(key));
                    }
                }
            }
            problems.forEach(p -> errors.add(new InputError(file, line, "nodePools", p)));
            if (!problems.isEmpty()) {
                return List.of();
            }
        }
        if (!list.isArray() || list.isEmpty()) {
            errors.add(new InputError(file, line, "nodePools", "expected a list of node pools (each with name and "
                    + "maxCount at least), got " + (list.isArray() ? "an empty list" : ValueReaders.describe(list))));
            return List.of();
        }
        List<NodePool> pools = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        long totalNodes = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = "nodePools[" + i + "]";
            if (!item.isObject()) {
                errors.add(new InputError(file, line, where, "expected a node pool (an object with name, maxCount, "
                        + "...), got " + ValueReaders.describe(item)));
                continue;
            }
            JsonNode name = item.path("name");
            if (name.isTextual() && !name.textValue().isBlank()) {
                String given = name.textValue().strip();
                Integer first = names.putIfAbsent(given.toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    errors.add(new InputError(file, line, where + " (" + ValueReaders.shorten(given) + ").name", "'"
                            + ValueReaders.shorten(given) + "' is also the name of nodePools[" + first
                            + "]; each pool needs its own name"));
                }
            }
            NodePool pool = bindPool(item, i, file, line, errors);
            if (pool == null) {
                continue;
            }
            totalNodes += pool.maxCount();
            pools.add(pool);
        }
        if (totalNodes > Integer.MAX_VALUE) {
            errors.add(new InputError(file, line, "nodePools", "the pools' maxCount add up to " + totalNodes
                    + ", more than " + Integer.MAX_VALUE));
        }
        return pools;
    }

    private NodePool bindPool(JsonNode item, int i, String file, int line, List<InputError> errors) {
        Map<String, Object> values = new HashMap<>();
        Map<String, String> spelledAs = new HashMap<>();
        String displayName = item.path("name").isTextual() ? item.path("name").textValue().strip() : null;
        String where = "nodePools[" + i + "]" + (displayName == null || displayName.isEmpty()
                || displayName.length() > 40 ? "" : " (" + displayName + ")");
        int errorsBefore = errors.size();
        JsonNode count = null;
        String osSku = null;
        for (Map.Entry<String, JsonNode> entry : item.properties()) {
            String given = entry.getKey();
            JsonNode value = entry.getValue();
            String key = poolSpellings.get(fold(given));
            if (key == null) {
                errors.add(new InputError(file, line, where + "." + ValueReaders.shorten(given),
                        unknownPoolKey(given)));
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            switch (key) {
                case "count" -> count = value;
                case "osSKU" -> osSku = value.isTextual() ? value.textValue().strip() : null;
                case "upgradeSettings" -> {
                    JsonNode surge = value.path("maxSurge");
                    if (!surge.isMissingNode() && !surge.isNull() && !surge.asText().isBlank()) {
                        put(values, spelledAs, "maxSurge", "upgradeSettings.maxSurge", surge, where, file, line,
                                errors);
                    }
                }
                default -> {
                    if (poolReaders.containsKey(key)) {
                        put(values, spelledAs, key, given, value, where, file, line, errors);
                    } // else an AKS key that says nothing about the network
                }
            }
        }
        if (!values.containsKey("maxCount") && count != null) {
            // a pool without autoscaling: its node count is its maximum
            put(values, spelledAs, "maxCount", "count", count, where, file, line, errors);
        }
        String linuxSku = checkOsSku(osSku, values, spelledAs, where, file, line, errors);
        if (!values.containsKey("name") && !spelledAs.containsKey("name")) {
            errors.add(new InputError(file, line, where + ".name", "required (the pool's name as AKS has it)"));
        } else if (values.get("name") instanceof String name && !POOL_NAME.matcher(name).matches()) {
            errors.add(new InputError(file, line, where + ".name", "'" + ValueReaders.shorten(name) + "' is not a "
                    + "node pool name AKS takes: lowercase letters and digits, starting with a letter"));
        }
        if (!values.containsKey("maxCount") && !spelledAs.containsKey("maxCount")) {
            errors.add(new InputError(file, line, where + ".maxCount",
                    "required (the most nodes the pool may reach; count for a pool that does not autoscale)"));
        }
        String os = (String) values.getOrDefault("os", NodePool.LINUX);
        if (values.containsKey("windowsServerVersion") && !NodePool.WINDOWS.equals(os) && !spelledAs.containsKey("os")
                || values.containsKey("windowsServerVersion") && NodePool.LINUX.equals(values.get("os"))) {
            errors.add(new InputError(file, line, where + ".windowsServerVersion", "needs os: windows"));
        }
        if (values.get("minCount") instanceof Integer min && values.get("maxCount") instanceof Integer max
                && min > max) {
            errors.add(new InputError(file, line, where + ".minCount", "is " + min + ", more than maxCount " + max));
        }
        if (values.get("maxCount") instanceof Integer max && values.get("maxSurge") instanceof String surge
                && max + MaxSurge.surge(surge, max) > Integer.MAX_VALUE) {
            errors.add(new InputError(file, line, where + ".maxSurge", "maxCount + maxSurge must not exceed "
                    + Integer.MAX_VALUE));
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        boolean windows = NodePool.WINDOWS.equals(os);
        String version = (String) values.get("windowsServerVersion");
        if (windows && version == null) {
            version = contract.defaultWindowsVersion();
        }
        String mode = (String) values.getOrDefault("mode", i == 0 ? NodePool.SYSTEM : NodePool.USER);
        return new NodePool(i, (String) values.get("name"), mode, os, version, (Integer) values.get("minCount"),
                (Integer) values.get("maxCount"), (Integer) values.get("maxPodsPerNode"),
                (String) values.get("maxSurge"), null, (String) values.get("nodeSubnetCidr"),
                (String) values.get("nodeSubnetId"), (String) values.get("podSubnetCidr"),
                (String) values.get("podSubnetId"), linuxSku, true);
    }

    /**
     * An AKS osSKU: a Windows SKU facts/ know (Windows2022) gives the pool's Windows Server version and makes it a
     * Windows pool, and must agree with what the pool says otherwise; any other SKU (Ubuntu, AzureLinux) is a Linux
     * pool's, returned to be deployed as given.
     */
    private String checkOsSku(String osSku, Map<String, Object> values, Map<String, String> spelledAs, String where,
                              String file, int line, List<InputError> errors) {
        if (osSku == null) {
            return null;
        }
        java.util.Optional<String> version = contract.windowsVersionOfSku(osSku);
        String os = (String) values.get("os");
        String key = where + ".osSKU";
        if (version.isPresent()) {
            if (NodePool.LINUX.equals(os)) {
                errors.add(new InputError(file, line, key, "'" + osSku + "' is a Windows SKU, but the pool's os is "
                        + "linux"));
            } else if (values.get("windowsServerVersion") instanceof String given && !given.equals(version.get())) {
                errors.add(new InputError(file, line, key, "'" + osSku + "' is Windows Server " + version.get()
                        + ", but windowsServerVersion says " + given + "; give one of them"));
                values.put("os", NodePool.WINDOWS); // a Windows pool either way: one problem, not two
            } else {
                values.put("os", NodePool.WINDOWS);
                values.put("windowsServerVersion", version.get());
            }
            return null;
        }
        if (osSku.toLowerCase(Locale.ROOT).startsWith("windows")) {
            errors.add(new InputError(file, line, key, "'" + ValueReaders.shorten(osSku) + "' is no Windows Server "
                    + "version facts/ list; one of " + String.join(", ", contract.windowsSkus())));
        } else if (NodePool.WINDOWS.equals(os)) {
            errors.add(new InputError(file, line, key, "'" + ValueReaders.shorten(osSku) + "' is a Linux SKU, but "
                    + "the pool's os is windows"));
        }
        return osSku;
    }

    private void put(Map<String, Object> values, Map<String, String> spelledAs, String key, String given,
                     JsonNode value, String where, String file, int line, List<InputError> errors) {
        String first = spelledAs.putIfAbsent(key, given);
        if (first != null) {
            errors.add(new InputError(file, line, where + "." + given, "gives " + key + " again (" + first
                    + " gives it too)"));
            return;
        }
        Object read = poolReaders.get(key).read(value, problems(file, line, where + "." + given, errors));
        if (read != null) {
            values.put(key, read);
        }
    }

    private String unknownPoolKey(String key) {
        return "unknown pool key '" + ValueReaders.shorten(key) + "'" + poolKeyHint(key);
    }

    /** "; did you mean 'maxCount'?", or the pool keys when none is close. */
    private String poolKeyHint(String key) {
        List<String> known = new ArrayList<>(poolReaders.keySet());
        return cniadvisor.knowledge.Suggestions.closest(key, known).map(k -> "; did you mean '" + k + "'?")
                .orElse("; pool keys are " + String.join(", ", known));
    }

    /** With nodePools, the keys of the one-pool shorthand say what the pools say: one or the other. */
    private static void checkNoShorthand(String file, Bound bound, List<InputError> errors) {
        for (String key : SHORTHAND_POOL_KEYS) {
            Field field = bound.given(key);
            if (field != null && !field.value().isNull()) {
                errors.add(new InputError(file, field.line(), key, "give it per pool when nodePools is given"
                        + ("nodeCount".equals(key) ? " (the cluster's node count is the sum of the pools' maxCount)"
                        : "windowsNodePools".equals(key) ? " (a pool with os: windows says it)" : "")));
            }
        }
    }

    // ---- the one-pool shorthand ----

    private static void checkRequiredNodeCount(String file, Bound bound, List<InputError> errors) {
        if (bound.value("nodeCount") != null || bound.invalid("nodeCount")) {
            return;
        }
        Field nodeCount = bound.given("nodeCount");
        int line = nodeCount == null ? 0 : nodeCount.line();
        errors.add(new InputError(file, line, "nodeCount",
                "required (the most nodes the cluster may reach), unless nodePools lists the pools"));
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

    /** "unknown key 'x'" with the contract key the user most likely meant, or the allowed keys. */
    public String unknownKey(String key) {
        String suggestion = closestKey(key);
        String shown = ValueReaders.shorten(key); // a pasted-in blob as a key must not swamp the message
        if (suggestion != null) {
            return "unknown key '" + shown + "'; did you mean '" + suggestion + "'?";
        }
        return "unknown key '" + shown + "'; allowed keys are " + String.join(", ", keys);
    }

    /** The contract key the user most likely meant, or null when none is close. */
    private String closestKey(String key) {
        String folded = fold(key);
        for (String known : keys) {
            if (fold(known).equals(folded)) {
                return known;
            }
        }
        // within the distance only: the cost then grows with the key's length, not with its square
        LevenshteinDistance distance = new LevenshteinDistance(MAX_SUGGESTION_DISTANCE);
        String closest = null;
        int closestDistance = MAX_SUGGESTION_DISTANCE + 1;
        for (String known : keys) {
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
        return key.replaceAll("[-_\\s.]", "").toLowerCase(Locale.ROOT);
    }

    private NamedRequest toRequest(Bound bound, List<NodePool> pools, boolean poolsGiven) {
        Set<String> features = new TreeSet<>();
        for (int i = 0; i < featureIndexes.length; i++) {
            if (Boolean.TRUE.equals(bound.valueAt(featureIndexes[i]))) {
                features.add(featureKeys.get(i));
            }
        }
        long nodes = 0;
        for (NodePool pool : pools) {
            nodes += pool.maxCount();
        }
        Integer surgeNodes = poolsGiven ? null : (Integer) bound.value("surgeNodes");
        return new NamedRequest(bound.text("name"), new Request(
                (int) nodes,
                poolsGiven ? null : bound.number("maxPodsPerNode"),
                surgeNodes,
                poolsGiven ? null : maxSurge(bound.text("maxSurge"), surgeNodes),
                bound.text("nodeSubnetCidr"),
                bound.text("podCidr"),
                bound.text("serviceCidr"),
                bound.text("dnsServiceIp"),
                bound.textList("connectedNetworks"),
                bound.textList("vnetCidr"),
                bound.text("networkPolicy"),
                bound.text("trafficPattern"),
                features,
                bound.text("customCni"),
                bound.text("currentPlugin"),
                bound.text("outboundType"),
                bound.text("apiServerSubnetCidr"),
                bound.text("appGatewayForContainersSubnetCidr"),
                bound.text("applicationGatewaySubnetCidr"),
                bound.text("virtualNodesSubnetCidr"),
                pools,
                poolsGiven));
    }

    /** The max surge as given: maxSurge, or surgeNodes as a count, or null (AKS's default applies). */
    private static String maxSurge(String maxSurge, Integer surgeNodes) {
        return maxSurge != null ? maxSurge : surgeNodes != null ? surgeNodes.toString() : null;
    }

    /**
     * One request's fields by key index: the field as given, its checked value (null when not given or invalid)
     * and whether it was invalid; reads fall back to each key's default.
     */
    private final class Bound {
        private final Field[] givenFields;
        private final Object[] values;
        private final boolean[] invalidKeys;

        Bound(Field[] givenFields, Object[] values, boolean[] invalidKeys) {
            this.givenFields = givenFields;
            this.values = values;
            this.invalidKeys = invalidKeys;
        }

        Field given(String key) {
            return givenFields[index.get(key)];
        }

        Object value(String key) {
            return values[index.get(key)];
        }

        boolean invalid(String key) {
            return invalidKeys[index.get(key)];
        }

        void putIfAbsent(String key, Object value) {
            int position = index.get(key);
            if (values[position] == null) {
                values[position] = value;
            }
        }

        /** The value at a key index, or the key's default. */
        Object valueAt(int position) {
            return values[position] != null ? values[position] : defaults[position];
        }

        /** The value, or the key's default. */
        private Object valueOrDefault(String key) {
            int position = index.get(key);
            return values[position] != null ? values[position] : defaults[position];
        }

        String text(String key) {
            return (String) valueOrDefault(key);
        }

        Integer number(String key) {
            return (Integer) valueOrDefault(key);
        }

        boolean flag(String key) {
            return Boolean.TRUE.equals(valueOrDefault(key));
        }

        @SuppressWarnings("unchecked")
        List<String> textList(String key) {
            return (List<String>) valueOrDefault(key);
        }
    }
}
