package cniadvisor.model;

/**
 * One node pool of a request: its place in {@code nodePools} ({@code index}, from 0), mode (system|user), OS
 * (linux|windows) and Windows Server version, autoscaler range, max pods per node, max surge and subnets. A request
 * written with the flat keys has one pool made from them ({@code declared} false).
 *
 * <p>{@code maxPodsPerNode} null means each option's default; {@code maxSurge} null means AKS's default, and
 * {@code surgeNodes} stays null until the engine applies it ({@link #withSurgeNodes}). A subnet is known by its CIDR
 * ({@code nodeSubnetCidr}), or only by its Azure resource id ({@code nodeSubnetId}) for a pool copied from
 * {@code az aks nodepool show}; a pool with neither shares the cluster's {@code nodeSubnetCidr}. {@code osSku} is a
 * Linux pool's AKS OS SKU as given (Ubuntu, AzureLinux), or null (a Windows pool's comes from its version).
 */
public record NodePool(
        int index,
        String name,
        String mode,
        String os,
        String windowsServerVersion,
        Integer minCount,
        int maxCount,
        Integer maxPodsPerNode,
        String maxSurge,
        Integer surgeNodes,
        String nodeSubnetCidr,
        String nodeSubnetId,
        String podSubnetCidr,
        String podSubnetId,
        String osSku,
        boolean declared) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String LINUX = "linux";
    public static final String WINDOWS = "windows";

    public NodePool {
        if (maxSurge != null) {
            surgeNodes = MaxSurge.nodes(maxSurge, maxCount);
        }
    }

    public boolean windows() {
        return WINDOWS.equals(os);
    }

    public boolean system() {
        return SYSTEM.equals(mode);
    }

    /** How messages name the pool: its name and its place in nodePools. */
    public String label() {
        return declared ? "node pool '" + name + "' (nodePools[" + index + "])" : "the node pool";
    }

    /** " for node pool 'win' (nodePools[2])" for a declared pool, "" for the one pool of the flat keys. */
    public String forPool() {
        return declared ? " for " + label() : "";
    }

    /** Nodes the pool's subnet must hold at once: the autoscaler maximum plus upgrade surge. */
    public long peakNodes() {
        if (surgeNodes == null) {
            throw new IllegalStateException("pool " + name + ": AKS's default max surge is not applied yet");
        }
        return (long) maxCount + surgeNodes;
    }

    /** Which subnet the pool's nodes take: its own CIDR, else its subnet id, else null (the cluster's). */
    public String nodeSubnetKey() {
        return nodeSubnetCidr != null ? nodeSubnetCidr : nodeSubnetId;
    }

    public NodePool withSurgeNodes(int surge) {
        return new NodePool(index, name, mode, os, windowsServerVersion, minCount, maxCount, maxPodsPerNode, maxSurge,
                surge, nodeSubnetCidr, nodeSubnetId, podSubnetCidr, podSubnetId, osSku, declared);
    }
}
