package cniadvisor.interview;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers given so far, by question key. A key that is present with a null value was answered "not given";
 * a key that is absent was not asked (yet, or because it does not apply).
 */
public final class Answers {

    private final Map<String, Object> values = new LinkedHashMap<>();

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The answer, or null when not given or not asked. */
    public Object value(String key) {
        return values.get(key);
    }

    /** True when a yes/no question was answered yes. */
    public boolean yes(String key) {
        return Boolean.TRUE.equals(values.get(key));
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    void remove(String key) {
        values.remove(key);
    }
}
