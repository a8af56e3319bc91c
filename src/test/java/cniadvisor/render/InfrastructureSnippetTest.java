package cniadvisor.render;

import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static cniadvisor.testing.Fixtures.advise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Terraform and Bicep renderings, exactly for the one-pool shorthand, and by resource and property for several
 * pools. `mvn verify` also parses the Terraform of every example with an HCL parser
 * (src/test/hcl/validate-terraform.sh).
 */
class InfrastructureSnippetTest {

    private final Advice trading = advise("name: trading", "nodeCount: 30", "maxPodsPerNode: 30",
            "directPodAccess: true", "trafficPattern: external", "networkPolicy: cilium",
            "nodeSubnetCidr: 10.40.0.0/22", "connectedNetworks: [10.0.0.0/16]");

    static Advice threePools() throws Exception {
        return Fixtures.advisor().advise(RequestReader.read(Path.of("src/test/resources/deploy/three-pools.yaml"),
                new ByteArrayInputStream(new byte[0]), Fixtures.binder()), Fixtures.AS_OF);
    }

    @Test
    void terraformSubnetsClusterAndDefaultNodePoolForAzurerm4() {
        assertEquals("""
                # AKS CNI Advisor: trading, as of 2026-11-21: Azure CNI Pod Subnet, cilium data plane, cilium network policy.
                # azurerm 4.x: the subnets to create, the cluster with its default node pool, and one node pool
                # resource per further pool.

                variable "resource_group_name" {
                  type = string
                }

                variable "location" {
                  type = string
                }

                variable "virtual_network_name" {
                  type = string
                }

                variable "vm_size" {
                  type = string
                }

                resource "azurerm_subnet" "aks_nodes" {
                  name                 = "aks-nodes"
                  resource_group_name  = var.resource_group_name
                  virtual_network_name = var.virtual_network_name
                  address_prefixes     = ["10.40.0.0/22"]
                }

                resource "azurerm_subnet" "aks_pods" {
                  name                 = "aks-pods"
                  resource_group_name  = var.resource_group_name
                  virtual_network_name = var.virtual_network_name
                  address_prefixes     = ["10.2.0.0/21"]
                }

                resource "azurerm_kubernetes_cluster" "aks" {
                  name                = "trading"
                  location            = var.location
                  resource_group_name = var.resource_group_name
                  dns_prefix          = "trading"

                  default_node_pool {
                    name           = "nodepool1"
                    vm_size        = var.vm_size
                    node_count     = 30
                    max_pods       = 30
                    vnet_subnet_id = azurerm_subnet.aks_nodes.id
                    pod_subnet_id  = azurerm_subnet.aks_pods.id # pod IP allocation mode DynamicIndividual
                  }

                  identity {
                    type = "SystemAssigned"
                  }

                  network_profile {
                    network_plugin     = "azure"
                    network_data_plane = "cilium"
                    network_policy     = "cilium"
                    service_cidr       = "10.1.0.0/16"
                    dns_service_ip     = "10.1.0.10"
                  }
                }
                """, TerraformSnippet.render(trading));
    }

    @Test
    void bicepSubnetsAndAgentPoolProfilesForManagedClusters() {
        assertEquals("""
                // AKS CNI Advisor: trading, as of 2026-11-21: Azure CNI Pod Subnet, cilium data plane, cilium network policy.
                // The subnets to create in an existing virtual network, and the cluster with every node pool.

                param location string = resourceGroup().location
                @description('Name of the existing virtual network the subnets are created in')
                param vnetName string
                param vmSize string

                resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
                  name: vnetName
                }

                resource aksNodesSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
                  parent: vnet
                  name: 'aks-nodes'
                  properties: {
                    addressPrefix: '10.40.0.0/22'
                  }
                }

                resource aksPodsSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
                  parent: vnet
                  name: 'aks-pods'
                  dependsOn: [
                    aksNodesSubnet
                  ]
                  properties: {
                    addressPrefix: '10.2.0.0/21'
                  }
                }

                resource aks 'Microsoft.ContainerService/managedClusters@2025-01-01' = {
                  name: 'trading'
                  location: location
                  identity: {
                    type: 'SystemAssigned'
                  }
                  properties: {
                    dnsPrefix: 'trading'
                    agentPoolProfiles: [
                      {
                        name: 'nodepool1'
                        mode: 'System'
                        osType: 'Linux'
                        vmSize: vmSize
                        count: 30
                        maxPods: 30
                        vnetSubnetID: aksNodesSubnet.id
                        podSubnetID: aksPodsSubnet.id
                        podIPAllocationMode: 'DynamicIndividual'
                      }
                    ]
                    networkProfile: {
                      networkPlugin: 'azure'
                      networkDataplane: 'cilium'
                      networkPolicy: 'cilium'
                      serviceCidr: '10.1.0.0/16'
                      dnsServiceIP: '10.1.0.10'
                    }
                  }
                }
                """, BicepSnippet.render(trading));
    }

