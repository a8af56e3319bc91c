package cniadvisor.model;

/**
 * What an existing cluster runs, as Azure reports it (az aks show/list, ARM, Azure Resource Graph), beside the
 * request made from it: the facts a migration's prerequisites are checked against. {@code option} is the option id
 * the cluster's networkPlugin, networkPluginMode and pod subnet make (kubenet, azure-cni-node-subnet,
 * azure-cni-pod-subnet, azure-cni-overlay, byo-cni); {@code dataplane} azure or cilium; {@code networkPolicy} the
 * engine installed (none, azure, calico, cilium); {@code kubernetesMinor} the minor version of
 * {@code kubernetesVersion} ("1.26.3" is 26; -1 when not known); {@code sku} the managed cluster SKU (Base,
 * Automatic); {@code source} where it was read ("fleet.json:3" or "fleet.json#3").
 */
public record ClusterState(
        String name,
        String resourceGroup,
        String source,
        String option,
        String dataplane,
        String networkPolicy,
        String kubernetesVersion,
        int kubernetesMinor,
        String sku,
        String outboundType,
        String podIpAllocationMode,
        boolean virtualNodesAddon,
        boolean applicationGatewayIngressAddon,
        boolean nodeAutoProvisioning,
        boolean privateCluster,
        boolean apiServerVnetIntegration,
        boolean dualStack,
        boolean windowsPools,
        String identityType) {

    /** Without the identity's type (not in the data): the rules ask for a check by hand. */
    public ClusterState(String name, String resourceGroup, String source, String option, String dataplane,
                        String networkPolicy, String kubernetesVersion, int kubernetesMinor, String sku,
                        String outboundType, String podIpAllocationMode, boolean virtualNodesAddon,
                        boolean applicationGatewayIngressAddon, boolean nodeAutoProvisioning, boolean privateCluster,
                        boolean apiServerVnetIntegration, boolean dualStack, boolean windowsPools) {
        this(name, resourceGroup, source, option, dataplane, networkPolicy, kubernetesVersion, kubernetesMinor, sku,
                outboundType, podIpAllocationMode, virtualNodesAddon, applicationGatewayIngressAddon,
                nodeAutoProvisioning, privateCluster, apiServerVnetIntegration, dualStack, windowsPools, null);
    }

    public boolean automatic() {
        return "Automatic".equalsIgnoreCase(sku);
    }
}
