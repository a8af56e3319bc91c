package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A range of the deployment: {@code origin} "given" (from the request, validated), "default" (AKS's default, free
 * of conflicts), "proposed" (a free range the planner chose because none was given or the default clashes;
 * {@code replaces} names that default) or "rejected" (given, but a rule rejected it or it does not fit the planned
 * option: {@code cidr} stays the given value, which every output deploys as given, and {@code proposal} is a free
 * replacement the planner suggests, or null when none was found). {@code reason} says why. {@code pools} names the
 * node pools a node or pod subnet is for, when the cluster lists its pools (empty: the whole cluster's).
 */
@JsonPropertyOrder({"role", "cidr", "origin", "replaces", "reason", "proposal", "pools"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposedRange(String role, String cidr, String origin, String replaces, String reason,
                            String proposal, @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> pools) {

    public static final String REJECTED = "rejected";

    public ProposedRange {
        pools = pools == null ? java.util.List.of() : java.util.List.copyOf(pools);
    }

    /** A range of the whole cluster (not of particular node pools). */
    public ProposedRange(String role, String cidr, String origin, String replaces, String reason, String proposal) {
        this(role, cidr, origin, replaces, reason, proposal, java.util.List.of());
    }

    @JsonIgnore
    public boolean isRejected() {
        return REJECTED.equals(origin);
    }

    /** The range the planner would use: a rejected range's proposal (may be null), else the range itself. */
    @JsonIgnore
    public String usable() {
        return isRejected() ? proposal : cidr;
    }
}
