package cniadvisor.model;

/**
 * A limit name facts/ declares, with what it means: every limit must use a declared name, and every rule that matches
 * a Limit by name must use one, so a typo on either side ("maxNodez") stops the load instead of silently matching
 * nothing. {@code min} and {@code max} (optional; min defaults to 0) bound every limit of that name.
 */
public record LimitName(String name, String unit, String meaning, Long min, Long max) {
}
