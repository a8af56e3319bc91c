package cniadvisor.interview;

/**
 * One entry of a {@link Kind#CHOICE} question.
 *
 * @param name        what the user types (and the summary shows)
 * @param value       the request value it stands for; null for "not given" (e.g. "new" for currentPlugin)
 * @param description a few words on what it means
 */
public record Choice(String name, String value, String description) {

    public static Choice of(String value, String description) {
        return new Choice(value, value, description);
    }
}