    @Test
    void terraformHasANodePoolResourcePerFurtherPool() throws Exception {
        String terraform = TerraformSnippet.render(threePools());
        assertEquals(2, terraform.split("resource \"azurerm_subnet\" ", -1).length - 1, terraform);
        assertEquals(1, terraform.split("resource \"azurerm_kubernetes_cluster\" ", -1).length - 1, terraform);
        assertTrue(terraform.contains("  default_node_pool {\n    name                 = \"system\"\n"), terraform);
        assertTrue(terraform.contains("""
                resource "azurerm_kubernetes_cluster_node_pool" "win" {
                  name                  = "win"
                  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
                  vm_size               = var.vm_size
                  mode                  = "User"
                  os_type               = "Windows"
                  os_sku                = "Windows2022"
                  node_count            = 10
                  max_pods              = 110
                  vnet_subnet_id        = azurerm_subnet.aks_nodes_win.id

                  upgrade_settings {
                    max_surge = "2"
                  }
                }
                """), terraform);
        assertTrue(terraform.contains("resource \"azurerm_kubernetes_cluster_node_pool\" \"apps\" {\n"), terraform);
    }

    @Test
    void bicepNamesEveryPoolInAgentPoolProfilesWithTheApiNames() throws Exception {
        String bicep = BicepSnippet.render(threePools());
        String pools = bicep.substring(bicep.indexOf("    agentPoolProfiles: [\n"), bicep.indexOf("    ]\n"));
        assertEquals(3, pools.split("\n      \\{\n", -1).length - 1, pools);
        for (String name : List.of("name", "mode", "osType", "vmSize", "count", "maxPods", "vnetSubnetID")) {
            assertEquals(3, pools.split("\n        " + name + ": ", -1).length - 1, name + " in " + pools);
        }
        assertTrue(pools.contains("""
                        name: 'win'
                        mode: 'User'
                        osType: 'Windows'
                        osSKU: 'Windows2022'
                """), pools);
        assertTrue(pools.contains("        vnetSubnetID: aksNodesWinSubnet.id\n"), pools);
        assertTrue(pools.indexOf("name: 'system'") < pools.indexOf("name: 'apps'"), pools);
    }

    @Test
    void podSubnetPoolsNameTheirPodSubnetAndFeaturesGetDelegatedSubnets() throws Exception {
        Advice advice = Fixtures.advisor().advise(RequestReader.read(
                Path.of("src/test/resources/deploy/pod-subnet-features.yaml"), new ByteArrayInputStream(new byte[0]),
                Fixtures.binder()), Fixtures.AS_OF);
        String bicep = BicepSnippet.render(advice);
        assertEquals(2, bicep.split("\n        podSubnetID: aksPodsSubnet.id\n", -1).length - 1, bicep);
        assertTrue(bicep.contains("serviceName: 'Microsoft.ContainerService/managedClusters'"), bicep);
        assertTrue(bicep.contains("serviceName: 'Microsoft.ServiceNetworking/trafficControllers'"), bicep);
        assertTrue(bicep.contains("      enablePrivateCluster: true\n      enableVnetIntegration: true\n"
                + "      subnetId: aksApiserverSubnet.id\n"), bicep);
        assertTrue(bicep.contains("      outboundType: 'userDefinedRouting'\n"), bicep);
        String terraform = TerraformSnippet.render(advice);
        assertTrue(terraform.contains("  private_cluster_enabled = true\n"), terraform);
        assertTrue(terraform.contains("    virtual_network_integration_enabled = true\n"
                + "    subnet_id                           = azurerm_subnet.aks_apiserver.id\n"), terraform);
        assertTrue(terraform.contains("    outbound_type      = \"userDefinedRouting\"\n"), terraform);
        assertTrue(terraform.contains("  vnet_subnet_id        = \"/subscriptions/0000/resourceGroups/rg/providers/"
                + "Microsoft.Network/virtualNetworks/v/subnets/it's\"\n"), terraform);
    }

    @Test
    void dualStackOverlayListsBothIpFamilies() {
        Advice advice = advise("name: edge", "nodeCount: 10", "dualStack: true");
        String terraform = TerraformSnippet.render(advice);
        String bicep = BicepSnippet.render(advice);
        assertEquals(true, terraform.contains("    ip_versions         = [\"IPv4\", \"IPv6\"]\n"), terraform);
        assertEquals(true, terraform.contains("    network_plugin_mode = \"overlay\"\n"), terraform);
        assertEquals(true, bicep.contains("      ipFamilies: [\n        'IPv4'\n        'IPv6'\n      ]\n"), bicep);
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
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(true, line.isEmpty() || line.startsWith("#") || line.equals("}")
                    || line.matches("(variable|resource)( \"[a-z_]+\")+ \\{")
                    || line.matches(" +[a-z_]+ \\{|  +\\}")
                    || line.matches(" +[a-z_]+ += (\"[^\"\\\\$%]*\"|[a-z_.]+|\\d+|true|\\[[^$%]*\\])( # .*)?"),
                    "not a line of the deployment: " + line);
        }
        assertEquals(false, terraform.chars().anyMatch(c -> c < 0x20 && c != '\n'), terraform);

        String bicep = BicepSnippet.render(hostile);
        List<String> bicepLines = bicep.lines().toList();
        assertEquals(BicepSnippet.render(clean).lines().count(), bicepLines.size(), bicep);
        assertEquals(true, bicepLines.get(0).startsWith("// AKS CNI Advisor: evil } resource"), bicep);
        assertEquals(false, bicepLines.stream().anyMatch(l -> l.startsWith("resource 'null") || l.startsWith("#")),
                bicep);
        assertEquals(false, bicep.chars().anyMatch(c -> c < 0x20 && c != '\n'), bicep);
    }
}
