package cniadvisor.model;

/**
 * How one option uses one address range for a request: what it needs, the smallest prefix that holds it, and, when
 * the request gave the range, whether it fits, the headroom left and how many nodes the range holds. Computed by
 * the address planner; the IP-space rules match it and the address plan reports it.
 *
 * <p>{@code range} is node-subnet, pod-cidr (one block per node), pod-subnet (dynamic allocation) or
 * pod-subnet-static (static block allocation). {@code needed}, {@code available} and {@code headroom} are counted
 * in {@code unit} (addresses or nodes). {@code cidr} is the given range, AKS's default when {@code given} is false
 * (pod CIDR only), or null; {@code capacityNodes} is how many nodes the range holds at {@code maxPods}, or null. {@code note} adds what the numbers do not say (such as
 * the addresses a static block wastes per node).
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
        boolean fits) {

    /** A fit against a range the request gave ({@code cidr} non-null) or did not ({@code cidr} null). */
    public static AddressFit of(String option, String range, int maxPods, long needed, String unit, String formula,
                                int smallestPrefix, String cidr, long available, Long capacityNodes, String note) {
        return new AddressFit(option, range, maxPods, needed, unit, formula, smallestPrefix, cidr, available,
                capacityNodes, note, cidr != null, cidr == null || available >= needed);
    }

    /** A fit against a default AKS would apply when the request gives no range ({@code given} false). */
    public static AddressFit ofDefault(String option, String range, int maxPods, long needed, String unit,
                                       String formula, int smallestPrefix, String defaultCidr, long available,
                                       String note) {
        return new AddressFit(option, range, maxPods, needed, unit, formula, smallestPrefix, defaultCidr, available,
                available, note, false, available >= needed);
    }

    /** What is left in the range after the need; null when there is no range to measure. */
    @com.fasterxml.jackson.annotation.JsonProperty("headroom")
    public Long headroom() {
        return cidr == null ? null : available - needed;
    }
}
