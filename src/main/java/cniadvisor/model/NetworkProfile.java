package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The network settings a deployment of the recommendation uses, in AKS API terms; the az command, the Terraform
 * block and the Bicep snippet are all rendered from it. Null fields are not set. {@code nodeSubnetCidr} and
 * {@code podSubnetCidr} are the subnets the deployment attaches to (by resource id), given or proposed.
 */
@JsonPropertyOrder({"networkPlugin", "networkPluginMode", "networkDataplane", "networkPolicy", "podCidr",
        "serviceCidr", "dnsServiceIp", "maxPods", "nodeSubnetCidr", "podSubnetCidr", "podIpAllocationMode",
        "ipFamilies"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkProfile(
        String networkPlugin,
        String networkPluginMode,
        String networkDataplane,
        String networkPolicy,
        String podCidr,
        String serviceCidr,
        String dnsServiceIp,
        Integer maxPods,
        String nodeSubnetCidr,
        String podSubnetCidr,
        String podIpAllocationMode,
        java.util.List<String> ipFamilies) {
}
