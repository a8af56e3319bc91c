package cniadvisor.model;

import java.util.List;

/**
 * A named address range from facts/ip-planning.yaml: an AKS default (default-pod-cidr, default-service-cidr,
 * default-dns-service-ip), a reserved range AKS rejects, or a supported pod range (RFC 1918, RFC 6598).
 */
public record AddressRange(String kind, String cidr, String note, List<String> sources) implements Cited {
}
