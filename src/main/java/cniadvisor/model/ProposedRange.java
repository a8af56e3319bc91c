package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A range the deployment should use: {@code origin} "given" (from the request, validated), "default" (AKS's
 * default, free of conflicts) or "proposed" (a free range chosen by the planner because none was given, the default
 * clashes with a range the request names, or the given one failed validation). {@code replaces} names the default
 * or given range a proposal stands in for.
 */
@JsonPropertyOrder({"role", "cidr", "origin", "replaces", "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposedRange(String role, String cidr, String origin, String replaces, String reason) {
}
