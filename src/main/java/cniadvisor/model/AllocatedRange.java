package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A range a batch gave a request from the organisation's address space.
 *
 * @param role      vnet, node-subnet, pod-subnet, api-server-subnet, agc-subnet, appgw-subnet, aci-subnet (taken from
 *                  the pool, never shared), or pod-cidr, service-cidr, dns-service-ip (cluster-private: the same
 *                  range may serve many clusters, {@code shared})
 * @param cidr      the range; null when the pool could not hold it ({@code shortfall} says why)
 * @param sizedFor  what the size holds, e.g. "1,891 addresses (...) + 25% headroom = 2,364; a /20 holds 4,091"
 * @param pools     the node pools a node or pod subnet is for; empty for the whole cluster's
 * @param shared    a cluster-private range that other clusters of the batch use too (allowed: they never route to
 *                  each other's pod or service ranges)
 * @param shortfall when the pool ran out: what was needed and what was left
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"role", "cidr", "sizedFor", "pools", "shared", "shortfall"})
public record AllocatedRange(String role, String cidr, String sizedFor,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> pools,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean shared, String shortfall) {

    public AllocatedRange {
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    public boolean allocated() {
        return cidr != null;
    }
}
