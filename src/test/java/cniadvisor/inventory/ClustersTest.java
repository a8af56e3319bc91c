package cniadvisor.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.InputException;
import cniadvisor.model.ClusterState;
import cniadvisor.model.NodePool;
import cniadvisor.model.Request;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading every input shape into a ClusterState and a bound request, and the errors for what is not a cluster. */
class ClustersTest {

    static final Path AZURE = Path.of("src/test/resources/azure");

    /** What one file gave: the clusters read, and the errors (as formatted) of what could not be. */
    record Read(List<Clusters.Imported> clusters, List<Request> requests, List<String> errors) {
        Clusters.Imported cluster(String name) {
            return clusters.stream().filter(c -> c.state().name().equals(name)).findFirst().orElseThrow();
        }

        Request request(String name) {
            return requests.get(clusters.indexOf(cluster(name)));
        }
    }

    static VirtualNetworks vnets(Path... files) throws IOException {
        VirtualNetworks vnets = VirtualNetworks.none();
        for (Path file : files) {
            try (AzureInput input = AzureInput.open(file.toString(), Files.newInputStream(file))) {
                while (input.hasNext()) {
                    AzureInput.Item item = input.next();
                    assertTrue(item.valid(), () -> item.error().format());
                    assertNull(vnets.add(item), file::toString);
                }
            }
        }
        return vnets;
    }

    static Read read(String name, InputStream in, VirtualNetworks vnets, Requirements requirements)
            throws IOException {
        Clusters clusters = new Clusters(Fixtures.advisor().knowledge(), vnets, Fixtures.AS_OF);
        Assessor assessor = new Assessor(Fixtures.advisor().knowledge(), Fixtures.binder(), requirements,
                Fixtures.AS_OF, null);
        List<Clusters.Imported> read = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (AzureInput input = AzureInput.open(name, in)) {
            while (input.hasNext()) {
                AzureInput.Item item = input.next();
                if (!item.valid()) {
                    errors.add(item.error().format());
                    continue;
                }
                try {
                    Clusters.Imported imported = clusters.read(item);
                    requests.add(assessor.request(imported));
                    read.add(imported);
                } catch (InputException e) {
                    e.errors().forEach(x -> errors.add(x.format()));
                }
            }
        }
        return new Read(read, requests, errors);
    }

    static Read read(String fixture, VirtualNetworks vnets) throws IOException {
        Path file = AZURE.resolve(fixture);
        return read(fixture, Files.newInputStream(file), vnets, Requirements.none());
    }

