package cniadvisor.deploy;

import cniadvisor.io.Escape;
import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.model.Advice;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.Recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the recommendation as an azurerm 4.x {@code network_profile} block for {@code azurerm_kubernetes_cluster},
 * followed by the node pool settings (as comments: they belong in other blocks of the same resource). Text in a
 * comment stays on the comment's line and strings are HCL-escaped ({@link Escape}), so no request name or value
 * can add a line of HCL.
 */
public final class TerraformSnippet {

    private TerraformSnippet() {
    }

    public static String render(Advice advice) {
        Recommendation rec = advice.recommendation();
        NetworkProfile n = rec.network();
        List<String[]> attributes = new ArrayList<>();
        attribute(attributes, "network_plugin", quoted(n.networkPlugin()), null);
        attribute(attributes, "network_plugin_mode", quoted(n.networkPluginMode()), null);
        attribute(attributes, "network_data_plane", quoted(n.networkDataplane()), null);
        attribute(attributes, "network_policy", quoted(n.networkPolicy()), null);
        attribute(attributes, "pod_cidr", quoted(n.podCidr()), remark(advice, AddressPlanner.POD_CIDR));
        attribute(attributes, "service_cidr", quoted(n.serviceCidr()), remark(advice, AddressPlanner.SERVICE_CIDR));
        attribute(attributes, "dns_service_ip", quoted(n.dnsServiceIp()),
                remark(advice, AddressPlanner.DNS_SERVICE_IP));
        attribute(attributes, "ip_versions", n.ipFamilies() == null ? null
                : "[" + String.join(", ", n.ipFamilies().stream().map(TerraformSnippet::quoted).toList()) + "]", null);
        int width = attributes.stream().mapToInt(a -> a[0].length()).max().orElse(0);

        StringBuilder s = new StringBuilder();
        s.append("# ").append(Escape.oneLine("AKS CNI Advisor: " + advice.name() + ", as of " + advice.asOf() + ": "
                + rec.title() + ", " + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy."))
                .append('\n');
        s.append("# For azurerm_kubernetes_cluster (azurerm 4.x).\n");
        RejectedRanges.header(advice).ifPresent(h -> s.append("# ").append(Escape.oneLine(h)).append('\n'));
        s.append("network_profile {\n");
        for (String[] a : attributes) {
            s.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", a[0])).append(" = ").append(a[1])
                    .append(a[2] == null ? "" : " # " + Escape.oneLine(a[2])).append('\n');
        }
        s.append("}\n");
        s.append("# In default_node_pool and every azurerm_kubernetes_cluster_node_pool:\n");
        if (n.maxPods() != null) {
            s.append("#   max_pods       = ").append(n.maxPods()).append('\n');
        }
        if (n.nodeSubnetCidr() != null) {
            s.append("#   vnet_subnet_id = <node subnet id>  # ").append(Escape.oneLine(n.nodeSubnetCidr()
                    + RejectedRanges.remark(advice, AddressPlanner.NODE_SUBNET).map(r -> ", " + r).orElse("")))
                    .append('\n');
        }
        if (n.podSubnetCidr() != null) {
            s.append("#   pod_subnet_id  = <pod subnet id>   # ").append(Escape.oneLine(n.podSubnetCidr()
                    + ", pod IP allocation mode " + n.podIpAllocationMode()
                    + RejectedRanges.remark(advice, AddressPlanner.POD_SUBNET).map(r -> ", " + r).orElse("")))
                    .append('\n');
        }
        return s.toString();
    }

    private static void attribute(List<String[]> attributes, String name, String value, String remark) {
        if (value != null) {
            attributes.add(new String[]{name, value, remark});
        }
    }

    private static String remark(Advice advice, String role) {
        return RejectedRanges.remark(advice, role).orElse(null);
    }

    private static String quoted(String value) {
        return Escape.hclString(value);
    }
}
