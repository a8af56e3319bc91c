package cniadvisor.model;

/**
 * An address range of the request: role node-subnet, pod-cidr, service-cidr, dns-service-ip (a /32) or
 * connected-network. {@code given} is false for an AKS default that applies because the request gave no range of
 * that role (pod CIDR, service CIDR, DNS service IP). {@code address} is the network address (for the DNS IP, the
 * IP itself) and {@code firstHost} the first address after it (for the service CIDR, the one the kubernetes
 * service takes); both without a prefix length. {@code firstHost} is null when the range is a single address (a /32):
 * it holds no address after the first. {@code pools} names the node pools whose own subnet it is (empty for the
 * cluster's ranges), as messages name pools.
 */
public record RequestRange(String role, String cidr, int prefixLength, String address, String firstHost,
                           boolean given, java.util.List<String> pools) {

    public RequestRange {
        pools = pools == null ? java.util.List.of() : java.util.List.copyOf(pools);
    }

    /** A range of the whole cluster. */
    public RequestRange(String role, String cidr, int prefixLength, String address, String firstHost, boolean given) {
        this(role, cidr, prefixLength, address, firstHost, given, java.util.List.of());
    }

    /** " of node pool 'win' (nodePools[2])" for a pool's own subnet, "" for the cluster's ranges. */
    public String ofPools() {
        return pools.isEmpty() ? "" : " of " + String.join(", ", pools);
    }
}
