package cniadvisor.model;

/**
 * Whether one address range can hold what an option needs in it, computed by the address planner and matched by the
 * IP-space rules. {@code range} is node-subnet, pod-cidr or pod-subnet; {@code cidr} is the range the request
 * gave, or null when it gave none (then {@code available} is 0 and {@code fits} is true). {@code needed} and
 * {@code available} are counted in {@code unit} (addresses or nodes); {@code smallestPrefix} is the smallest
 * prefix length that holds the need; {@code formula} shows the arithmetic.
 */
public record AddressFit(
        String option,
        String range,
        String cidr,
        long needed,
        long available,
        String unit,
        int smallestPrefix,
        String formula,
        boolean given,
        boolean fits) {

    public static AddressFit of(String option, String range, String cidr, long needed, long available, String unit,
                                int smallestPrefix, String formula) {
        return new AddressFit(option, range, cidr, needed, available, unit, smallestPrefix, formula,
                cidr != null, cidr == null || available >= needed);
    }
}
