package cniadvisor.model;

import java.util.List;

/**
 * One team's requirements, validated, with request-level defaults applied. This is the public contract of a
 * request file (flat camelCase keys) and the main fact the rules match. A {@code null} string means "not given":
 * the option-specific default from facts/ applies (maxPodsPerNode) or the value is unknown (nodeSubnetCidr).
 */
public record Request(
        String name,
        int nodeCount,
        Integer maxPodsPerNode,
        int surgeNodes,
        String nodeSubnetCidr,
        String podCidr,
        String serviceCidr,
        String dnsServiceIp,
        List<String> connectedNetworks,
        boolean windowsNodePools,
        String windowsServerVersion,
        String networkPolicy,
        boolean advancedPolicy,
        String trafficPattern,
        boolean directPodAccess,
        boolean podSourceIpVisible,
        boolean virtualNodes,
        boolean dualStack,
        boolean appGatewayForContainers,
        boolean applicationGatewayIngress,
        boolean sharedSubnet,
        boolean nodeAutoProvisioning,
        String customCni,
        String currentPlugin) {

    public static final List<String> NETWORK_POLICIES = List.of("none", "any", "azure", "calico", "cilium");
    public static final List<String> TRAFFIC_PATTERNS = List.of("intra-cluster", "external", "mixed");
    public static final List<String> WINDOWS_VERSIONS = List.of("2019", "2022", "2025");

    public Request {
        connectedNetworks = connectedNetworks == null ? List.of() : List.copyOf(connectedNetworks);
    }

    /** Nodes the address space must hold at once: the autoscaler maximum plus upgrade surge. */
    public int peakNodes() {
        return nodeCount + surgeNodes;
    }

    public boolean newCluster() {
        return currentPlugin == null;
    }

    public boolean policyNeeded() {
        return !"none".equals(networkPolicy);
    }
}
