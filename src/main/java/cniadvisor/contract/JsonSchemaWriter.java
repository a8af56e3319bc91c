package cniadvisor.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) of a request file, made from the {@link RequestContract}: every key with its type,
 * bounds, allowed values (from facts/), default and description; nodePools as a list of pool objects that accepts
 * the AKS API's spellings (a pool copied from {@code az aks nodepool show}); the one-pool shorthand (nodeCount, ...)
 * and nodePools as alternatives. An editor (the YAML language server, VS Code) can then complete keys and flag
 * mistakes as the file is written.
 *
 * <p>What the schema cannot say, the tool still checks: a CIDR's host bits, overlaps between ranges, pool names
 * that repeat, totals that overflow. The schema is a little stricter than the tool in two places: allowed values are
 * matched as spelled (the tool ignores their case, save for the AKS spellings of a pool's os and mode), and pool keys
 * as spelled here (the tool ignores their case and separators).
 */
public final class JsonSchemaWriter {

    public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    /** The schema's id: a name, not a download address (the schema is printed by {@code cni-advisor schema}). */
    public static final String ID = "urn:cni-advisor:request";

    /** The most items a list may have, as the readers allow (see docs/input-limits.md). */
    static final int MAX_ITEMS = 1_000;

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";
    static final String CIDR_PATTERN = "^" + IPV4 + "/(3[0-2]|[12]?[0-9])$";
    static final String ADDRESS_PATTERN = "^" + IPV4 + "$";
    static final String SURGE_PATTERN = "^([0-9]+|([1-9]|[1-9][0-9]|100)%)$";

    private JsonSchemaWriter() {
    }

    /** The schema as JSON text, two-space indented, ending with a line break. */
    public static String json(RequestContract contract) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(schema(contract)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema as maps and lists, in the order it is printed. */
    public static Map<String, Object> schema(RequestContract contract) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DRAFT);
        schema.put("$id", ID);
        schema.put("title", "AKS CNI Advisor request");
        schema.put("description", "A team's requirements for one AKS cluster, as 'cni-advisor advise -f' reads "
                + "them (YAML or JSON). Give nodeCount (the one-pool shorthand, with maxPodsPerNode, maxSurge and "
                + "windowsNodePools) or nodePools, not both. Printed by 'cni-advisor schema' from the facts it loads.");
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ContractKey key : contract.keys()) {
            properties.put(key.key(), key.type() == ValueType.POOL_LIST ? poolList(key) : property(key, false));
        }
        schema.put("properties", properties);
        schema.put("additionalProperties", false);

        List<String> shorthand = List.of("nodeCount", "maxPodsPerNode", "maxSurge", "surgeNodes",
                "windowsNodePools", "windowsServerVersion");
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("title", "one node pool: the shorthand");
        flat.put("required", List.of("nodeCount"));
        flat.put("not", map("required", List.of("nodePools")));
        Map<String, Object> pools = new LinkedHashMap<>();
        pools.put("title", "node pools");
        pools.put("required", List.of("nodePools"));
        Map<String, Object> none = new LinkedHashMap<>();
        shorthand.stream().filter(k -> contract.findKey(k).isPresent()).forEach(k -> none.put(k, false));
        pools.put("properties", none);
        schema.put("oneOf", List.of(flat, pools));

        // surgeNodes is maxSurge as a count: one or the other
        schema.put("not", map("required", List.of("surgeNodes", "maxSurge")));
        // a Windows version only for a cluster with Windows pools
        schema.put("dependentSchemas", map("windowsServerVersion", map(
                "required", List.of("windowsNodePools"),
                "properties", map("windowsNodePools", map("const", true)))));

        Map<String, Object> defs = new LinkedHashMap<>();
        defs.put("nodePool", pool(contract));
        schema.put("$defs", defs);
        return schema;
    }

    /** One key's schema: type, bounds, allowed values, default, title and description. */
    static Map<String, Object> property(ContractKey key, boolean aksCase) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", key.label());
        p.put("description", description(key));
        switch (key.type()) {
            case TEXT -> {
                // YAML reads an unquoted name such as 2024 as a number; the tool takes it as text
                p.put("type", List.of("string", "number"));
                p.put("minLength", 1);
            }
            case WHOLE_NUMBER -> {
                p.put("type", "integer");
                if (key.min() != null) {
                    p.put("minimum", key.min());
                }
                if (key.max() != null) {
                    p.put("maximum", key.max());
                }
            }
            case FLAG -> p.put("type", "boolean");
            case CIDR -> p.putAll(cidr());
            case ADDRESS -> {
                p.put("type", "string");
                p.put("format", "ipv4");
                p.put("pattern", ADDRESS_PATTERN);
            }
            case CIDR_LIST -> {
                p.put("type", "array");
                p.put("items", cidr());
                p.put("maxItems", MAX_ITEMS);
            }
            case CHOICE -> p.put("enum", choices(key.allowed(), aksCase));
            case MAX_SURGE -> p.put("anyOf", List.of(
                    map("type", "integer", "minimum", 0),
                    map("type", "string", "pattern", SURGE_PATTERN)));
            case POOL_LIST -> throw new IllegalArgumentException("nodePools has a schema of its own");
        }
        if (key.defaultValue() != null) {
            p.put("default", key.defaultValue());
        }
        return p;
    }

    private static Map<String, Object> cidr() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "string");
        p.put("pattern", CIDR_PATTERN);
        return p;
    }

    /**
     * The allowed values; those that are numbers ("2022") also as numbers, as YAML reads them unquoted. With
     * {@code aksCase}, the capitalised spelling the AKS API uses (Linux, System) too.
     */
    private static List<Object> choices(List<String> allowed, boolean aksCase) {
        Set<Object> values = new LinkedHashSet<>(allowed);
        for (String value : allowed) {
            if (value.matches("[0-9]{1,9}")) {
                values.add(Integer.parseInt(value));
            }
            if (aksCase && !value.isEmpty()) {
                values.add(value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1));
            }
        }
        return new ArrayList<>(values);
    }

    /** The question and its help; what not giving it means, when the help does not say. */
    static String description(ContractKey key) {
        StringBuilder text = new StringBuilder(key.question()).append(' ').append(key.help());
        if (key.defaultValue() == null && key.defaultText() != null
                && !key.help().toLowerCase(Locale.ROOT).contains("not given")) {
            text.append(" Not given: ").append(key.defaultText()).append('.');
        }
        if (key.required()) {
            text.append(" Required.");
        }
        return text.toString();
    }

    private static Map<String, Object> poolList(ContractKey key) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("type", "array");
        list.put("items", map("$ref", "#/$defs/nodePool"));
        list.put("minItems", 1);
        list.put("maxItems", MAX_ITEMS);
        Map<String, Object> oneLine = new LinkedHashMap<>();
        oneLine.put("type", "string");
        oneLine.put("minLength", 1);
        oneLine.put("description", "The pools in one line, as in a CSV cell: pools separated by |, each a name "
                + "then key=value pairs, e.g. 'system mode=system maxCount=3 | apps maxCount=40 maxSurge=33%'.");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", key.label());
        p.put("description", description(key));
        p.put("anyOf", List.of(list, oneLine));
        return p;
    }

    /**
     * A node pool: the contract's pool keys, their AKS spellings (osType, maxPods, vnetSubnetID, podSubnetID, and the
     * camelCase the Azure CLI prints: vnetSubnetId), count, osSKU and upgradeSettings.maxSurge, which the tool
     * reads, and the other AKS agent pool keys, which it ignores.
     */
    static Map<String, Object> pool(RequestContract contract) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ContractKey key : contract.poolKeys()) {
            Map<String, Object> p = property(key, true);
            if (key.key().equals("name")) {
                // AKS's rule for pool names, as the binder checks it; the lengths are the rules' (facts/)
                p.put("type", "string");
                p.remove("minLength");
                p.put("pattern", "^" + RequestContract.POOL_NAME_PATTERN + "$");
            }
            putSpellings(properties, key.key(), p);
            for (String alias : key.aliases()) {
                Map<String, Object> aliased = new LinkedHashMap<>(p);
                aliased.put("description", "The AKS API's spelling of " + key.key() + ". " + description(key));
                putSpellings(properties, alias, aliased);
            }
        }
        ContractKey maxCount = contract.findPoolKey("maxCount").orElseThrow();
        Map<String, Object> count = new LinkedHashMap<>(property(maxCount, true));
        count.put("title", "Node count");
        count.put("description", "The AKS API's node count: the pool's maxCount when maxCount is not given "
                + "(a pool that does not autoscale).");
        putSpellings(properties, "count", count);
        Map<String, Object> osSku = new LinkedHashMap<>();
        osSku.put("title", "OS SKU");
        osSku.put("description", "The AKS API's OS SKU; a Windows SKU (Windows2022) gives the pool's "
                + "windowsServerVersion when that is not given. Others (Ubuntu, AzureLinux) are accepted.");
        osSku.put("type", "string");
        putSpellings(properties, "osSKU", osSku);
        ContractKey maxSurge = contract.findPoolKey("maxSurge").orElseThrow();
        Map<String, Object> upgrade = new LinkedHashMap<>();
        upgrade.put("title", "Upgrade settings");
        upgrade.put("description", "The AKS API's upgrade settings: maxSurge is read (as the pool's maxSurge), "
                + "the others are ignored.");
        upgrade.put("type", "object");
        upgrade.put("properties", map("maxSurge", property(maxSurge, true)));
        putSpellings(properties, "upgradeSettings", upgrade);
        for (String ignored : RequestContract.IGNORED_AKS_POOL_KEYS) {
            putSpellings(properties, ignored, map("description", "An AKS agent pool field that says "
                    + "nothing about the network: accepted and ignored."));
        }

        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("title", "Node pool");
        pool.put("description", "One node pool: the pool keys of cni-advisor, or an agent pool as the AKS API "
                + "and 'az aks nodepool show' give it.");
        pool.put("type", "object");
        pool.put("properties", properties);
        pool.put("additionalProperties", false);
        pool.put("required", contract.poolKeys().stream().filter(k -> k.required() && k.aliases().isEmpty()
                && !k.key().equals("maxCount")).map(ContractKey::key).toList());
        // maxCount, or count for a pool that does not autoscale
        pool.put("anyOf", List.of(map("required", List.of("maxCount")), map("required", List.of("count"))));
        // a Windows version only on a Windows pool
        pool.put("dependentSchemas", map("windowsServerVersion", map("anyOf", List.of(
                map("required", List.of("os"), "properties", map("os", map("enum",
                        List.of("windows", "Windows")))),
                map("required", List.of("osType"), "properties", map("osType", map("enum",
                        List.of("windows", "Windows"))))))));
        return pool;
    }

    /** An ordered map of keys and values (Map.of's order changes from one JVM to the next: the output must not). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The key as spelled, and as the Azure CLI spells it (vnetSubnetID as vnetSubnetId) when that differs. */
    private static void putSpellings(Map<String, Object> properties, String key, Map<String, Object> schema) {
        properties.putIfAbsent(key, schema);
        String cli = cliSpelling(key);
        if (!cli.equals(key)) {
            properties.putIfAbsent(cli, schema);
        }
    }

    /**
     * How the Azure CLI prints an AKS API key: each run of capitals (an acronym) as a word, capitalised once
     * (vnetSubnetID: vnetSubnetId, nodePublicIPPrefixID: nodePublicIpPrefixId, osSKU: osSku).
     */
    static String cliSpelling(String key) {
        StringBuilder out = new StringBuilder(key.length());
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            if (!Character.isUpperCase(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < key.length() && Character.isUpperCase(key.charAt(end))) {
                end++;
            }
            // a run followed by a lower-case letter ends with the first letter of the next word
            int acronymEnd = end < key.length() && end - i > 1 ? end - 1 : end;
            out.append(c).append(key.substring(i + 1, acronymEnd).toLowerCase(Locale.ROOT));
            if (acronymEnd < end) {
                out.append(key.charAt(acronymEnd));
            }
            i = end;
        }
        return out.toString();
    }
}
