package cniadvisor.model;

/**
 * How one of the request's ranges relates to another range: another of the request's, or one from facts (role
 * "reserved" or "supported-pod-range"). {@code relation} is "overlaps" (they share addresses) or "within"
 * ({@code cidr} lies entirely inside {@code otherCidr}). {@code given} and {@code otherGiven} say whether each side
 * came from the request (false for AKS defaults and for ranges from facts).
 */
public record RangeRelation(String role, String cidr, boolean given, String otherRole, String otherCidr,
                            boolean otherGiven, String relation) {

    /** Readable names of range roles, for reason texts. */
    public static String label(String role) {
        return switch (role) {
            case "node-subnet" -> "node subnet";
            case "pod-cidr" -> "pod CIDR";
            case "pod-subnet" -> "pod subnet";
            case "pod-subnet-static" -> "pod subnet (static block)";
            case "service-cidr" -> "service CIDR";
            case "dns-service-ip" -> "DNS service IP";
            case "connected-network" -> "connected network";
            case "reserved" -> "reserved range";
            case "supported-pod-range" -> "supported pod range";
            case "vnet" -> "VNet address space";
            case "api-server-subnet" -> "API server subnet";
            case "agc-subnet" -> "Application Gateway for Containers subnet";
            case "appgw-subnet" -> "Application Gateway subnet";
            case "aci-subnet" -> "virtual nodes subnet";
            default -> role;
        };
    }

    public String label() {
        return label(role);
    }

    public String otherLabel() {
        return label(otherRole);
    }
}
