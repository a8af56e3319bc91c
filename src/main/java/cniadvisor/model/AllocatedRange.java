package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A range a batch handed a request from the organisation's address pool: its {@code role} (node-subnet,
 * pod-subnet, api-server-subnet, ...), the block, the pools that use it, and what it was sized for. When the pool
 * could not hold it, {@code cidr} is null and {@code shortfall} says what was needed and what was left.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocatedRange(String role, String cidr, int prefix, String sizedFor,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> pools, String shortfall) {
    public AllocatedRange {
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    public boolean allocated() {
        return cidr != null;
    }
}
