package cniadvisor.model;

import java.util.List;

/**
 * One cell of the support matrix: whether {@code subject} (an option id, "dataplane:x" or "policy:x") supports
 * {@code feature}. {@code level} is "supported", "partial" or "unsupported"; {@code note} says why or how.
 */
public record Support(String subject, String feature, String level, String note, List<String> sources)
        implements Cited {

    public static final List<String> LEVELS = List.of("supported", "partial", "unsupported");

    /** The note, or the bare level when the entry has none; for reason texts. */
    public String why() {
        return note != null ? note : subject + " " + level;
    }
}
