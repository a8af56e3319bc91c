package cniadvisor.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Azure JSON by key without regard to case: {@code az aks show} spells some keys differently from ARM
 * ({@code vnetSubnetId} for {@code vnetSubnetID}, {@code enableRbac} for {@code enableRBAC}), and Resource Graph
 * lower-cases some values. A resource is read through its {@code properties} wrapper when it has one (ARM, az rest,
 * Resource Graph), else as {@code az} flattens it.
 */
final class AzureJson {

    private AzureJson() {
    }

    /** The value of {@code key} in {@code node}, matched without regard to case; missing when absent or null. */
    static JsonNode get(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(key);
        if (exact != null) {
            return exact.isNull() ? MissingNode.getInstance() : exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue().isNull() ? MissingNode.getInstance() : entry.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    /** The value at a path of keys, each matched without regard to case. */
    static JsonNode at(JsonNode node, String... keys) {
        JsonNode current = node;
        for (String key : keys) {
            current = get(current, key);
            if (current.isMissingNode()) {
                return current;
            }
        }
        return current;
    }

    /** Text at the path, stripped; null when absent, not text, or blank. */
    static String text(JsonNode node, String... keys) {
        JsonNode value = at(node, keys);
        if (value.isTextual()) {
            String text = value.textValue().strip();
            return text.isEmpty() ? null : text;
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        return null;
    }

    /** Whether the path holds true (or the text "true"). */
    static boolean flag(JsonNode node, String... keys) {
        JsonNode value = at(node, keys);
        return value.isBoolean() ? value.booleanValue()
                : value.isTextual() && value.textValue().strip().equalsIgnoreCase("true");
    }

    /** The settings of a resource: its {@code properties} object when it has one, else the resource itself. */
    static JsonNode settings(JsonNode resource) {
        JsonNode properties = get(resource, "properties");
        return properties.isObject() ? properties : resource;
    }

    /** The resource group in an Azure resource id ({@code .../resourceGroups/<rg>/...}), or null. */
    static String resourceGroupOf(String id) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("resourceGroups") && !parts[i + 1].isEmpty()) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /** An Azure resource id in the form ids are compared in: case folded, no trailing slash. */
    static String idKey(String id) {
        String key = id.strip().toLowerCase(Locale.ROOT);
        return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    }

    /** "an object", "a list", "a number", ...: what a value is, for messages. */
    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        return "null";
    }
}
