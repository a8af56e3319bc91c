package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * How one option uses one address range for a request: what it needs, the smallest prefix that holds it, and, when
 * the request gave the range, whether it fits, the headroom left and how many nodes the range holds. Computed by
 * the address planner; the IP-space rules match it and the address plan reports it.
 *
 * <p>{@code range} is node-subnet, pod-cidr (one block per node), pod-subnet (dynamic allocation) or
 * pod-subnet-static (static block allocation). A cluster whose pools take different subnets has one node-subnet
 * (and pod-subnet) fit per subnet: {@code pools} names the pools that share it, whose needs add up. {@code needed},
 * {@code available} and {@code headroom} are counted in {@code unit} (addresses or nodes). {@code cidr} is the given
 * range, AKS's default when {@code given} is false (pod CIDR only), or null; {@code capacityNodes} is how many nodes
 * the range holds at {@code maxPods} (the highest of its pools'), or null; {@code room} how many more nodes of each
 * pool it holds beyond the need. {@code podCapacity} is the pods its pools' nodes have room for at their max pods
 * (surge nodes aside). {@code note} adds what the numbers do not say (such as the addresses a static block wastes
 * per node).
 */
public record AddressFit(
        String option,
        String range,
        int maxPods,
        long needed,
        String unit,
        String formula,
        int smallestPrefix,
        String cidr,
        long available,
        Long capacityNodes,
        String note,
        boolean given,
        boolean fits,
        List<String> pools,
        long podCapacity,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PoolRoom> room) {

    public AddressFit {
        pools = pools == null ? List.of() : List.copyOf(pools);
        room = room == null ? List.of() : List.copyOf(room);
    }

    /** A fit against a range the request gave ({@code cidr} non-null) or did not ({@code cidr} null). */
    public static AddressFit of(String option, String range, int maxPods, long needed, String unit, String formula,
                                int smallestPrefix, String cidr, long available, Long capacityNodes, String note,
                                List<String> pools, long podCapacity, List<PoolRoom> room) {
        return new AddressFit(option, range, maxPods, needed, unit, formula, smallestPrefix, cidr, available,
                capacityNodes, note, cidr != null, cidr == null || available >= needed, pools, podCapacity, room);
    }

    /** A fit against a default AKS would apply when the request gives no range ({@code given} false). */
    public static AddressFit ofDefault(String option, String range, int maxPods, long needed, String unit,
                                       String formula, int smallestPrefix, String defaultCidr, long available,
                                       String note, List<String> pools, long podCapacity) {
        return new AddressFit(option, range, maxPods, needed, unit, formula, smallestPrefix, defaultCidr, available,
                available, note, false, available >= needed, pools, podCapacity, List.of());
    }

    /** What is left in the range after the need; null when there is no range to measure. */
    @com.fasterxml.jackson.annotation.JsonProperty("headroom")
    public Long headroom() {
        return cidr == null ? null : available - needed;
    }
}