    static Read readText(String json) throws IOException {
        return read("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                VirtualNetworks.none(), Requirements.none());
    }

    @Test
    void azAksShowWithCliSpellingsAndVnetShow() throws IOException {
        Read read = read("aks-show-kubenet-calico.json", vnets(AZURE.resolve("vnet-show-shop.json")));
        assertEquals(List.of(), read.errors());
        ClusterState state = read.cluster("shop").state();
        assertEquals("kubenet", state.option());
        assertEquals("azure", state.dataplane());
        assertEquals("calico", state.networkPolicy());
        assertEquals("1.29.4", state.kubernetesVersion());
        assertEquals(29, state.kubernetesMinor());
        assertEquals("rg-shop", state.resourceGroup());
        assertEquals("aks-show-kubenet-calico.json", state.source());
        assertTrue(state.windowsPools());
        assertFalse(state.automatic());

        Request request = read.request("shop");
        assertEquals("kubenet", request.currentPlugin());
        assertEquals("calico", request.networkPolicy());
        assertEquals("10.244.0.0/16", request.podCidr());
        assertEquals("10.0.0.0/16", request.serviceCidr());
        assertEquals("10.0.0.10", request.dnsServiceIp());
        assertEquals(List.of("10.20.0.0/16"), request.vnetCidr());
        NodePool system = request.nodePools().get(0);
        assertEquals("system", system.name());
        assertEquals(NodePool.SYSTEM, system.mode());
        assertEquals(3, system.minCount());
        assertEquals(12, system.maxCount()); // the autoscaler's maximum, not the current count
        assertEquals(110, system.maxPodsPerNode());
        assertEquals("33%", system.maxSurge());
        assertEquals("10.20.0.0/24", system.nodeSubnetCidr()); // vnetSubnetId (az's spelling) resolved by --vnets
        NodePool win = request.nodePools().get(1);
        assertEquals(NodePool.WINDOWS, win.os());
        assertEquals("2022", win.windowsServerVersion());
        assertEquals(2, win.maxCount());
        assertEquals("1", win.maxSurge());
        assertEquals("10.20.1.0/27", win.nodeSubnetCidr());
    }

    @Test
    void azAksListArrayAndArmVnetList() throws IOException {
        Read read = read("aks-list-two.json", vnets(AZURE.resolve("vnet-list-arm.json")));
        assertEquals(List.of(), read.errors());
        assertEquals(2, read.clusters().size());
        ClusterState payments = read.cluster("payments").state();
        assertEquals("azure-cni-overlay", payments.option());
        assertEquals("cilium", payments.dataplane());
        assertEquals("cilium", payments.networkPolicy());
        assertEquals("aks-list-two.json#1", payments.source());

        ClusterState data = read.cluster("data").state();
        assertEquals("azure-cni-pod-subnet", data.option());
        assertEquals("azure", data.networkPolicy());
        assertEquals("userDefinedRouting", data.outboundType());
        assertEquals("DynamicIndividual", data.podIpAllocationMode());
        assertEquals("aks-list-two.json#2", data.source());
        Request request = read.request("data");
        assertEquals("10.40.0.0/24", request.nodePools().get(0).nodeSubnetCidr());
        assertEquals("10.40.16.0/20", request.nodePools().get(0).podSubnetCidr()); // from addressPrefixes
        assertEquals(List.of("10.40.0.0/16"), request.vnetCidr()); // IPv4 only
        assertNull(request.podCidr());
    }

    @Test
    void armWithPropertiesWrapper() throws IOException {
        Read read = read("arm-overlay-private.json", vnets(AZURE.resolve("vnet-list-arm.json")));
        assertEquals(List.of(), read.errors());
        ClusterState edge = read.cluster("edge").state();
        assertEquals("azure-cni-overlay", edge.option());
        assertEquals("none", edge.networkPolicy());
        assertTrue(edge.privateCluster());
        assertTrue(edge.apiServerVnetIntegration());
        assertTrue(edge.applicationGatewayIngressAddon());
        assertFalse(edge.virtualNodesAddon());
        assertFalse(edge.nodeAutoProvisioning()); // mode Manual
        assertEquals("rg-edge", edge.resourceGroup()); // from the id: ARM has no resourceGroup field
        Request request = read.request("edge");
        assertTrue(request.privateCluster());
        assertTrue(request.apiServerVnetIntegration());
        assertTrue(request.uses("applicationGatewayIngress"));
        assertEquals("192.168.0.0/16", request.podCidr());
        assertEquals("none", request.networkPolicy());
        assertEquals(6, request.nodePools().get(0).maxCount());
        assertEquals(3, request.nodePools().get(0).minCount());
    }

    @Test
    void resourceGraphDataWithLowerCaseTypeAndLegacyWindows() throws IOException {
        Read read = read("resource-graph.json", VirtualNetworks.none());
        assertEquals(List.of(), read.errors());
        ClusterState legacy = read.cluster("legacy-win").state();
        assertEquals("azure-cni-node-subnet", legacy.option());
        assertEquals("resource-graph.json#1", legacy.source());
        assertTrue(legacy.virtualNodesAddon()); // ACIConnectorLinux: add-on names match without regard to case
        assertEquals("Basic", legacy.sku());
        // a Windows pool without osSKU on 1.24 ran Windows Server 2019, and the assessment says it assumed so
        assertEquals("2019", read.request("legacy-win").nodePools().get(1).windowsServerVersion());
        assertTrue(read.cluster("legacy-win").assumptions().stream()
                .anyMatch(a -> a.key().equals("nodePools[1].windowsServerVersion")));
        ClusterState lab = read.cluster("lab").state();
        assertEquals("byo-cni", lab.option());
        assertEquals("none", lab.dataplane());
        assertEquals("byo-cni", read.request("lab").currentPlugin());
    }

    @Test
    void aVnetOrOtherJsonAsAClusterIsAnErrorNamingFileElementAndWhatWasExpected() throws IOException {
        Read vnet = read("vnet-show-shop.json", VirtualNetworks.none());
        assertEquals(1, vnet.errors().size());
        assertTrue(vnet.errors().get(0).startsWith("vnet-show-shop.json:1: not a managed cluster: expected an AKS "
                + "cluster (type Microsoft.ContainerService/managedClusters"), vnet.errors()::toString);
        assertTrue(vnet.errors().get(0).contains("got a Microsoft.Network/virtualNetworks (give virtual networks "
                + "with --vnets FILE)"), vnet.errors()::toString);

        Read other = read("not-a-cluster.json", VirtualNetworks.none());
        assertEquals(List.of("not-a-cluster.json:1: " + Clusters.notACluster(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                        "{\"kind\": \"something\", \"spec\": {}}"))), other.errors());
        assertTrue(other.errors().get(0).endsWith("got an object with kind, spec"));

        Read mixed = read("list-with-a-vnet.json", VirtualNetworks.none());
        assertEquals(1, mixed.clusters().size(), "the cluster in the list is still read");
        assertEquals(2, mixed.errors().size());
        assertTrue(mixed.errors().get(0).startsWith("list-with-a-vnet.json#2:5: not a managed cluster"),
                mixed.errors()::toString);
        assertTrue(mixed.errors().get(1).startsWith("list-with-a-vnet.json#3:6: not a managed cluster"),
                mixed.errors()::toString);
        assertTrue(mixed.errors().get(1).endsWith("got a number"), mixed.errors()::toString);
    }

