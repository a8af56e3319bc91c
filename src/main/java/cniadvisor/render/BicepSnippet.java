package cniadvisor.render;

import cniadvisor.deploy.RejectedRanges;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.model.Advice;
import cniadvisor.model.Deployment;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.Recommendation;

import java.util.Locale;
import java.util.Optional;

/**
 * Renders the recommendation's deployment as a Bicep file: the subnets to create in an existing virtual network
 * (one after another: a virtual network takes one subnet change at a time), and
 * Microsoft.ContainerService/managedClusters with {@code agentPoolProfiles} (every pool, the first system pool
 * first, with the API's names: vnetSubnetID, podSubnetID, maxPods, osType, osSKU, ...) and {@code networkProfile}.
 * What the tool cannot know is a {@code param}. Text in a comment stays on the comment's line and strings are
 * Bicep-escaped ({@link Escape}), so no request name or value can add a line.
 */
public final class BicepSnippet {

    static final String VNET_API = "Microsoft.Network/virtualNetworks@2024-05-01";
    static final String SUBNET_API = "Microsoft.Network/virtualNetworks/subnets@2024-05-01";
    static final String CLUSTER_API = "Microsoft.ContainerService/managedClusters@2025-01-01";

    private BicepSnippet() {
    }

    public static String render(Advice advice) {
        Recommendation rec = advice.recommendation();
        NetworkProfile n = rec.network();
        Deployment d = rec.deployment();
        StringBuilder s = new StringBuilder();
        s.append("// ").append(Escape.oneLine("AKS CNI Advisor: " + advice.name() + ", as of " + advice.asOf() + ": "
                + rec.title() + ", " + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy."))
                .append('\n');
        s.append("// The subnets to create in an existing virtual network, and the cluster with every node pool.\n");
        RejectedRanges.header(advice).ifPresent(h -> s.append("// ").append(Escape.oneLine(h)).append('\n'));
        s.append('\n');
        s.append("param location string = resourceGroup().location\n");
        s.append("@description('Name of the existing virtual network the subnets are created in')\n");
        s.append("param vnetName string\n");
        s.append("param vmSize string\n");
        for (Deployment.Subnet subnet : d.subnets()) {
            if (subnet.cidr() == null) {
                s.append("@description(").append(quoted("Address prefix of subnet " + subnet.name())).append(")\n");
                s.append("param ").append(prefixParam(subnet)).append(" string\n");
            }
        }
        s.append('\n');
        if (!d.subnets().isEmpty()) {
            s.append("resource vnet '").append(VNET_API).append("' existing = {\n  name: vnetName\n}\n\n");
        }
        String previous = null;
        for (Deployment.Subnet subnet : d.subnets()) {
            s.append("resource ").append(symbol(subnet)).append(" '").append(SUBNET_API).append("' = {\n");
            s.append("  parent: vnet\n");
            s.append("  name: ").append(quoted(subnet.name())).append('\n');
            if (previous != null) {
                s.append("  dependsOn: [\n    ").append(previous).append("\n  ]\n");
            }
            s.append("  properties: {\n");
            s.append("    addressPrefix: ").append(subnet.cidr() == null ? prefixParam(subnet) : quoted(subnet.cidr()))
                    .append(subnet.remark() == null ? "" : " // " + Escape.oneLine(subnet.remark())).append('\n');
            if (subnet.delegation() != null) {
                s.append("    delegations: [\n      {\n        name: ")
                        .append(quoted(subnet.delegation().replace('/', '-').replace('.', '-')
                                .toLowerCase(Locale.ROOT)))
                        .append("\n        properties: {\n          serviceName: ").append(quoted(subnet.delegation()))
                        .append("\n        }\n      }\n    ]\n");
            }
            s.append("  }\n}\n\n");
            previous = symbol(subnet);
        }

        s.append("resource aks '").append(CLUSTER_API).append("' = {\n");
        s.append("  name: ").append(quoted(d.cluster())).append('\n');
        s.append("  location: location\n");
        s.append("  identity: {\n    type: 'SystemAssigned'\n  }\n");
        s.append("  properties: {\n");
        s.append("    dnsPrefix: ").append(quoted(d.cluster().replace('_', '-'))).append('\n');
        s.append("    agentPoolProfiles: [\n");
        for (Deployment.Pool pool : d.pools()) {
            s.append("      {\n");
            String in = "        ";
            property(s, in, "name", quoted(pool.name()));
            property(s, in, "mode", quoted(pool.mode()));
            property(s, in, "osType", quoted(pool.osType()));
            property(s, in, "osSKU", pool.declared() ? quoted(pool.osSku()) : null);
            property(s, in, "vmSize", "vmSize");
            property(s, in, "count", Integer.toString(pool.autoscaled() ? pool.minCount() : pool.maxCount()));
            if (pool.autoscaled()) {
                property(s, in, "enableAutoScaling", "true");
                property(s, in, "minCount", pool.minCount().toString());
                property(s, in, "maxCount", Integer.toString(pool.maxCount()));
            }
            property(s, in, "maxPods", Integer.toString(pool.maxPods()));
            property(s, in, "vnetSubnetID", subnetId(d, pool.nodeSubnet(), pool.nodeSubnetId()));
            property(s, in, "podSubnetID", subnetId(d, pool.podSubnet(), pool.podSubnetId()));
            property(s, in, "podIPAllocationMode", quoted(n.podIpAllocationMode()));
            if (pool.maxSurge() != null) {
                s.append(in).append("upgradeSettings: {\n").append(in).append("  maxSurge: ")
                        .append(quoted(pool.maxSurge())).append('\n').append(in).append("}\n");
            }
            s.append("      }\n");
        }
        s.append("    ]\n");
        s.append("    networkProfile: {\n");
        String in = "      ";
        property(s, in, "networkPlugin", quoted(n.networkPlugin()));
        property(s, in, "networkPluginMode", quoted(n.networkPluginMode()));
        property(s, in, "networkDataplane", quoted(n.networkDataplane()));
        property(s, in, "networkPolicy", quoted(n.networkPolicy()));
        property(s, in, "podCidr", quoted(n.podCidr()), RejectedRanges.remark(advice, AddressPlanner.POD_CIDR));
        property(s, in, "serviceCidr", quoted(n.serviceCidr()),
                RejectedRanges.remark(advice, AddressPlanner.SERVICE_CIDR));
        property(s, in, "dnsServiceIP", quoted(n.dnsServiceIp()),
                RejectedRanges.remark(advice, AddressPlanner.DNS_SERVICE_IP));
        if (n.ipFamilies() != null) {
            s.append(in).append("ipFamilies: [\n");
            n.ipFamilies().forEach(f -> s.append(in).append("  ").append(quoted(f)).append('\n'));
            s.append(in).append("]\n");
        }
        property(s, in, "outboundType", quoted(d.outboundType()));
        s.append("    }\n");
        if (d.nodeAutoProvisioning()) {
            s.append("    nodeProvisioningProfile: {\n").append(in).append("mode: 'Auto'\n    }\n");
        }
        Optional<Deployment.Subnet> apiServer = d.subnet(AddressPlanner.API_SERVER_SUBNET);
        if (apiServer.isPresent() || d.privateCluster()) {
            s.append("    apiServerAccessProfile: {\n");
            property(s, in, "enablePrivateCluster", d.privateCluster() ? "true" : null);
            property(s, in, "enableVnetIntegration", apiServer.isPresent() ? "true" : null);
            property(s, in, "subnetId", apiServer.map(sub -> symbol(sub) + ".id").orElse(null));
            s.append("    }\n");
        }
        Optional<Deployment.Subnet> aci = d.subnet(AddressPlanner.ACI_SUBNET);
        Optional<Deployment.Subnet> appgw = d.subnet(AddressPlanner.APPGW_SUBNET);
        if (aci.isPresent() || appgw.isPresent()) {
            s.append("    addonProfiles: {\n");
            aci.ifPresent(sub -> s.append("      aciConnectorLinux: {\n        enabled: true\n        config: {\n")
                    .append("          SubnetName: ").append(symbol(sub)).append(".name\n        }\n      }\n"));
            appgw.ifPresent(sub -> s.append("      ingressApplicationGateway: {\n        enabled: true\n")
                    .append("        config: {\n          subnetId: ").append(symbol(sub)).append(".id\n")
                    .append("        }\n      }\n"));
            s.append("    }\n");
        }
        s.append("  }\n}\n");
        return s.toString();
    }

    private static String subnetId(Deployment d, String name, String id) {
        if (name != null) {
            return symbol(d.subnetNamed(name).orElseThrow()) + ".id";
        }
        return id == null ? null : quoted(id);
    }

    /** A subnet's symbolic name: its name in camel case (names are letters, digits and '-'). */
    static String symbol(Deployment.Subnet subnet) {
        StringBuilder b = new StringBuilder();
        for (String part : subnet.name().split("-")) {
            if (!part.isEmpty()) {
                b.append(b.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
        }
        return b.append("Subnet").toString();
    }

    private static String prefixParam(Deployment.Subnet subnet) {
        return symbol(subnet) + "Prefix";
    }

    private static void property(StringBuilder s, String indent, String name, String value) {
        property(s, indent, name, value, Optional.empty());
    }

    private static void property(StringBuilder s, String indent, String name, String value,
                                 Optional<String> remark) {
        if (value != null) {
            s.append(indent).append(name).append(": ").append(value)
                    .append(remark.map(r -> " // " + Escape.oneLine(r)).orElse(""))
                    .append('\n');
        }
    }

    private static String quoted(String value) {
        return Escape.bicepString(value);
    }

}
