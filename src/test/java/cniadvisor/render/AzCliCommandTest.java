package cniadvisor.render;

import cniadvisor.deploy.AzSteps;

import cniadvisor.model.Advice;
import cniadvisor.model.Deployment;
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

    /**
     * The flags of the advice's {@code az aks create} step as {flag: value}, a shell variable as "$NAME"; fails on a
     * repeated flag or a second create step.
     */
    static Map<String, String> parse(Advice advice) {
        List<Deployment.Step> creates = advice.recommendation().deployment().steps().stream()
                .filter(s -> s.command().equals("az aks create")).toList();
        assertEquals(1, creates.size(), "one az aks create");
        return flags(creates.get(0));
    }

    static Map<String, String> flags(Deployment.Step step) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (Deployment.Arg arg : step.args()) {
            String value = Deployment.Arg.VARIABLE.equals(arg.kind()) ? "$" + arg.value() : arg.value();
            assertFalse(flags.containsKey(arg.flag()), "repeated " + arg.flag());
            flags.put(arg.flag(), value);
        }
        return flags;
    }

    @Test
    void overlayWithCiliumHasEveryNetworkFlag() {
        Advice advice = advise("name: payments", "nodeCount: 60", "maxPodsPerNode: 50",
                "nodeSubnetCidr: 10.20.0.0/24", "networkPolicy: any", "connectedNetworks: [10.0.0.0/16]");
        Map<String, String> flags = parse(advice);
        assertEquals(Map.ofEntries(
                Map.entry("--resource-group", "$RESOURCE_GROUP"),
                Map.entry("--name", "payments"),
                Map.entry("--network-plugin", "azure"),
                Map.entry("--network-plugin-mode", "overlay"),
                Map.entry("--network-dataplane", "cilium"),
                Map.entry("--network-policy", "cilium"),
                Map.entry("--pod-cidr", "10.244.0.0/16"),
                Map.entry("--service-cidr", "10.1.0.0/16"),
                Map.entry("--dns-service-ip", "10.1.0.10"),
                Map.entry("--max-pods", "50"),
                Map.entry("--vnet-subnet-id", "$NODE_SUBNET_ID")), flags);
    }

    @Test
    void podSubnetHasSubnetIdsAndAllocationModeButNoPodCidr() {
        Advice advice = advise("nodeCount: 30", "directPodAccess: true", "trafficPattern: external");
        Map<String, String> flags = parse(advice);
        assertEquals("azure", flags.get("--network-plugin"));
        assertFalse(flags.containsKey("--network-plugin-mode"));
        assertFalse(flags.containsKey("--pod-cidr"));
        assertEquals("$NODE_SUBNET_ID", flags.get("--vnet-subnet-id"));
        assertEquals("$POD_SUBNET_ID", flags.get("--pod-subnet-id"));
        assertEquals("DynamicIndividual", flags.get("--pod-ip-allocation-mode"));
        assertEquals("110", flags.get("--max-pods"));
    }

    @Test
    void windowsGetsTheAzureDataplaneAndCalico() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "networkPolicy: any");
        Map<String, String> flags = parse(advice);
        assertFalse(flags.containsKey("--network-dataplane"));
        assertEquals("calico", flags.get("--network-policy"));
    }

    @Test
    void windowsPoolsWithoutMaxPodsAreDeployedAtTheRecommended110NotOverlays250() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"");
        assertEquals("azure-cni-overlay", advice.recommendation().option());
        assertEquals("110", parse(advice).get("--max-pods"));
        assertEquals(110, advice.recommendation().network().maxPods());
        // the plan sized the ranges with the same max pods the deployment sets
        assertEquals(110, advice.addressPlan().sizing().stream()
                .filter(f -> f.option().equals("azure-cni-overlay")).findFirst().orElseThrow().maxPods());
    }

    @Test
    void windowsPoolsWithMaxPodsGetWhatTheyAskFor() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "maxPodsPerNode: 150");
        assertEquals("150", parse(advice).get("--max-pods"));
    }

    @Test
    void dualStackSetsIpFamilies() {
        Map<String, String> flags = parse(advise("nodeCount: 10", "dualStack: true"));
        assertEquals("ipv4,ipv6", flags.get("--ip-families"));
    }

    @Test
    void byoCniSetsPluginNoneAndAPodCidr() {
        Map<String, String> flags = parse(advise("nodeCount: 10", "customCni: cilium-oss"));
        assertEquals("none", flags.get("--network-plugin"));
        assertEquals("10.244.0.0/16", flags.get("--pod-cidr"));
        assertFalse(flags.containsKey("--network-dataplane"));
        assertFalse(flags.containsKey("--network-policy"));
    }

    @Test
    void clusterNamesAreMadePasteable() {
        assertEquals("team-a-b", AzSteps.clusterWord("team a/b"));
        assertEquals("team_1-x", AzSteps.clusterWord("team_1-x"));
        assertEquals("caf--b", AzSteps.clusterWord("caf\u00e9\ud83d\ude80b"));
        assertEquals("<cluster-name>", AzSteps.clusterWord(""));
    }

    @Test
    void aNameCannotBecomeAFlagOrLeaveTheCommand() {
        assertEquals("yes", AzSteps.clusterWord("--yes"));
        assertEquals("2", AzSteps.clusterWord("-2"));
        assertEquals("HYPERLINK-x-", AzSteps.clusterWord("=HYPERLINK(x)"));
        assertEquals("<cluster-name>", AzSteps.clusterWord("-- ;"));
        for (String name : List.of("--subscription other", "a; rm -rf / #", "$(id)`id`", "x\ny\r\u2028z", "'\"",
                "caf\u00e9 \ud83d\ude80", "-", "--")) {
            Advice advice = advise("name: " + yamlString(name), "nodeCount: 10", "nodeSubnetCidr: 10.1.0.0/24");
            String script = AzCliCommand.script(advice.recommendation().deployment());
            for (String line : script.lines().toList()) {
                assertTrue(line.matches("[A-Za-z0-9 /._,=%$\"()\\\\#-]+"), line);
            }
            String word = parse(advice).get("--name");
            assertTrue(word.equals("<cluster-name>") || word.matches("[A-Za-z0-9_][A-Za-z0-9_-]*"), script);
        }
    }

    private static String yamlString(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.chars().forEach(c -> b.append(c == '"' || c == '\\' ? "\\" + (char) c
                : c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.append('"').toString();
    }

    @Test
    void aRenamedDeploymentIsTheDeploymentMadeForTheNewName() {
        Advice teamA = advise("name: team a", "nodeCount: 10", "nodeSubnetCidr: 10.1.0.0/24");
        Advice payments = advise("name: payments/eu", "nodeCount: 10", "nodeSubnetCidr: 10.1.0.0/24");
        assertEquals(payments.recommendation().deployment(),
                teamA.recommendation().deployment().renamed(AzSteps.clusterWord("payments/eu")));
    }
}
