package cniadvisor.inventory;

import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.InputLimits;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --requirements FILE}: request keys that say what the Azure API cannot (trafficPattern, directPodAccess, a
 * policy engine beyond the one installed, ...), for every cluster at the top level, or for one cluster under
 * {@code clusters: {<name>: {...}}} (the name as AKS has it, or {@code <resourceGroup>/<name>}). A cluster's own keys
 * override the top level's, and both override what was read from Azure. Every key and value is checked by the
 * request contract when the file is read.
 */
public final class Requirements {

    private static final ObjectMapper YAML = InputLimits.yaml(InputLimits.LINE_CHARS, InputLimits.REQUEST_FILE_BYTES);
    static final String CLUSTERS = "clusters";

    private final String file;
    private final Map<String, JsonNode> all;
    private final Map<String, Map<String, JsonNode>> byCluster;
    /** Written from every worker thread of assess. */
    private final Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Requirements(String file, Map<String, JsonNode> all, Map<String, Map<String, JsonNode>> byCluster) {
        this.file = file;
        this.all = all;
        this.byCluster = byCluster;
    }

    public static Requirements none() {
        return new Requirements(null, Map.of(), Map.of());
    }

    /** The file these came from, or null. */
    public String file() {
        return file;
    }

    /**
     * Reads and checks a requirements file.
     *
     * @throws InputException every problem found, against {@code name}
     */
    public static Requirements read(String name, InputStream in, RequestBinder binder)
            throws InputException, IOException {
        byte[] bytes = in.readNBytes(InputLimits.REQUEST_FILE_BYTES + 1);
        if (bytes.length > InputLimits.REQUEST_FILE_BYTES) {
            throw new InputException(new InputError(name, 0, null, "holds more than "
                    + InputLimits.describe(InputLimits.REQUEST_FILE_BYTES, "bytes") + ", the limit for a request "
                    + "file"));
        }
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(new InputError(name, line, null, "is not valid YAML or JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Requirements(name, Map.of(), Map.of());
        }
        List<InputError> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw new InputException(new InputError(name, 0, null, "expected request keys (an object), optionally "
                    + "with clusters: {<name>: {...}}, got " + AzureJson.describe(root)));
        }
        Map<String, JsonNode> all = new LinkedHashMap<>();
        Map<String, Map<String, JsonNode>> byCluster = new LinkedHashMap<>();
        for (var entry : root.properties()) {
            String key = entry.getKey();
            if (key.equals(CLUSTERS)) {
                JsonNode clusters = entry.getValue();
                if (!clusters.isObject()) {
                    errors.add(new InputError(name, 0, CLUSTERS, "expected the clusters by name, each with its "
                            + "request keys, got " + AzureJson.describe(clusters)));
                    continue;
                }
                for (var cluster : clusters.properties()) {
                    if (!cluster.getValue().isObject()) {
                        errors.add(new InputError(name, 0, CLUSTERS + "." + cluster.getKey(), "expected request "
                                + "keys (an object), got " + AzureJson.describe(cluster.getValue())));
                        continue;
                    }
                    Map<String, JsonNode> keys = new LinkedHashMap<>();
                    for (var field : cluster.getValue().properties()) {
                        check(binder, name, CLUSTERS + "." + cluster.getKey() + ".", field.getKey(), field.getValue(),
                                errors);
                        keys.put(field.getKey(), field.getValue());
                    }
                    byCluster.put(cluster.getKey(), keys);
                }
                continue;
            }
            if (key.equals("name")) {
                errors.add(new InputError(name, 0, key, "names one cluster: give it under clusters: {<name>: ...}"));
                continue;
            }
            check(binder, name, "", key, entry.getValue(), errors);
            all.put(key, entry.getValue());
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return new Requirements(name, all, byCluster);
    }

    private static void check(RequestBinder binder, String file, String prefix, String key, JsonNode value,
                              List<InputError> errors) {
        if (binder.contract().findKey(key).isEmpty()) {
            errors.add(new InputError(file, 0, prefix + key, binder.unknownKey(key)));
            return;
        }
        if (key.equals("nodePools")) {
            return; // bound with the cluster (the binder checks pools as a whole)
        }
        try {
            binder.readValue(new Field(key, value, 0), file);
        } catch (InputException e) {
            e.errors().forEach(x -> errors.add(new InputError(file, 0, prefix + key, x.message())));
        }
    }

    /** The keys for one cluster: the top level's, then the cluster's own over them. */
    public Map<String, JsonNode> forCluster(String name, String resourceGroup) {
        Map<String, JsonNode> keys = new LinkedHashMap<>(all);
        String qualified = resourceGroup == null ? null : resourceGroup + "/" + name;
        for (var entry : byCluster.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) || entry.getKey().equalsIgnoreCase(qualified)) {
                synchronized (used) {
                    used.add(entry.getKey());
                }
                keys.putAll(entry.getValue());
            }
        }
        return keys;
    }

    /** The cluster names under clusters: that matched no cluster read. */
    public List<String> unused() {
        synchronized (used) {
            return byCluster.keySet().stream().filter(k -> !used.contains(k)).toList();
        }
    }
}
