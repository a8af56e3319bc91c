package cniadvisor.model;

import java.util.List;

/**
 * Two features AKS does not support together, whatever the network plugin (facts/support.yaml, {@code conflicts:}).
 * {@code features} are two of {@link Request#FEATURES}; {@code level} is the finding a request that uses both gets:
 * error (it cannot be built so), warning (it can, with a gap the team must close) or info.
 */
public record Conflict(List<String> features, String level, String note, List<String> sources) implements Cited {

    public static final List<String> LEVELS = List.of("error", "warning", "info");

    public Conflict {
        features = features == null ? null : List.copyOf(features);
    }

    /** "nodeAutoProvisioning + windows", for reason texts. */
    public String pair() {
        return String.join(" + ", features);
    }
}
