package cniadvisor.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check across the requests of one batch, as {@code batchChecks:} in facts/ words it: what the batch tests is the
 * tool's ({@code check}); the id, name, level, what it decides, its sources and its messages are data, listed and
 * documented like any rule's. A message fills {@code {placeholders}}; one written with a capital letter
 * ({@code {Range}}) is filled with its value capitalised, for the start of a sentence.
 *
 * @param file where facts/ define it, for listings
 * @param line the line of its entry
 */
public record BatchCheck(String check, String id, String name, String level, String decides, List<String> sources,
                         Map<String, String> messages, String file, int line) implements Cited {

    public static final String NODE_SUBNET_OVERLAP = "node-subnet-overlap";
    public static final String CLUSTER_RANGE_OVERLAP = "cluster-range-overlap";
    public static final String ADDRESS_POOL_EXHAUSTED = "address-pool-exhausted";
    public static final String OUTSIDE_ADDRESS_POOL = "outside-address-pool";

    /** The messages each check needs, each with the placeholders it may fill, in the order the tool knows them. */
    public static final Map<String, Map<String, List<String>>> MESSAGES = neededMessages();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    public BatchCheck {
        sources = List.copyOf(sources);
        messages = Map.copyOf(messages);
    }

    private static Map<String, Map<String, List<String>>> neededMessages() {
        List<String> overlap = List.of("range", "otherRange", "other");
        List<String> more = List.of("range", "count");
        Map<String, List<String>> nodeSubnets = new LinkedHashMap<>();
        nodeSubnets.put("overlap", overlap);
        nodeSubnets.put("more", more);
        Map<String, List<String>> clusterRanges = new LinkedHashMap<>();
        clusterRanges.put("subnetOverlap", overlap);
        clusterRanges.put("subnetMore", more);
        clusterRanges.put("clusterRangeOverlap", overlap);
        clusterRanges.put("clusterRangeMore", more);
        Map<String, List<String>> exhausted = new LinkedHashMap<>();
        exhausted.put("notAllocated", List.of("range", "sizedFor", "shortfall"));
        Map<String, Map<String, List<String>>> all = new LinkedHashMap<>();
        all.put(NODE_SUBNET_OVERLAP, Collections.unmodifiableMap(nodeSubnets));
        all.put(CLUSTER_RANGE_OVERLAP, Collections.unmodifiableMap(clusterRanges));
        all.put(ADDRESS_POOL_EXHAUSTED, Collections.unmodifiableMap(exhausted));
        Map<String, List<String>> outside = new LinkedHashMap<>();
        outside.put("outside", List.of("range", "pool"));
        outside.put("reserved", List.of("range", "reserved"));
        all.put(OUTSIDE_ADDRESS_POOL, Collections.unmodifiableMap(outside));
        return Collections.unmodifiableMap(all);
    }

    /** The placeholders a message's text names, each as written ({@code Range} for a capitalised one). */
    public static List<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).toList();
    }

    /** A placeholder as the check fills it: {@code Range} is {@code range}, capitalised. */
    public static String filledAs(String placeholder) {
        return placeholder.substring(0, 1).toLowerCase(Locale.ROOT) + placeholder.substring(1);
    }

    /**
     * The text of one of its messages with every placeholder filled from {@code values} (keyed by the lower-case
     * form); facts/ are checked when loaded, so every placeholder has a value.
     */
    public String text(String message, Map<String, String> values) {
        String template = messages.get(message);
        if (template == null) {
            throw new IllegalStateException("batch check " + id + " has no message " + message);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String placeholder = m.group(1);
            String value = values.get(filledAs(placeholder));
            if (value == null) {
                throw new IllegalStateException("batch check " + id + ": no value for {" + placeholder + "}");
            }
            if (Character.isUpperCase(placeholder.charAt(0)) && !value.isEmpty()) {
                value = Character.toUpperCase(value.charAt(0)) + value.substring(1);
            }
            m.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        m.appendTail(text);
        return text.toString();
    }
}
