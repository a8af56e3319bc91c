package cniadvisor.model;

import java.util.List;

/**
 * The organisation's address space for a batch: the pools clusters take their routable ranges from, and ranges no
 * cluster may take (on-premises, a hub, other spokes), each with a name for the report.
 */
public record AddressSpace(List<String> pools, List<Reserved> reserved) {

    /** A range of the organisation's that no cluster may take. */
    public record Reserved(String cidr, String name) {
    }

    public AddressSpace {
        pools = List.copyOf(pools);
        reserved = List.copyOf(reserved);
    }

    public static AddressSpace none() {
        return new AddressSpace(List.of(), List.of());
    }

    public boolean hasPool() {
        return !pools.isEmpty();
    }
}
