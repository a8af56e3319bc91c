package cniadvisor.deploy;

import cniadvisor.io.Escape;
import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.model.Advice;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.Recommendation;

/**
 * Renders the recommendation as a Bicep file: a {@code networkProfile} variable for
 * Microsoft.ContainerService/managedClusters ({@code properties.networkProfile}) and an {@code agentPoolNetwork}
 * variable with the per-pool settings, plus parameters for the subnet ids it cannot know. Text in a comment stays
 * on the comment's line and strings are Bicep-escaped ({@link Escape}), so no request name or value can add a line.
 */
public final class BicepSnippet {

    private BicepSnippet() {
    }

    public static String render(Advice advice) {
        Recommendation rec = advice.recommendation();
        NetworkProfile n = rec.network();
        StringBuilder s = new StringBuilder();
        s.append("// ").append(Escape.oneLine("AKS CNI Advisor: " + advice.name() + ", as of " + advice.asOf() + ": "
                + rec.title() + ", " + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy."))
                .append('\n');
        s.append("// In Microsoft.ContainerService/managedClusters: properties.networkProfile: networkProfile, and\n");
        s.append("// union(<pool>, agentPoolNetwork) for each entry of properties.agentPoolProfiles.\n");
        RejectedRanges.header(advice).ifPresent(h -> s.append("// ").append(Escape.oneLine(h)).append('\n'));
        s.append('\n');
        if (n.nodeSubnetCidr() != null) {
            RejectedRanges.remark(advice, AddressPlanner.NODE_SUBNET).ifPresent(r -> s.append("// ")
                    .append(Escape.oneLine("node subnet " + n.nodeSubnetCidr() + ": " + r)).append('\n'));
            s.append("@description(").append(quoted("Resource id of the node subnet (" + n.nodeSubnetCidr() + ")"))
                    .append(")\n");
            s.append("param nodeSubnetId string\n\n");
        }
        if (n.podSubnetCidr() != null) {
            RejectedRanges.remark(advice, AddressPlanner.POD_SUBNET).ifPresent(r -> s.append("// ")
                    .append(Escape.oneLine("pod subnet " + n.podSubnetCidr() + ": " + r)).append('\n'));
            s.append("@description(").append(quoted("Resource id of the pod subnet (" + n.podSubnetCidr() + ")"))
                    .append(")\n");
            s.append("param podSubnetId string\n\n");
        }
        s.append("var networkProfile = {\n");
        property(s, "networkPlugin", quoted(n.networkPlugin()));
        property(s, "networkPluginMode", quoted(n.networkPluginMode()));
        property(s, "networkDataplane", quoted(n.networkDataplane()));
        property(s, "networkPolicy", quoted(n.networkPolicy()));
        property(s, "podCidr", quoted(n.podCidr()), RejectedRanges.remark(advice, AddressPlanner.POD_CIDR));
        property(s, "serviceCidr", quoted(n.serviceCidr()), RejectedRanges.remark(advice, AddressPlanner.SERVICE_CIDR));
        property(s, "dnsServiceIP", quoted(n.dnsServiceIp()),
                RejectedRanges.remark(advice, AddressPlanner.DNS_SERVICE_IP));
        if (n.ipFamilies() != null) {
            s.append("  ipFamilies: [\n");
            n.ipFamilies().forEach(f -> s.append("    ").append(quoted(f)).append('\n'));
            s.append("  ]\n");
        }
        s.append("}\n\n");
        s.append("var agentPoolNetwork = {\n");
        property(s, "maxPods", n.maxPods() == null ? null : n.maxPods().toString());
        property(s, "vnetSubnetID", n.nodeSubnetCidr() == null ? null : "nodeSubnetId");
        property(s, "podSubnetID", n.podSubnetCidr() == null ? null : "podSubnetId");
        property(s, "podIPAllocationMode", quoted(n.podIpAllocationMode()));
        s.append("}\n\n");
        s.append("output networkProfile object = networkProfile\n");
        s.append("output agentPoolNetwork object = agentPoolNetwork\n");
        return s.toString();
    }

    private static void property(StringBuilder s, String name, String value) {
        property(s, name, value, java.util.Optional.empty());
    }

    private static void property(StringBuilder s, String name, String value, java.util.Optional<String> remark) {
        if (value != null) {
            s.append("  ").append(name).append(": ").append(value)
                    .append(remark.map(r -> " // " + Escape.oneLine(r)).orElse(""))
                    .append('\n');
        }
    }

    private static String quoted(String value) {
        return Escape.bicepString(value);
    }
}