    @Test
    void shapesAndSyntaxErrors() throws IOException {
        assertEquals(List.of("test.json: is empty: " + AzureInput.Expected.ANY), readText("").errors());
        List<String> text = readText("\"text\"").errors();
        assertTrue(text.get(0).startsWith("test.json:1: is a single string, not expected"), text::toString);
        Read truncated = readText("[{\"name\": \"a\", \"type\": \"Microsoft.ContainerService/managedClusters\", "
                + "\"agentPoolProfiles\": [{\"name\": \"p\", \"count\": 1}], \"networkProfile\": {\"networkPlugin\": "
                + "\"kubenet\"}},\n {\"name\": ");
        assertEquals(1, truncated.clusters().size(), "what came before the syntax error is read");
        assertTrue(truncated.errors().get(0).contains("is not valid JSON"), truncated.errors()::toString);
        assertTrue(truncated.errors().get(0).contains("the rest of the file is not read"));
        // an ARM list response: {"value": [...], "nextLink": ...}
        Read value = readText("{\"value\": [{\"name\": \"a\", \"properties\": {\"agentPoolProfiles\": [{\"name\": "
                + "\"p\", \"count\": 1}], \"networkProfile\": {\"networkPlugin\": \"azure\"}}}], \"nextLink\": null}");
        assertEquals(List.of(), value.errors());
        assertEquals("azure-cni-node-subnet", value.cluster("a").state().option());
        assertEquals("test.json#1", value.cluster("a").state().source());
    }

    @Test
    void aClusterWithoutPluginOrPoolsSaysWhatIsMissing() throws IOException {
        Read read = readText("{\"name\": \"x\", \"type\": \"Microsoft.ContainerService/managedClusters\", "
                + "\"properties\": {\"networkProfile\": {}}}");
        assertEquals(List.of("test.json:1: networkProfile.networkPlugin: required: it says which network plugin the "
                        + "cluster runs (kubenet, azure or none)",
                "test.json:1: agentPoolProfiles: required: the cluster's node pools (a list), got none"),
                read.errors());
        Read bad = readText("{\"name\": \"x\", \"agentPoolProfiles\": [{\"name\": \"p\", \"count\": 1}], "
                + "\"networkProfile\": {\"networkPlugin\": \"weave\"}}");
        assertEquals(List.of("test.json:1: networkProfile.networkPlugin: 'weave' is not a network plugin AKS "
                + "reports (kubenet, azure or none)"), bad.errors());
    }

