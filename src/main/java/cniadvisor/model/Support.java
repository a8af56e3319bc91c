package cniadvisor.model;

import java.util.List;

/**
 * One cell of the support matrix: whether {@code subject} (an option id, "dataplane:x" or "policy:x") supports
 * {@code feature}. {@code level} is "supported", "partial" or "unsupported"; {@code note} says why or how.
 */
public record Support(String subject, String feature, String level, String note, List<String> sources)
        implements Cited {

    public static final List<String> LEVELS = List.of("supported", "partial", "unsupported");

    /** The note, or what the level says when the entry has none; for reason texts. */
    /** " (the note)" for reason texts, or "" when the cell has no note. */
    public String because() {
        return note == null ? "" : " (" + note + ")";
    }

    public String why() {
        if (note != null) {
            return note;
        }
        return switch (level) {
            case "unsupported" -> "not supported";
            case "partial" -> "only partly supported";
            default -> "supported";
        };
    }
}
