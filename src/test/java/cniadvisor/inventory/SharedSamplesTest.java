package cniadvisor.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.NodePool;
import cniadvisor.model.Request;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every real ARM response in ../shared/reference/azure-samples (reference data beside the project, not part of it:
 * the check is skipped where the folder is missing) is read without error, maps to the option, data plane and policy
 * its README describes, and is assessed.
 */
class SharedSamplesTest {

    static final Path SAMPLES = Path.of("../shared/reference/azure-samples");
    static final Path CLUSTERS = SAMPLES.resolve("managed-clusters");
    static final Path VNETS = SAMPLES.resolve("virtual-networks");

    private static final Map<String, ClustersTest.Read> READ = new TreeMap<>();
    private static VirtualNetworks vnets;

    @BeforeAll
    static void readAll() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CLUSTERS), "no " + CLUSTERS + " here: nothing to check");
        vnets = Files.isDirectory(VNETS) ? ClustersTest.vnets(files(VNETS).toArray(Path[]::new))
                : VirtualNetworks.none();
        for (Path file : files(CLUSTERS)) {
            READ.put(file.getFileName().toString(), ClustersTest.read(file.getFileName().toString(),
                    Files.newInputStream(file), vnets, Requirements.none()));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static ClusterState state(String file) {
        ClustersTest.Read read = READ.get(file);
        assertNotNull(read, () -> file + " is not among the samples: " + READ.keySet());
        return read.clusters().get(0).state();
    }

    private static Request request(String file) {
        return READ.get(file).requests().get(0);
    }

    @Test
    void everySampleIsReadWithoutErrorAndAssessed() {
        assertFalse(READ.isEmpty());
        cniadvisor.engine.MigrationPlanner planner = new cniadvisor.engine.MigrationPlanner(Fixtures.advisor());
        Assessor assessor = new Assessor(Fixtures.advisor().knowledge(), Fixtures.binder(), Requirements.none(),
                Fixtures.AS_OF, (state, request, advice) -> planner.plan(state, request, advice, Fixtures.AS_OF));
        java.util.Map<String, Assessment> assessed = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        READ.forEach((file, read) -> {
            if (!read.errors().isEmpty() || read.clusters().size() != 1) {
                problems.add(file + ": " + read.errors() + ", " + read.clusters().size() + " clusters");
                return;
            }
            Advice advice = Fixtures.advisor().advise(new NamedRequest(read.clusters().get(0).state().name(),
                    read.requests().get(0)), Fixtures.AS_OF);
            Assessment assessment = assessor.assess(read.clusters().get(0), read.requests().get(0), advice);
            if (assessment.target() == null) {
                problems.add(file + ": no target (" + advice.conflicts() + ")");
            }
            assessed.put(file, assessment);
        });
        assertEquals(List.of(), problems);
        // what the issue asks of each: kubenet gets the in-place Overlay path with a checked pod CIDR, the Calico one
        // starts by removing the engine, AKS Automatic is recognised
        for (Map.Entry<String, Assessment> entry : assessed.entrySet()) {
            String file = entry.getKey();
            cniadvisor.model.MigrationPlan plan = entry.getValue().migration();
            if (file.startsWith("kubenet")) {
                assertEquals("azure-cni-overlay", plan.to(), file);
                assertTrue(plan.inPlace(), file);
                assertTrue(plan.steps().stream().anyMatch(step -> step.command() != null && step.command().args()
                        .stream().anyMatch(a -> "--pod-cidr".equals(a.flag()) && a.value() != null)), file);
            }
            if (file.equals("kubenet-calico-network-policy.json")) {
                // an old cluster: upgrade first; then the engine is removed before the Overlay update
                List<String> commands = plan.steps().stream().filter(step -> step.command() != null)
                        .map(step -> step.command().args().toString()).toList();
                int removal = indexOf(commands, "--network-policy, value=none");
                int overlay = indexOf(commands, "--network-plugin-mode, value=overlay");
                // removed right before the update: the time without policies is as short as it can be
                assertTrue(removal >= 0 && removal == overlay - 1, commands.toString());
                int removalStep = indexOfTitle(plan, "Uninstall the calico");
                assertTrue(plan.steps().get(removalStep + 1).title().startsWith("Update the IPAM mode"),
                        plan.steps().toString());
                assertTrue(plan.blockers().stream().anyMatch(b -> b.rule().equals("MIG-POLICY-ENGINE")), file);
            }
        }
        // the Azure CNI "before" sample (Kubernetes 1.26) gets the in-place Overlay path, after the upgrade it needs
        cniadvisor.model.MigrationPlan before = assessed.get("azure-cni-node-subnet-before-overlay-migration.json")
                .migration();
        assertEquals("azure-cni-overlay", before.to());
        assertTrue(before.inPlace());
        List<String> beforeCommands = before.steps().stream().filter(step -> step.command() != null)
                .map(step -> step.command().command() + " " + step.command().args()).toList();
        int upgrade = indexOf(beforeCommands, "az aks upgrade");
        int overlayUpdate = indexOf(beforeCommands, "--network-plugin-mode, value=overlay");
        assertTrue(upgrade >= 0 && overlayUpdate > upgrade, beforeCommands.toString());
        // its "after" sample needs no plugin change
        Assessment after = assessed.get("azure-cni-overlay-after-migration.json");
        assertEquals(after.current().option(), after.target().option());
        assertFalse(after.target().changes().contains("option"));
        // the Windows-pool sample's Cilium step is blocked, naming the pool; no data plane command is given
        cniadvisor.model.MigrationPlan windows = assessed.get("azure-cni-node-subnet-with-windows-pool.json")
                .migration();
        cniadvisor.model.Reason cilium = windows.blockers().stream().filter(b -> b.rule().startsWith("MIG-CILIUM-WINDOWS"))
                .findFirst().orElseThrow(() -> new AssertionError(windows.blockers().toString()));
        assertTrue(cilium.text().contains("node pool 'npwin'"), cilium.text());
        assertTrue(windows.steps().stream().noneMatch(step -> step.command() != null
                && step.command().value("--network-dataplane").isPresent()), windows.steps().toString());
        // a dual-stack cluster's IPv6 ranges are read too
        Assessment dual = assessed.get("kubenet-dualstack-ipv4-ipv6.json");
        assertEquals("fd5c:510c:cbc5:aaf::/64", dual.current().ipv6PodCidr());
        assertEquals("fdcd:e5a1:4ed0:5ca9::/108", dual.current().ipv6ServiceCidr());
        // AKS Automatic is recognised, before and after its SKU change
        assertTrue(assessed.get("aks-automatic-before-sku-change.json").current().automatic());
        assertFalse(assessed.get("aks-automatic-after-update-to-sku-base.json").current().automatic());
        // the virtual networks are read too
        if (Files.isDirectory(VNETS)) {
            assertTrue(vnets.count() > 0);
            assertTrue(vnets.addressSpaces("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                    + "cli_vnet_test000001/providers/Microsoft.Network/virtualNetworks/vnet1").contains("10.0.0.0/16"));
        }
    }

    private static int indexOfTitle(cniadvisor.model.MigrationPlan plan, String title) {
        for (int i = 0; i < plan.steps().size(); i++) {
            if (plan.steps().get(i).title().startsWith(title)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<String> commands, String text) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void kubenetSamples() {
        for (String file : READ.keySet()) {
            if (file.startsWith("kubenet")) {
                assertEquals("kubenet", state(file).option(), file);
                assertEquals("kubenet", request(file).currentPlugin(), file);
            }
        }
        assertEquals("calico", state("kubenet-calico-network-policy.json").networkPolicy());
        assertEquals("10.0.2.10", request("kubenet-calico-network-policy.json").dnsServiceIp());
        assertTrue(state("kubenet-dualstack-ipv4-ipv6.json").dualStack());
        assertEquals("10.244.0.0/16", request("kubenet-dualstack-ipv4-ipv6.json").podCidr());
        assertEquals("managedNATGateway", state("kubenet-managed-nat-gateway-before-update.json").outboundType());
        NodePool autoscaled = request("kubenet-default-ranges-cluster-autoscaler.json").nodePools().get(0);
        assertEquals(101, autoscaled.maxCount());
        assertEquals(3, autoscaled.minCount());
    }

    @Test
    void overlayMigrationBeforeAndAfter() {
        ClusterState before = state("azure-cni-node-subnet-before-overlay-migration.json");
        assertEquals("azure-cni-node-subnet", before.option());
        assertEquals(26, before.kubernetesMinor());
        ClusterState after = state("azure-cni-overlay-after-migration.json");
        assertEquals("azure-cni-overlay", after.option());
        assertEquals("100.64.0.0/10", request("azure-cni-overlay-after-migration.json").podCidr());
        assertEquals("azure-cni-overlay", state("azure-cni-overlay.json").option());
    }

    @Test
    void dataplanePolicyAndFeatures() {
        ClusterState cilium = state("azure-cni-overlay-cilium-dataplane.json");
        assertEquals("azure-cni-overlay", cilium.option());
        assertEquals("cilium", cilium.dataplane());
        assertEquals("cilium", cilium.networkPolicy());

        ClusterState automatic = state("aks-automatic-before-sku-change.json");
        assertTrue(automatic.automatic());
        assertEquals("Automatic", automatic.sku());
        assertTrue(automatic.nodeAutoProvisioning());
        assertEquals("cilium", automatic.dataplane());
        assertFalse(state("aks-automatic-after-update-to-sku-base.json").automatic());

        ClusterState windows = state("azure-cni-node-subnet-with-windows-pool.json");
        assertTrue(windows.windowsPools());
        NodePool npwin = request("azure-cni-node-subnet-with-windows-pool.json").nodePools().get(1);
        assertEquals(NodePool.WINDOWS, npwin.os());
        assertEquals("2022", npwin.windowsServerVersion());
        assertEquals(NodePool.USER, npwin.mode());

        ClusterState podSubnet = state("azure-cni-pod-subnet-static-block.json");
        assertEquals("azure-cni-pod-subnet", podSubnet.option());
        assertEquals("StaticBlock", podSubnet.podIpAllocationMode());
        assertEquals("none", podSubnet.networkPolicy()); // "none" as a string

        ClusterState virtualNode = state("azure-cni-byo-vnet-subnet-virtual-node-addon.json");
        assertEquals("azure-cni-node-subnet", virtualNode.option());
        assertTrue(virtualNode.virtualNodesAddon());
        assertTrue(request("azure-cni-byo-vnet-subnet-virtual-node-addon.json").uses("virtualNodes"));

        ClusterState privateCluster = state("azure-cni-overlay-private-cluster-apiserver-vnet-integration.json");
        assertEquals("azure-cni-overlay", privateCluster.option());
        assertTrue(privateCluster.privateCluster());
        assertTrue(privateCluster.apiServerVnetIntegration());
    }
}
