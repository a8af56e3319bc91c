package cniadvisor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One team's requirements, validated, with request-level defaults applied: the main fact the rules match. The
 * request contract (keys, types, defaults, allowed values) is {@code cniadvisor.contract.RequestContract}. The
 * request's name is not part of it ({@link NamedRequest} carries it beside), so no rule can read the name and two
 * requests that differ only in name are equal facts.
 *
 * <p>Node pools: {@code nodePools} always holds at least one pool. A request that lists {@code nodePools}
 * ({@code nodePoolsGiven}) gets them as given; a request written with the flat keys (nodeCount, maxPodsPerNode,
 * maxSurge, nodeSubnetCidr, windowsNodePools) gets one pool made from them. {@code nodeCount} and
 * {@code surgeNodes} are the sums over the pools, which cluster-wide limits count. {@code maxPodsPerNode} and
 * {@code maxSurge} are the flat keys' values (null with nodePools: each pool has its own).
 *
 * <p>{@code features} is every feature the request uses, by the names facts/ use in support cells and conflicts:
 * the flags the request sets, windows and windows-server-VERSION for its Windows pools, networkPolicy when policies
 * are needed and customCni when it names one.
 */
public record Request(
        int nodeCount,
        Integer maxPodsPerNode,
        Integer surgeNodes,
        String maxSurge,
        String nodeSubnetCidr,
        String podCidr,
        String serviceCidr,
        String dnsServiceIp,
        List<String> connectedNetworks,
        List<String> vnetCidr,
        String networkPolicy,
        String trafficPattern,
        Set<String> features,
        String customCni,
        String currentPlugin,
        String outboundType,
        String apiServerSubnetCidr,
        String appGatewayForContainersSubnetCidr,
        String applicationGatewaySubnetCidr,
        String virtualNodesSubnetCidr,
        List<NodePool> nodePools,
        boolean nodePoolsGiven) {

    public static final String WINDOWS_FEATURE = "windows";
    public static final String WINDOWS_VERSION_FEATURE = "windows-server-";

    public Request {
        connectedNetworks = connectedNetworks == null ? List.of() : List.copyOf(connectedNetworks);
        vnetCidr = vnetCidr == null ? List.of() : List.copyOf(vnetCidr);
        nodePools = List.copyOf(nodePools);
        if (nodePools.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one node pool");
        }
        if (maxSurge != null && !nodePoolsGiven) {
            surgeNodes = MaxSurge.nodes(maxSurge, nodeCount);
        }
        features = derivedFeatures(features, nodePools, networkPolicy, customCni);
    }

    private static Set<String> derivedFeatures(Set<String> given, List<NodePool> pools, String networkPolicy,
                                               String customCni) {
        TreeSet<String> all = new TreeSet<>(given == null ? Set.of() : given);
        for (NodePool pool : pools) {
            if (pool.windows()) {
                all.add(WINDOWS_FEATURE);
                if (pool.windowsServerVersion() != null) {
                    all.add(WINDOWS_VERSION_FEATURE + pool.windowsServerVersion());
                }
            }
        }
        if (networkPolicy != null && !"none".equals(networkPolicy)) {
            all.add("networkPolicy");
        }
        if (customCni != null) {
            all.add("customCni");
        }
        return Collections.unmodifiableSet(all);
    }

    /** Nodes the address space must hold at once: the pools' autoscaler maximums plus upgrade surge. */
    public int peakNodes() {
        if (surgeNodes == null) {
            throw new IllegalStateException("AKS's default max surge is not applied to this request yet");
        }
        return nodeCount + surgeNodes;
    }

    /**
     * This request with each pool's surge applied: {@code surgeFor} gives the surge of a pool that gave none. The
     * request's surgeNodes becomes the sum.
     */
    public Request withSurge(java.util.function.ToIntFunction<NodePool> surgeFor) {
        List<NodePool> pools = new ArrayList<>(nodePools.size());
        long total = 0;
        for (NodePool pool : nodePools) {
            NodePool withSurge = pool.surgeNodes() != null ? pool : pool.withSurgeNodes(surgeFor.applyAsInt(pool));
            pools.add(withSurge);
            total += withSurge.surgeNodes();
        }
        int surge = (int) Math.min(Integer.MAX_VALUE, total);
        return new Request(nodeCount, maxPodsPerNode, surge, maxSurge, nodeSubnetCidr, podCidr, serviceCidr,
                dnsServiceIp, connectedNetworks, vnetCidr, networkPolicy, trafficPattern, features, customCni,
                currentPlugin, outboundType, apiServerSubnetCidr, appGatewayForContainersSubnetCidr,
                applicationGatewaySubnetCidr, virtualNodesSubnetCidr, pools, nodePoolsGiven);
    }

    /** Whether every pool's surge is known (given, or the default applied). */
    public boolean surgeKnown() {
        return surgeNodes != null && nodePools.stream().allMatch(p -> p.surgeNodes() != null);
    }

    public boolean uses(String feature) {
        return features.contains(feature);
    }

    public boolean windowsNodePools() {
        return features.contains(WINDOWS_FEATURE);
    }

    /** The Windows Server versions the Windows pools run, each once, in order. */
    public List<String> windowsServerVersions() {
        TreeSet<String> versions = new TreeSet<>();
        nodePools.stream().filter(NodePool::windows).map(NodePool::windowsServerVersion)
                .filter(java.util.Objects::nonNull).forEach(versions::add);
        return List.copyOf(versions);
    }

    public boolean newCluster() {
        return currentPlugin == null;
    }

    public boolean policyNeeded() {
        return !"none".equals(networkPolicy);
    }

    public boolean privateCluster() {
        return features.contains("privateCluster");
    }

    public boolean apiServerVnetIntegration() {
        return features.contains("apiServerVnetIntegration");
    }
}
