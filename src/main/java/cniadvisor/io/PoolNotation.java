package cniadvisor.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The node pools written in one line, for a CSV cell: pools separated by {@code |}, each a name followed by
 * {@code key=value} pairs separated by spaces, e.g.
 * {@code system mode=system maxCount=3 | apps maxCount=40 maxSurge=33% | win os=windows maxCount=10}. Keys are the
 * pool keys of the request contract; values are read by the same readers as in a YAML list.
 */
public final class PoolNotation {

    public static final String EXAMPLE = "system mode=system maxCount=3 | apps maxCount=40 maxSurge=33% | "
            + "win os=windows maxCount=10 nodeSubnetCidr=10.1.8.0/24";

    private PoolNotation() {
    }

    /** The pools as a YAML list would give them; every problem is named with the pool's place and what is allowed. */
    public static ArrayNode parse(String text, List<String> problems) {
        ArrayNode pools = JsonNodeFactory.instance.arrayNode();
        String[] parts = text.split("\\|", -1);
        for (int i = 0; i < parts.length; i++) {
            String[] words = parts[i].strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                problems.add("pool " + (i + 1) + " is empty; write pools as: " + EXAMPLE);
                continue;
            }
            ObjectNode pool = pools.addObject();
            int first = 0;
            if (!words[0].contains("=")) {
                pool.put("name", words[0]);
                first = 1;
            }
            for (int w = first; w < words.length; w++) {
                int eq = words[w].indexOf('=');
                if (eq <= 0 || eq == words[w].length() - 1) {
                    problems.add("pool " + (i + 1) + ": '" + ValueReaders.shorten(words[w]) + "' is not key=value; "
                            + "write pools as: " + EXAMPLE);
                    continue;
                }
                String key = words[w].substring(0, eq);
                if (pool.has(key)) {
                    problems.add("pool " + (i + 1) + ": " + key + " is given twice");
                    continue;
                }
                pool.put(key, words[w].substring(eq + 1));
            }
        }
        return pools;
    }
}
