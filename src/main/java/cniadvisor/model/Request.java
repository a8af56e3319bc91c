package cniadvisor.model;

import java.util.List;

/**
 * One team's requirements, validated, with request-level defaults applied. This is the public contract of a
 * request file (flat camelCase keys) and the main fact the rules match. A {@code null} string means "not given":
 * the option-specific default from facts/ applies (maxPodsPerNode) or the value is unknown (nodeSubnetCidr).
 *
 * <p>Upgrade surge: {@code maxSurge} is AKS's max surge as the request gave it, a node count ("3") or a percentage
 * of the nodes ("33%"), or null when not given; {@code surgeNodes} is the surge as a count of nodes, which the rules
 * read. A request file may give either key ({@code surgeNodes: 3} is {@code maxSurge: 3}); when it gives neither,
 * AKS's default max surge applies, which is a fact: {@code surgeNodes} stays null until the engine applies it
 * ({@link #withSurgeNodes}) before planning or rules see the request.
 */
public record Request(
        String name,
        int nodeCount,
        Integer maxPodsPerNode,
        Integer surgeNodes,
        String maxSurge,
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

    /**
     * The names of what a request can use, as facts/ name them (support cells, conflicts): windows and
     * windows-server-VERSION (Windows node pools), networkPolicy (network policies needed), customCni (a CNI the team
     * runs), and the boolean request keys of features by their key.
     */
    public static final List<String> FEATURES = featureNames();

    private static List<String> featureNames() {
        List<String> names = new java.util.ArrayList<>(List.of("windows"));
        WINDOWS_VERSIONS.forEach(version -> names.add("windows-server-" + version));
        names.addAll(List.of("networkPolicy", "advancedPolicy", "directPodAccess", "podSourceIpVisible",
                "virtualNodes", "dualStack", "appGatewayForContainers", "applicationGatewayIngress", "sharedSubnet",
                "nodeAutoProvisioning", "customCni"));
        return List.copyOf(names);
    }

    public Request {
        connectedNetworks = connectedNetworks == null ? List.of() : List.copyOf(connectedNetworks);
        if (maxSurge != null) {
            surgeNodes = MaxSurge.nodes(maxSurge, nodeCount);
        }
    }

    /** Nodes the address space must hold at once: the autoscaler maximum plus upgrade surge. */
    public int peakNodes() {
        if (surgeNodes == null) {
            throw new IllegalStateException("request " + name + ": AKS's default max surge is not applied yet");
        }
        return nodeCount + surgeNodes;
    }

    /** This request with the surge a default max surge gives (the request gave none). */
    public Request withSurgeNodes(int surge) {
        return new Request(name, nodeCount, maxPodsPerNode, surge, maxSurge, nodeSubnetCidr, podCidr, serviceCidr,
                dnsServiceIp, connectedNetworks, windowsNodePools, windowsServerVersion, networkPolicy, advancedPolicy,
                trafficPattern, directPodAccess, podSourceIpVisible, virtualNodes, dualStack, appGatewayForContainers,
                applicationGatewayIngress, sharedSubnet, nodeAutoProvisioning, customCni, currentPlugin);
    }

    public boolean newCluster() {
        return currentPlugin == null;
    }

    public boolean policyNeeded() {
        return !"none".equals(networkPolicy);
    }

    /** The {@link #FEATURES} this request uses, in that order. */
    public List<String> features() {
        List<String> used = new java.util.ArrayList<>();
        if (windowsNodePools) {
            used.add("windows");
            if (windowsServerVersion != null) {
                used.add("windows-server-" + windowsServerVersion);
            }
        }
        add(used, policyNeeded(), "networkPolicy");
        add(used, advancedPolicy, "advancedPolicy");
        add(used, directPodAccess, "directPodAccess");
        add(used, podSourceIpVisible, "podSourceIpVisible");
        add(used, virtualNodes, "virtualNodes");
        add(used, dualStack, "dualStack");
        add(used, appGatewayForContainers, "appGatewayForContainers");
        add(used, applicationGatewayIngress, "applicationGatewayIngress");
        add(used, sharedSubnet, "sharedSubnet");
        add(used, nodeAutoProvisioning, "nodeAutoProvisioning");
        add(used, customCni != null, "customCni");
        return used;
    }

    private static void add(List<String> used, boolean on, String feature) {
        if (on) {
            used.add(feature);
        }
    }
}
