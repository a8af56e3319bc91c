package cniadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.model.NodePool;
import cniadvisor.model.Request;
import cniadvisor.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** nodePools as request files, the AKS API and CSV cells write them, and the problems each can have. */
class NodePoolBindingTest {

    private static Request read(String yaml) throws Exception {
        return RequestReader.read("r.yaml", "r", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                Fixtures.binder()).request();
    }

    private static List<String> problems(String yaml) {
        InputException e = assertThrows(InputException.class, () -> read(yaml));
        return e.errors().stream().map(InputError::format).toList();
    }

    @Test
    void poolsBindWithTheirDefaultsAndTheClusterSumsThem() throws Exception {
        Request request = read("""
                nodePools:
                  - {name: sys, maxCount: 3}
                  - {name: apps, maxCount: 20, minCount: 2, maxPodsPerNode: 50, maxSurge: "33%"}
                  - {name: win, os: Windows, maxCount: 4, nodeSubnetCidr: 10.1.8.0/24}
                """);
        assertTrue(request.nodePoolsGiven());
        assertEquals(27, request.nodeCount(), "the sum of the pools' maxCount");
        NodePool sys = request.nodePools().get(0);
        assertEquals("system", sys.mode(), "the first pool is the system pool unless it says otherwise");
        assertEquals("linux", sys.os());
        NodePool apps = request.nodePools().get(1);
        assertEquals("user", apps.mode());
        assertEquals(7, apps.surgeNodes(), "33% of 20, rounded up");
        NodePool win = request.nodePools().get(2);
        assertEquals("windows", win.os(), "choices match without regard to case");
        assertEquals("2025", win.windowsServerVersion(), "the newest version facts/ list");
        assertEquals("10.1.8.0/24", win.nodeSubnetCidr());
        assertTrue(request.uses("windows"));
        assertEquals(List.of("2025"), request.windowsServerVersions());
    }

    /** A pool as `az aks nodepool show` or an ARM template gives it reads as it is. */
    @Test
    void aPoolInTheAksApisSpellingReadsAsItIs() throws Exception {
        Request request = read("""
                nodePools:
                  - name: nodepool1
                    count: 3
                    vmSize: Standard_D4s_v5
                    maxPods: 30
                    mode: System
                    osType: Linux
                    osSKU: Ubuntu
                    upgradeSettings: {maxSurge: "10%", maxUnavailable: "0"}
                    vnetSubnetID: /subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes
                  - name: npwin
                    enableAutoScaling: true
                    count: 1
                    minCount: 1
                    maxCount: 5
                    maxPods: 30
                    mode: User
                    osType: Windows
                    osSKU: Windows2022
                    podSubnetId: /subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods
                """);
        NodePool linux = request.nodePools().get(0);
        assertEquals(3, linux.maxCount(), "count is the maximum of a pool that does not autoscale");
        assertEquals(30, linux.maxPodsPerNode());
        assertEquals("10%", linux.maxSurge());
        assertEquals("system", linux.mode());
        assertTrue(linux.nodeSubnetId().endsWith("/subnets/nodes"));
        NodePool windows = request.nodePools().get(1);
        assertEquals(5, windows.maxCount(), "an autoscaling pool's maxCount, not its current count");
        assertEquals("windows", windows.os());
        assertEquals("2022", windows.windowsServerVersion(), "from osSKU Windows2022");
        assertTrue(windows.podSubnetId().endsWith("/subnets/pods"), "podSubnetId and podSubnetID alike");
    }

