package cniadvisor.render;

import cniadvisor.deploy.AzSteps;

import cniadvisor.deploy.RejectedRanges;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.model.Advice;
import cniadvisor.model.Deployment;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.Recommendation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders the recommendation's deployment as Terraform for the azurerm 4.x provider: one {@code azurerm_subnet} per
 * subnet to create, {@code azurerm_kubernetes_cluster} with its {@code default_node_pool} (the first system pool)
 * and {@code network_profile}, and one {@code azurerm_kubernetes_cluster_node_pool} per further pool. What the tool
 * cannot know (resource group, location, virtual network, VM size, a prefix nothing gives) is a {@code variable}.
 * Text in a comment stays on the comment's line and strings are HCL-escaped ({@link Escape}), so no request name or
 * value can add a line of HCL.
 */
public final class TerraformSnippet {

    private TerraformSnippet() {
    }

    public static String render(Advice advice) {
        Recommendation rec = advice.recommendation();
        NetworkProfile n = rec.network();
        Deployment d = rec.deployment();
        StringBuilder s = new StringBuilder();
        s.append("# ").append(Escape.oneLine("AKS CNI Advisor: " + advice.name() + ", as of " + advice.asOf() + ": "
                + rec.title() + ", " + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy."))
                .append('\n');
        s.append("# azurerm 4.x: the subnets to create, the cluster with its default node pool, and one node pool\n");
        s.append("# resource per further pool.\n");
        RejectedRanges.header(advice).ifPresent(h -> s.append("# ").append(Escape.oneLine(h)).append('\n'));

        List<String> variables = new ArrayList<>(List.of("resource_group_name", "location", "virtual_network_name",
                "vm_size"));
        d.subnets().stream().filter(sub -> sub.cidr() == null)
                .forEach(sub -> variables.add(AzSteps.prefixVariable(sub).toLowerCase(Locale.ROOT)));
        for (String variable : variables) {
            s.append('\n').append("variable \"").append(variable).append("\" {\n  type = string\n}\n");
        }

        for (Deployment.Subnet subnet : d.subnets()) {
            Block b = new Block("resource \"azurerm_subnet\" \"" + label(subnet) + "\"");
            b.attr("name", quoted(subnet.name()));
            b.attr("resource_group_name", "var.resource_group_name");
            b.attr("virtual_network_name", "var.virtual_network_name");
            b.attr("address_prefixes", "[" + (subnet.cidr() == null
                    ? "var." + AzSteps.prefixVariable(subnet).toLowerCase(Locale.ROOT)
                    : quoted(subnet.cidr())) + "]", subnet.remark());
            if (subnet.delegation() != null) {
                Block delegation = b.block("delegation");
                delegation.attr("name", quoted(subnet.delegation().replace('/', '-').replace('.', '-')
                        .toLowerCase(Locale.ROOT)));
                delegation.block("service_delegation").attr("name", quoted(subnet.delegation()));
            }
            s.append('\n').append(b.render(""));
        }

        Block cluster = new Block("resource \"azurerm_kubernetes_cluster\" \"aks\"");
        cluster.attr("name", quoted(d.cluster()));
        cluster.attr("location", "var.location");
        cluster.attr("resource_group_name", "var.resource_group_name");
        cluster.attr("dns_prefix", quoted(d.cluster().replace('_', '-')));
        if (d.privateCluster()) {
            cluster.attr("private_cluster_enabled", "true");
        }
        if (d.nodeAutoProvisioning()) {
            // azurerm names no argument for node auto-provisioning that this tool can cite: set it with az or Bicep
            cluster.comment("node auto-provisioning: set nodeProvisioningProfile.mode = \"Auto\" (az aks create "
                    + "--node-provisioning-mode Auto); no azurerm argument for it is cited here");
        }
        Deployment.Pool first = d.pools().get(0);
        pool(cluster.block("default_node_pool"), d, first, n, false);
        cluster.block("identity").attr("type", quoted("SystemAssigned"));
        Block profile = cluster.block("network_profile");
        profile.attr("network_plugin", quoted(n.networkPlugin()));
        profile.attr("network_plugin_mode", quoted(n.networkPluginMode()));
        profile.attr("network_data_plane", quoted(n.networkDataplane()));
        profile.attr("network_policy", quoted(n.networkPolicy()));
        profile.attr("pod_cidr", quoted(n.podCidr()), remark(advice, AddressPlanner.POD_CIDR));
        profile.attr("service_cidr", quoted(n.serviceCidr()), remark(advice, AddressPlanner.SERVICE_CIDR));
        profile.attr("dns_service_ip", quoted(n.dnsServiceIp()), remark(advice, AddressPlanner.DNS_SERVICE_IP));
        profile.attr("ip_versions", n.ipFamilies() == null ? null
                : "[" + String.join(", ", n.ipFamilies().stream().map(TerraformSnippet::quoted).toList()) + "]");
        profile.attr("outbound_type", quoted(d.outboundType()));
        d.subnet(AddressPlanner.API_SERVER_SUBNET).ifPresent(sub -> {
            Block access = cluster.block("api_server_access_profile");
            access.attr("virtual_network_integration_enabled", "true");
            access.attr("subnet_id", "azurerm_subnet." + label(sub) + ".id");
        });
        d.subnet(AddressPlanner.ACI_SUBNET).ifPresent(sub -> cluster.block("aci_connector_linux")
                .attr("subnet_name", "azurerm_subnet." + label(sub) + ".name"));
        d.subnet(AddressPlanner.APPGW_SUBNET).ifPresent(sub -> cluster.block("ingress_application_gateway")
                .attr("subnet_id", "azurerm_subnet." + label(sub) + ".id"));
        s.append('\n').append(cluster.render(""));

        Set<String> labels = new HashSet<>();
        for (Deployment.Pool pool : d.pools().subList(1, d.pools().size())) {
            String label = pool.name().toLowerCase(Locale.ROOT);
            label = Character.isLetter(label.charAt(0)) ? label : "pool_" + label;
            for (int i = 2; !labels.add(label); i++) {
                label = label.replaceAll("_\\d+$", "") + "_" + i;
            }
            Block b = new Block("resource \"azurerm_kubernetes_cluster_node_pool\" \"" + label + "\"");
            b.attr("name", quoted(pool.name()));
            b.attr("kubernetes_cluster_id", "azurerm_kubernetes_cluster.aks.id");
            pool(b, d, pool, n, true);
            s.append('\n').append(b.render(""));
        }
        return s.toString();
    }

    /** A pool's attributes: in default_node_pool (name first) or a node pool resource (mode and OS too). */
    private static void pool(Block b, Deployment d, Deployment.Pool pool, NetworkProfile n, boolean resource) {
        if (!resource) {
            b.attr("name", quoted(pool.name()));
        }
        b.attr("vm_size", "var.vm_size");
        if (resource) {
            b.attr("mode", quoted(pool.mode()));
            b.attr("os_type", quoted(pool.osType()));
        }
        if (pool.declared()) {
            b.attr("os_sku", quoted(pool.osSku()));
        }
        if (pool.autoscaled()) {
            b.attr("auto_scaling_enabled", "true");
            b.attr("min_count", pool.minCount().toString());
            b.attr("max_count", Integer.toString(pool.maxCount()));
        } else {
            b.attr("node_count", Integer.toString(pool.maxCount()));
        }
        b.attr("max_pods", Integer.toString(pool.maxPods()));
        b.attr("vnet_subnet_id", subnetId(d, pool.nodeSubnet(), pool.nodeSubnetId()));
        b.attr("pod_subnet_id", subnetId(d, pool.podSubnet(), pool.podSubnetId()),
                n.podIpAllocationMode() == null ? null : "pod IP allocation mode " + n.podIpAllocationMode());
        if (pool.maxSurge() != null) {
            b.block("upgrade_settings").attr("max_surge", quoted(pool.maxSurge()));
        }
    }

    private static String subnetId(Deployment d, String name, String id) {
        if (name != null) {
            return "azurerm_subnet." + label(d.subnetNamed(name).orElseThrow()) + ".id";
        }
        return id == null ? null : quoted(id);
    }

    /** The subnet's resource label: its name with '_' for '-' (names are letters, digits and '-'). */
    static String label(Deployment.Subnet subnet) {
        return subnet.name().replace('-', '_');
    }

    private static String remark(Advice advice, String role) {
        return RejectedRanges.remark(advice, role).orElse(null);
    }

    private static String quoted(String value) {
        return Escape.hclString(value);
    }

    /** An HCL block: attributes (aligned, each with an optional comment) and then nested blocks. */
    private static final class Block {
        private final String header;
        private final List<String[]> attributes = new ArrayList<>();
        private final List<Block> blocks = new ArrayList<>();
        private final List<String> comments = new ArrayList<>();

        Block(String header) {
            this.header = header;
        }

        /** A comment line at the top of the block's body. */
        void comment(String text) {
            comments.add(text);
        }

        void attr(String name, String value) {
            attr(name, value, null);
        }

        void attr(String name, String value, String remark) {
            if (value != null) {
                attributes.add(new String[]{name, value, remark});
            }
        }

        Block block(String name) {
            Block b = new Block(name);
            blocks.add(b);
            return b;
        }

        String render(String indent) {
            StringBuilder s = new StringBuilder(indent).append(header).append(" {\n");
            comments.forEach(c -> s.append(indent).append("  # ").append(Escape.oneLine(c)).append('\n'));
            int width = attributes.stream().mapToInt(a -> a[0].length()).max().orElse(0);
            for (String[] a : attributes) {
                s.append(indent).append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", a[0]))
                        .append(" = ").append(a[1]).append(a[2] == null ? "" : " # " + Escape.oneLine(a[2]))
                        .append('\n');
            }
            for (int i = 0; i < blocks.size(); i++) {
                if (i > 0 || !attributes.isEmpty()) {
                    s.append('\n');
                }
                s.append(blocks.get(i).render(indent + "  "));
            }
            return s.append(indent).append("}\n").toString();
        }
    }
}
