package cniadvisor.model;

import java.util.List;

/**
 * A numeric platform limit, e.g. subject "kubenet", name "maxNodes", value 400. {@code includesSurge} says that a
 * node limit counts the upgrade's surge nodes too (kubenet: every node, surge nodes included, takes one of the
 * route table's 400 routes); other node limits count the cluster's nodes only.
 */
public record Limit(String subject, String name, long value, String unit, Boolean includesSurge, String note,
                    List<String> sources) implements Cited {

    /** includesSurge may be left out of an entry: then the limit counts the cluster's nodes only. */
    public Limit {
        includesSurge = Boolean.TRUE.equals(includesSurge);
    }

    /** The nodes this limit counts for a request: its node count, plus its surge when the limit includes surge. */
    public long reach(int nodes, int surge) {
        return includesSurge ? (long) nodes + surge : nodes;
    }

    /** The nodes counted, as reason texts show them: "5,001", or "401 (400 nodes + 1 surge)". */
    public String reachText(int nodes, int surge) {
        return includesSurge
                ? String.format(java.util.Locale.US, "%,d (%,d nodes + %,d surge, which count against it)",
                (long) nodes + surge, nodes, surge)
                : String.format(java.util.Locale.US, "%,d", nodes);
    }
}
