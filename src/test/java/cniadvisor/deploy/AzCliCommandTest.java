package cniadvisor.deploy;

import cniadvisor.model.Advice;
import cniadvisor.model.NetworkProfile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cniadvisor.testing.Fixtures.advise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated az line, parsed back and checked flag by flag. */
class AzCliCommandTest {

    /** "az aks create --a x --b y" as {--a: x, --b: y}; fails on a flag without a value or a stray word. */
    static Map<String, String> parse(String line) {
        List<String> words = List.of(line.split(" "));
        assertEquals(List.of("az", "aks", "create"), words.subList(0, 3), line);
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 3; i < words.size(); i += 2) {
            assertTrue(words.get(i).startsWith("--"), "expected a flag at word " + i + " of " + line);
            assertTrue(i + 1 < words.size() && !words.get(i + 1).startsWith("--"), "no value for " + words.get(i));
            assertEquals(null, flags.put(words.get(i), words.get(i + 1)), "repeated " + words.get(i));
        }
        return flags;
    }

    @Test
    void overlayWithCiliumHasEveryNetworkFlag() {
        Advice advice = advise("name: payments", "nodeCount: 60", "maxPodsPerNode: 50",
                "nodeSubnetCidr: 10.20.0.0/24", "networkPolicy: any", "connectedNetworks: [10.0.0.0/16]");
        Map<String, String> flags = parse(advice.recommendation().azCli());
        assertEquals(Map.ofEntries(
                Map.entry("--resource-group", "<resource-group>"),
                Map.entry("--name", "payments"),
                Map.entry("--network-plugin", "azure"),
                Map.entry("--network-plugin-mode", "overlay"),
                Map.entry("--network-dataplane", "cilium"),
                Map.entry("--network-policy", "cilium"),
                Map.entry("--pod-cidr", "10.244.0.0/16"),
                Map.entry("--service-cidr", "10.1.0.0/16"),
                Map.entry("--dns-service-ip", "10.1.0.10"),
                Map.entry("--max-pods", "50"),
                Map.entry("--vnet-subnet-id", "<node-subnet-id>")), flags);
    }

    @Test
    void podSubnetHasSubnetIdsAndAllocationModeButNoPodCidr() {
        Advice advice = advise("nodeCount: 30", "directPodAccess: true", "trafficPattern: external");
        Map<String, String> flags = parse(advice.recommendation().azCli());
        assertEquals("azure", flags.get("--network-plugin"));
        assertFalse(flags.containsKey("--network-plugin-mode"));
        assertFalse(flags.containsKey("--pod-cidr"));
        assertEquals("<node-subnet-id>", flags.get("--vnet-subnet-id"));
        assertEquals("<pod-subnet-id>", flags.get("--pod-subnet-id"));
        assertEquals("DynamicIndividual", flags.get("--pod-ip-allocation-mode"));
        assertEquals("110", flags.get("--max-pods"));
    }

    @Test
    void windowsGetsTheAzureDataplaneAndCalico() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "networkPolicy: any");
        Map<String, String> flags = parse(advice.recommendation().azCli());
        assertFalse(flags.containsKey("--network-dataplane"));
        assertEquals("calico", flags.get("--network-policy"));
    }

    @Test
    void windowsPoolsWithoutMaxPodsAreDeployedAtTheRecommended110NotOverlays250() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"");
        assertEquals("azure-cni-overlay", advice.recommendation().option());
        assertEquals("110", parse(advice.recommendation().azCli()).get("--max-pods"));
        assertEquals(110, advice.recommendation().network().maxPods());
        // the plan sized the ranges with the same max pods the deployment sets
        assertEquals(110, advice.addressPlan().sizing().stream()
                .filter(f -> f.option().equals("azure-cni-overlay")).findFirst().orElseThrow().maxPods());
    }

    @Test
    void windowsPoolsWithMaxPodsGetWhatTheyAskFor() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "maxPodsPerNode: 150");
        assertEquals("150", parse(advice.recommendation().azCli()).get("--max-pods"));
    }

    @Test
    void dualStackSetsIpFamilies() {
        Map<String, String> flags = parse(advise("nodeCount: 10", "dualStack: true").recommendation().azCli());
        assertEquals("ipv4,ipv6", flags.get("--ip-families"));
    }

    @Test
    void byoCniSetsPluginNoneAndAPodCidr() {
        Map<String, String> flags = parse(advise("nodeCount: 10", "customCni: cilium-oss").recommendation().azCli());
        assertEquals("none", flags.get("--network-plugin"));
        assertEquals("10.244.0.0/16", flags.get("--pod-cidr"));
        assertFalse(flags.containsKey("--network-dataplane"));
        assertFalse(flags.containsKey("--network-policy"));
    }

    @Test
    void clusterNamesAreMadePasteable() {
        assertEquals("team-a-b", AzCliCommand.clusterWord("team a/b"));
        assertEquals("team_1-x", AzCliCommand.clusterWord("team_1-x"));
        assertEquals("caf--b", AzCliCommand.clusterWord("caf\u00e9\ud83d\ude80b"));
        assertEquals("<cluster-name>", AzCliCommand.clusterWord(""));
    }

    @Test
    void aNameCannotBecomeAFlagOrLeaveTheCommand() {
        assertEquals("yes", AzCliCommand.clusterWord("--yes"));
        assertEquals("2", AzCliCommand.clusterWord("-2"));
        assertEquals("HYPERLINK-x-", AzCliCommand.clusterWord("=HYPERLINK(x)"));
        assertEquals("<cluster-name>", AzCliCommand.clusterWord("-- ;"));
        NetworkProfile network = new NetworkProfile("azure", "overlay", "cilium", "cilium", "10.244.0.0/16",
                "10.0.0.0/16", "10.0.0.10", 250, "10.1.0.0/24", null, null, null);
        for (String name : List.of("--subscription other", "a; rm -rf / #", "$(id)`id`", "x\ny\r\u2028z", "'\"",
                "\u0000\u001b[2J", "\ud800", "-", "--")) {
            String line = AzCliCommand.create(name, network);
            assertTrue(line.matches("[A-Za-z0-9 <>/._,-]+"), line);
            String word = parse(line).get("--name");
            assertTrue(word.equals("<cluster-name>") || word.matches("[A-Za-z0-9_][A-Za-z0-9_-]*"), line);
        }
    }

    @Test
    void aRenamedCommandIsTheCommandMadeForTheNewName() {
        NetworkProfile network = new NetworkProfile("azure", "overlay", "cilium", "cilium", "10.244.0.0/16",
                "10.0.0.0/16", "10.0.0.10", 250, "10.1.0.0/24", null, null, null);
        String made = AzCliCommand.create("team a", network);
        assertEquals(AzCliCommand.create("payments/eu", network), AzCliCommand.renamed(made, "team a", "payments/eu"));
        assertEquals(made, AzCliCommand.renamed(AzCliCommand.create("", network), "", "team a"));
    }
}