    /** Every agent pool of the shared ARM samples reads, when the reference folder is there. */
    @Test
    void everyAgentPoolOfTheSharedSamplesReads() throws Exception {
        Path samples = Path.of("../shared/reference/azure-samples/managed-clusters");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(samples), "reference samples not present");
        ObjectMapper json = new ObjectMapper();
        int pools = 0;
        try (var files = Files.list(samples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode cluster = json.readTree(file.toFile());
                JsonNode properties = cluster.has("properties") ? cluster.get("properties") : cluster;
                JsonNode profiles = properties.get("agentPoolProfiles");
                Request request = Fixtures.binder().bind(List.of(new RequestBinder.Field("nodePools", profiles, 0)),
                        file.toString(), "sample").request();
                assertEquals(profiles.size(), request.nodePools().size(), file.toString());
                for (int i = 0; i < profiles.size(); i++) {
                    JsonNode profile = profiles.get(i);
                    NodePool pool = request.nodePools().get(i);
                    assertEquals(profile.get("name").asText(), pool.name(), file.toString());
                    assertEquals(profile.get("osType").asText().toLowerCase(), pool.os(), file.toString());
                    assertEquals(profile.has("maxCount") ? profile.get("maxCount").asInt()
                            : profile.get("count").asInt(), pool.maxCount(), file.toString());
                    assertEquals(profile.get("maxPods").asInt(), pool.maxPodsPerNode(), file.toString());
                    pools++;
                }
            }
        }
        assertTrue(pools >= 15, "pools read: " + pools);
    }

    @Test
    void poolProblemsNameThePoolByIndexAndName() {
        assertEquals(List.of(
                "r.yaml:2: nodePools[0] (sys).maxCount: required (the most nodes the pool may reach; count for a "
                        + "pool that does not autoscale)",
                "r.yaml:2: nodePools[1] (apps).maxCont: unknown pool key 'maxCont'; did you mean 'maxCount'?",
                "r.yaml:2: nodePools[1] (apps).maxCount: required (the most nodes the pool may reach; count for a "
                        + "pool that does not autoscale)",
                "r.yaml:2: nodePools[2] (lin).windowsServerVersion: needs os: windows",
                "r.yaml:2: nodePools[3] (LIN).name: 'LIN' is also the name of nodePools[2]; each pool needs its own "
                        + "name",
                "r.yaml:2: nodePools[3] (LIN).name: 'LIN' is not a node pool name AKS takes: lowercase letters and "
                        + "digits, starting with a letter",
                "r.yaml:2: nodePools[4] (big).minCount: is 9, more than maxCount 5"),
                problems("""
                        name: x
                        nodePools:
                          - {name: sys}
                          - {name: apps, maxCont: 3}
                          - {name: lin, maxCount: 2, windowsServerVersion: "2022"}
                          - {name: LIN, maxCount: 2}
                          - {name: big, minCount: 9, maxCount: 5}
                        """).stream().sorted().toList());
    }

    @Test
    void theFlatPoolKeysAndNodePoolsAreOneOrTheOther() {
        assertEquals(List.of(
                "r.yaml:1: nodeCount: give it per pool when nodePools is given (the cluster's node count is the sum "
                        + "of the pools' maxCount)",
                "r.yaml:2: windowsNodePools: give it per pool when nodePools is given (a pool with os: windows says "
                        + "it)"),
                problems("""
                        nodeCount: 10
                        windowsNodePools: true
                        nodePools: [{name: a, maxCount: 3}]
                        """));
        assertEquals(List.of("r.yaml:1: nodePools: expected a list of node pools (each with name and maxCount at "
                + "least), got an empty list"), problems("nodePools: []\n"));
    }

    /** A CSV cell holds the pools in one line; its problems name the pool and show the notation. */
    @Test
    void aCsvCellWritesThePoolsInOneLine() throws Exception {
        Request request = Fixtures.binder().bind(List.of(
                RequestBinder.Field.text("name", "csv", 2),
                RequestBinder.Field.text("nodePools", "system mode=system maxCount=3 | win os=windows maxCount=4 "
                        + "maxPodsPerNode=30 nodeSubnetCidr=10.1.8.0/24", 2)), "teams.csv", "row").request();
        assertEquals(List.of("system", "win"), request.nodePools().stream().map(NodePool::name).toList());
        assertEquals(30, request.nodePools().get(1).maxPodsPerNode());
        InputException e = assertThrows(InputException.class, () -> Fixtures.binder().bind(List.of(
                RequestBinder.Field.text("nodePools", "system maxCount", 2)), "teams.csv", "row"));
        assertEquals("teams.csv:2: nodePools: pool 1: 'maxCount' is not key=value; write pools as: "
                + PoolNotation.EXAMPLE, e.errors().get(0).format());
        assertFalse(e.errors().isEmpty());
    }

    /** What AKS would refuse or read otherwise is an input error, never rewritten on the way to the commands. */
    @Test
    void poolNamesAndOsSkusAreCheckedNotRewritten() {
        assertEquals(List.of(
                "r.yaml:1: nodePools[0] (a-b).name: 'a-b' is not a node pool name AKS takes: lowercase letters and "
                        + "digits, starting with a letter",
                "r.yaml:1: nodePools[1] (ABC).name: 'ABC' is not a node pool name AKS takes: lowercase letters and "
                        + "digits, starting with a letter",
                "r.yaml:1: nodePools[2] (lin).osSKU: 'Windows2022' is a Windows SKU, but the pool's os is linux",
                "r.yaml:1: nodePools[3] (win).osSKU: 'Windows2022' is Windows Server 2022, but windowsServerVersion "
                        + "says 2025; give one of them",
                "r.yaml:1: nodePools[4] (ann).osSKU: 'WindowsAnnual' is no Windows Server version facts/ list; one of "
                        + "Windows2019, Windows2022, Windows2025",
                "r.yaml:1: nodePools[5] (ubu).osSKU: 'Ubuntu' is a Linux SKU, but the pool's os is windows"),
                problems("nodePools: [{name: a-b, maxCount: 3}, {name: ABC, maxCount: 3}, "
                        + "{name: lin, os: linux, osSKU: Windows2022, maxCount: 3}, "
                        + "{name: win, windowsServerVersion: \"2025\", osSKU: Windows2022, maxCount: 3}, "
                        + "{name: ann, osSKU: WindowsAnnual, maxCount: 3}, "
                        + "{name: ubu, os: windows, osSKU: Ubuntu, maxCount: 3}]\n"));
    }

    @Test
    void aLinuxOsSkuIsKeptAndAWindowsSkuMakesAWindowsPool() throws Exception {
        Request request = read("nodePools: [{name: sys, osSKU: AzureLinux, maxCount: 3}, "
                + "{name: win, osSKU: Windows2022, maxCount: 3}]\n");
        assertEquals("AzureLinux", request.nodePools().get(0).osSku());
        assertEquals("windows", request.nodePools().get(1).os());
        assertEquals("2022", request.nodePools().get(1).windowsServerVersion());
    }

    @Test
    void theOneLineFormTakesPoolKeysOnly() {
        InputException e = assertThrows(InputException.class, () -> Fixtures.binder().bind(List.of(
                RequestBinder.Field.text("nodePools", "sys maxCount=3 vmSize=Standard_D2", 2)), "teams.csv", "row"));
        assertEquals("teams.csv:2: nodePools: pool 1: 'vmSize' is not a pool key; pool keys are name, mode, os, "
                + "windowsServerVersion, minCount, maxCount, maxPodsPerNode, maxSurge, nodeSubnetCidr, podSubnetCidr, "
                + "nodeSubnetId, podSubnetId", e.errors().get(0).format());
    }
}