    @Test
    void poolValuesTheContractRefusesNameThePool() throws IOException {
        Read read = readText("{\"name\": \"x\", \"agentPoolProfiles\": [{\"name\": \"p\", \"count\": 3, \"maxPods\": "
                + "5}], \"networkProfile\": {\"networkPlugin\": \"kubenet\"}}");
        assertEquals(1, read.errors().size(), read.errors()::toString);
        assertTrue(read.errors().get(0).startsWith("test.json: nodePools[0] (p).maxPods: "), read.errors()::toString);
    }

    @Test
    void aPoolAtZeroNodesIsPlannedForOneAndUnknownPoolFieldsAreIgnored() throws IOException {
        Read read = readText("{\"name\": \"x\", \"agentPoolProfiles\": [{\"name\": \"p\", \"count\": 0, "
                + "\"brandNewField\": {\"a\": 1}, \"mode\": \"Gateway\"}], \"networkProfile\": {\"networkPlugin\": "
                + "\"kubenet\"}, \"someNewProfile\": {\"x\": 1}}");
        assertEquals(List.of(), read.errors());
        assertEquals(1, read.request("x").nodePools().get(0).maxCount());
        assertEquals(0, read.cluster("x").poolCounts().get("p"));
    }

    @Test
    void kubernetesMinor() {
        assertEquals(26, Clusters.minor("1.26.3"));
        assertEquals(32, Clusters.minor("1.32"));
        assertEquals(-1, Clusters.minor("latest"));
        assertEquals(-1, Clusters.minor(null));
    }

    @Test
    void notAVnetWithVnets() throws IOException {
        Path cluster = AZURE.resolve("arm-overlay-private.json");
        VirtualNetworks vnets = VirtualNetworks.none();
        try (AzureInput input = AzureInput.open("c.json", Files.newInputStream(cluster))) {
            String error = vnets.add(input.next()).format();
            assertTrue(error.startsWith("c.json:1: not a virtual network: expected Microsoft.Network/virtualNetworks"),
                    error);
            assertTrue(error.endsWith("(give clusters as FILE, not with --vnets)"), error);
        }
    }

    @Test
    void requirementsOverrideWhatTheApiCannotSay() throws IOException, InputException {
        Requirements requirements = Requirements.read("req.yaml", new ByteArrayInputStream("""
                trafficPattern: intra-cluster
                clusters:
                  shop:
                    networkPolicy: cilium
                    directPodAccess: true
                """.getBytes(StandardCharsets.UTF_8)), Fixtures.binder());
        Read read = read("aks-show.json", Files.newInputStream(AZURE.resolve("aks-show-kubenet-calico.json")),
                VirtualNetworks.none(), requirements);
        Request request = read.request("shop");
        assertEquals("intra-cluster", request.trafficPattern());
        assertEquals("cilium", request.networkPolicy());
        assertTrue(request.uses("directPodAccess"));
        assertEquals(List.of(), requirements.unused());

        InputException bad = assertThrows(InputException.class, () -> Requirements.read("req.yaml",
                new ByteArrayInputStream("trafficPatern: mixed\nclusters:\n  a:\n    podCidr: nonsense\n"
                        .getBytes(StandardCharsets.UTF_8)), Fixtures.binder()));
        assertEquals(2, bad.errors().size(), bad.errors()::toString);
        assertTrue(bad.errors().get(0).format().contains("did you mean 'trafficPattern'"), bad.errors()::toString);
        assertTrue(bad.errors().get(1).format().startsWith("req.yaml: clusters.a.podCidr: "), bad.errors()::toString);
    }
}
