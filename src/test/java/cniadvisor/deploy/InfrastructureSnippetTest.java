package cniadvisor.deploy;

import cniadvisor.model.Advice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.testing.Fixtures.advise;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Terraform and Bicep renderings, exactly. .ci/run also parses the Terraform of every example with an HCL
 * parser (src/test/hcl/validate-terraform.sh).
 */
class InfrastructureSnippetTest {

    private final Advice trading = advise("name: trading", "nodeCount: 30", "maxPodsPerNode: 30",
            "directPodAccess: true", "trafficPattern: external", "networkPolicy: cilium",
            "nodeSubnetCidr: 10.40.0.0/22", "connectedNetworks: [10.0.0.0/16]");

    @Test
    void terraformNetworkProfileForAzurerm4() {
        assertEquals("""
                # AKS CNI Advisor: trading, as of 2026-11-21: Azure CNI Pod Subnet, cilium data plane, cilium network policy.
                # For azurerm_kubernetes_cluster (azurerm 4.x).
                network_profile {
                  network_plugin     = "azure"
                  network_data_plane = "cilium"
                  network_policy     = "cilium"
                  service_cidr       = "10.1.0.0/16"
                  dns_service_ip     = "10.1.0.10"
                }
                # In default_node_pool and every azurerm_kubernetes_cluster_node_pool:
                #   max_pods       = 30
                #   vnet_subnet_id = <node subnet id>  # 10.40.0.0/22
                #   pod_subnet_id  = <pod subnet id>   # 10.2.0.0/21, pod IP allocation mode DynamicIndividual
                """, TerraformSnippet.render(trading));
    }

    @Test
    void bicepNetworkProfileForManagedClusters() {
        assertEquals("""
                // AKS CNI Advisor: trading, as of 2026-11-21: Azure CNI Pod Subnet, cilium data plane, cilium network policy.
                // In Microsoft.ContainerService/managedClusters: properties.networkProfile: networkProfile, and
                // union(<pool>, agentPoolNetwork) for each entry of properties.agentPoolProfiles.

                @description('Resource id of the node subnet (10.40.0.0/22)')
                param nodeSubnetId string

                @description('Resource id of the pod subnet (10.2.0.0/21)')
                param podSubnetId string

                var networkProfile = {
                  networkPlugin: 'azure'
                  networkDataplane: 'cilium'
                  networkPolicy: 'cilium'
                  serviceCidr: '10.1.0.0/16'
                  dnsServiceIP: '10.1.0.10'
                }

                var agentPoolNetwork = {
                  maxPods: 30
                  vnetSubnetID: nodeSubnetId
                  podSubnetID: podSubnetId
                  podIPAllocationMode: 'DynamicIndividual'
                }

                output networkProfile object = networkProfile
                output agentPoolNetwork object = agentPoolNetwork
                """, BicepSnippet.render(trading));
    }

    @Test
    void dualStackOverlayListsBothIpFamilies() {
        Advice advice = advise("name: edge", "nodeCount: 10", "dualStack: true");
        String terraform = TerraformSnippet.render(advice);
        String bicep = BicepSnippet.render(advice);
        assertEquals(true, terraform.contains("  ip_versions         = [\"IPv4\", \"IPv6\"]\n"), terraform);
        assertEquals(true, terraform.contains("  network_plugin_mode = \"overlay\"\n"), terraform);
        assertEquals(true, bicep.contains("  ipFamilies: [\n    'IPv4'\n    'IPv6'\n  ]\n"), bicep);
    }

    /**
     * YAML for a name that tries to end the comment it lands in and add HCL or Bicep of its own (ESC and other
     * control characters are refused at the door, see HostileInputTest; line breaks pass it).
     */
    static final String HOSTILE_NAME = "name: \"evil\\n}\\nresource \\\"null_resource\\\" \\\"pwned\\\" {}\\r\\n"
            + "# ${file(\\\"/etc/passwd\\\")} %{for x in y} \\u2028 ' */ [2J\"";

    @Test
    void aHostileNameStaysInsideTheHeaderComment() {
        Advice clean = advise("name: trading", "nodeCount: 30", "nodeSubnetCidr: 10.40.0.0/22");
        Advice hostile = advise(HOSTILE_NAME, "nodeCount: 30", "nodeSubnetCidr: 10.40.0.0/22");
        assertEquals(true, hostile.name().contains("\n}\nresource"), "the name reached the advice as given");

        String terraform = TerraformSnippet.render(hostile);
        List<String> lines = terraform.lines().toList();
        assertEquals(TerraformSnippet.render(clean).lines().count(), lines.size(), terraform);
        assertEquals(true, lines.get(0).startsWith("# AKS CNI Advisor: evil } resource \"null_resource\""), terraform);
        for (String line : lines) {
            assertEquals(true, line.startsWith("#") || line.equals("network_profile {") || line.equals("}")
                    || line.matches("  [a-z_]+ += \"[^\"\\\\$%]*\"( # .*)?"), "not a line of the block: " + line);
        }
        assertEquals(false, terraform.chars().anyMatch(c -> c < 0x20 && c != '\n'), terraform);

        String bicep = BicepSnippet.render(hostile);
        List<String> bicepLines = bicep.lines().toList();
        assertEquals(BicepSnippet.render(clean).lines().count(), bicepLines.size(), bicep);
        assertEquals(true, bicepLines.get(0).startsWith("// AKS CNI Advisor: evil } resource"), bicep);
        assertEquals(false, bicepLines.stream().anyMatch(l -> l.startsWith("resource") || l.startsWith("#")), bicep);
        assertEquals(false, bicep.chars().anyMatch(c -> c < 0x20 && c != '\n'), bicep);
    }
}
