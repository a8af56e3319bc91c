package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The network settings a deployment of the recommendation uses; the az command, the Terraform block and the Bicep
 * snippet are all rendered from it. Null fields are not set. In JSON ({@code recommendation.network}) each key is
 * spelled as the AKS API spells it: the managed cluster's {@code networkProfile} ({@code networkPlugin},
 * {@code networkPluginMode}, {@code networkDataplane}, {@code networkPolicy}, {@code podCidr}, {@code serviceCidr},
 * {@code dnsServiceIP}, {@code outboundType}, {@code ipFamilies}) and the agent pool's ({@code maxPods},
 * {@code podIPAllocationMode}). {@code nodeSubnetCidr} and {@code podSubnetCidr} are the tool's own: the address
 * prefixes of the subnets the deployment attaches to, given or proposed (AKS takes those subnets by resource id, as
 * {@code vnetSubnetID} and {@code podSubnetID}: see {@code deployment.subnets} and {@code deployment.pools}).
 */
@JsonPropertyOrder({"networkPlugin", "networkPluginMode", "networkDataplane", "networkPolicy", "podCidr",
        "serviceCidr", "dnsServiceIP", "outboundType", "ipFamilies", "maxPods", "nodeSubnetCidr", "podSubnetCidr",
        "podIPAllocationMode"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkProfile(
        String networkPlugin,
        String networkPluginMode,
        String networkDataplane,
        String networkPolicy,
        String podCidr,
        String serviceCidr,
        @JsonProperty("dnsServiceIP") String dnsServiceIp,
        Integer maxPods,
        String nodeSubnetCidr,
        String podSubnetCidr,
        @JsonProperty("podIPAllocationMode") String podIpAllocationMode,
        java.util.List<String> ipFamilies,
        String outboundType) {

    /** Without an outbound type: AKS's default (loadBalancer). */
    public NetworkProfile(String networkPlugin, String networkPluginMode, String networkDataplane, String networkPolicy,
                          String podCidr, String serviceCidr, String dnsServiceIp, Integer maxPods,
                          String nodeSubnetCidr, String podSubnetCidr, String podIpAllocationMode,
                          java.util.List<String> ipFamilies) {
        this(networkPlugin, networkPluginMode, networkDataplane, networkPolicy, podCidr, serviceCidr, dnsServiceIp,
                maxPods, nodeSubnetCidr, podSubnetCidr, podIpAllocationMode, ipFamilies, null);
    }
}
