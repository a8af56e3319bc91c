package cniadvisor.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The metadata a rule declares: {@code @id}, {@code @source} (comma-separated source ids) and {@code @weight}. */
public record RuleMeta(String id, String name, String packageName, List<String> sources, Integer weight,
                       String decides) {

    public static RuleMeta of(String packageName, String name, Map<String, Object> metaData) {
        Object id = metaData.get("id");
        Object source = metaData.get("source");
        Object weight = metaData.get("weight");
        Object decides = metaData.get("decides");
        return new RuleMeta(
                id == null ? null : unquote(id),
                name,
                packageName,
                source == null ? List.of() : Arrays.stream(unquote(source).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                weight == null ? null : parseWeight(unquote(weight)),
                decides == null ? null : unquote(decides));
    }

    private static Integer parseWeight(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Drools keeps the quotes of some metadata values; authors should not have to care. */
    private static String unquote(Object value) {
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
