package cniadvisor.interview;

import cniadvisor.testing.Fixtures;
import static cniadvisor.interview.Transcript.ENTER;
import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.EXAMPLES;
import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.InputException;
import cniadvisor.io.RequestReader;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;
import cniadvisor.model.NamedRequest;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The questionnaire driven by piped answers through each branch of the question tree. */
class QuestionnaireTest {

    /** The questions every run asks: the rest depend on the answers. */
    private static final List<String> COMMON = List.of("name", "nodeCount", "maxSurge", "maxPodsPerNode",
            "addPool1", "windowsNodePools", "networkPolicy", "trafficPattern", "directPodAccess", "podSourceIpVisible",
            "specialFeatures", "currentPlugin", "knowsAddressRanges");

    private static NamedRequest example(String file) throws Exception {
        return RequestReader.read(EXAMPLES.resolve("requests").resolve(file), System.in, Fixtures.binder());
    }

    private static String recommended(NamedRequest request) {
        Recommendation r = advisor().advise(request, AS_OF).recommendation();
        return r == null ? "none" : r.option() + " / " + r.dataplane() + " / " + r.networkPolicy();
    }

    private static List<String> warnings(NamedRequest request) {
        return advisor().advise(request, AS_OF).warnings().stream().map(Reason::rule).toList();
    }

    @Nested
    class TheTree {

        @Test
        void linuxOnlyWithEveryDefaultAsksOnlyTheCommonQuestions() throws Exception {
            Transcript run = Transcript.of(
                    ENTER,      // name
                    "10",       // nodeCount
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER);     // summary: accept
            assertEquals(COMMON, run.asked());
            assertEquals(request("name: my-cluster", "nodeCount: 10"), run.request());
            assertEquals("azure-cni-overlay / cilium / cilium", recommended(run.request()));
            assertEquals(List.of(
                    "Name  my-cluster",
                    "Nodes (at most)  10",
                    "Upgrade max surge  AKS's default",
                    "Pods per node  each option's default",
                    "Add node pool 2  no",
                    "Windows node pools  no",
                    "Network policies  none",
                    "Traffic pattern  mixed",
                    "Direct pod access  no",
                    "Pod IP visible as source  no",
                    "Special features  no",
                    "Current plugin  new",
                    "Address ranges known  no"), run.lastSummary());
        }

        @Test
        void defaultsAreShownInBracketsAndChoicesNumbered() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER);
            String screen = run.screen();
            assertTrue(screen.contains("\n  name [my-cluster]: \n"), screen);
            assertTrue(screen.contains("\n  1 or more: 10\n"), "nodeCount has no default: " + screen);
            assertTrue(screen.contains("\n  node count or percentage, e.g. 3 or 33% [AKS's default]: \n"), screen);
            assertTrue(screen.contains("\n  10 to 250 [each option's default]: \n"), screen);
            assertTrue(screen.contains("\n  y/n [no]: \n"), screen);
            assertTrue(screen.contains("""
                    Do you need Kubernetes network policies, and from which engine?
                      Policies limit which pods may talk to which; the engine must run on every node pool.
                        1  none    no network policies
                        2  any     policies needed; any engine will do
                        3  cilium  Cilium network policy
                        4  calico  Calico (Azure-managed)
                        5  azure   Azure Network Policy Manager (NPM)
                      number or name [none]: \n"""), screen);
            assertTrue(screen.contains("Enter to get the recommendation, or a number to change that answer: \n"));
        }

        @Test
        void windowsWith2019AsksTheVersionAndGetsCalicoOnOverlay() throws Exception {
            Transcript run = Transcript.of(
                    "legacy-windows", "20", ENTER, ENTER,
                    ENTER,      // addPool1: no, so the one-pool Windows questions follow
                    "y",        // windowsNodePools
                    "2019",     // windowsServerVersion
                    "calico",   // networkPolicy
                    ENTER,      // advancedPolicy: asked because policies are needed
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER);
            assertEquals(List.of("name", "nodeCount", "maxSurge", "maxPodsPerNode", "addPool1", "windowsNodePools",
                    "windowsServerVersion", "networkPolicy", "advancedPolicy", "trafficPattern", "directPodAccess",
                    "podSourceIpVisible", "specialFeatures", "currentPlugin", "knowsAddressRanges"), run.asked());
            assertTrue(run.screen().contains("""
                        1  2019  Windows Server 2019
                        2  2022  Windows Server 2022
                        3  2025  Windows Server 2025
                      number or name [2025]: 2019
                    """), run.screen());
            assertEquals(example("windows-2019.yaml"), run.request());
            assertEquals("azure-cni-overlay / azure / calico", recommended(run.request()));
            assertEquals(List.of("LIFE-WINDOWS-RETIRED"), warnings(run.request()));
        }

        @Test
        void windowsWithTheDefaultVersionGets2025() throws Exception {
            Transcript run = Transcript.of("w", "5", ENTER, ENTER, ENTER, "yes", ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER);
            assertEquals(List.of("2025"), run.request().request().windowsServerVersions());
            assertTrue(run.lastSummary().contains("Windows Server version  2025"));
        }

        @Test
        void flatWithDirectPodAccessAndKnownRanges() throws Exception {
            Transcript run = Transcript.of(
                    "trading", "30", ENTER,
                    "30",           // maxPodsPerNode
                    "n",            // addPool1
                    "n",            // windowsNodePools
                    "3",            // networkPolicy by number: cilium
                    "no",           // advancedPolicy
                    "external",     // trafficPattern by name
                    "y",            // directPodAccess
                    "y",            // podSourceIpVisible
                    "n",            // specialFeatures
                    "new",          // currentPlugin
                    "y",            // knowsAddressRanges
                    ENTER,          // vnetCidr: none
                    "10.40.0.0/22", // nodeSubnetCidr
                    ENTER,          // podCidr
                    ENTER,          // serviceCidr
                    ENTER,          // dnsServiceIp
                    "10.0.0.0/16, 172.20.0.0/16",
                    ENTER);
            assertEquals(List.of("name", "nodeCount", "maxSurge", "maxPodsPerNode", "addPool1", "windowsNodePools",
                    "networkPolicy", "advancedPolicy", "trafficPattern", "directPodAccess", "podSourceIpVisible",
                    "specialFeatures", "currentPlugin", "knowsAddressRanges", "vnetCidr", "nodeSubnetCidr", "podCidr",
                    "serviceCidr", "dnsServiceIp", "connectedNetworks"), run.asked());
            assertEquals(example("trading-direct-access.yaml"), run.request());
            assertEquals("azure-cni-pod-subnet / cilium / cilium", recommended(run.request()));
        }

        @Test
        void dualStackIsBehindTheSpecialFeaturesQuestion() throws Exception {
            Transcript run = Transcript.of(
                    "edge-ipv6", "200", ENTER, ENTER, ENTER, ENTER,
                    "cilium", ENTER, ENTER, ENTER, ENTER,
                    "y",        // specialFeatures
                    "n",        // virtualNodes
                    "y",        // dualStack
                    "n", "n", "n", "n", "n", "n",
                    ENTER,      // outboundType: AKS's default
                    ENTER,      // customCni: none
                    ENTER, ENTER,
                    ENTER);
            assertEquals(List.of("name", "nodeCount", "maxSurge", "maxPodsPerNode", "addPool1", "windowsNodePools",
                    "networkPolicy", "advancedPolicy", "trafficPattern", "directPodAccess", "podSourceIpVisible",
                    "specialFeatures", "virtualNodes", "dualStack", "appGatewayForContainers",
                    "applicationGatewayIngress", "sharedSubnet", "nodeAutoProvisioning", "privateCluster",
                    "apiServerVnetIntegration", "outboundType", "customCni",
                    "currentPlugin", "knowsAddressRanges"), run.asked());
            assertEquals(example("dual-stack.json"), run.request());
            assertEquals("azure-cni-overlay / cilium / cilium", recommended(run.request()));
        }

        @Test
        void existingKubenetClusterWithItsRanges() throws Exception {
            Transcript run = Transcript.of(
                    "legacy-intranet", "120", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "5",                // currentPlugin by number: kubenet
                    "y",
                    ENTER,              // vnetCidr: none
                    "10.50.0.0/24", "10.244.0.0/16", ENTER, ENTER, ENTER,
                    ENTER);
            assertEquals(example("legacy-kubenet-migration.yaml"), run.request());
            assertEquals("azure-cni-overlay / cilium / cilium", recommended(run.request()));
            assertEquals(List.of("LIFE-RETIRING-PLUGIN-MIGRATE"), warnings(run.request()));
        }

        @Test
        void ownCniGivesBringYourOwn() throws Exception {
            Transcript run = Transcript.of("mesh-lab", "12", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "y", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "cilium-oss",   // customCni
                    ENTER, ENTER, ENTER);
            assertEquals(example("custom-cilium-oss.yaml"), run.request());
            assertEquals("byo-cni / none / none", recommended(run.request()));
        }

        @Test
        void conflictingRequirementsEndWithNoRecommendation() throws Exception {
            Transcript run = Transcript.of("impossible", "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "y", "y", "y", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
            assertEquals(example("conflict-virtual-nodes-dual-stack.yaml"), run.request());
            assertEquals("none", recommended(run.request()));
        }
    }

    @Nested
    class BadAnswers {

        @Test
        void everyBadAnswerIsExplainedAndAskedAgainWithoutLosingEarlierAnswers() throws Exception {
            Transcript run = Transcript.of(
                    "team",
                    ENTER,          // nodeCount: required
                    "ten",          // not a number
                    "0",            // below the range
                    "10",
                    "-1",           // maxSurge: neither a count nor a percentage
                    "2",
                    "5",            // maxPodsPerNode below the range
                    "251",          // above it
                    "30",
                    ENTER,          // addPool1
                    "maybe",        // yes/no
                    "n",
                    "weave",        // unknown choice
                    "6",            // number out of range
                    "Calico",       // names are matched without case
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "y",
                    ENTER,          // vnetCidr
                    "10.0.0.1/8",   // host bits set
                    "10.0.0.0",     // no prefix length
                    "fd00::/8",     // IPv6
                    "10.1.0.0/16",
                    "10.244.0.0/33", // prefix too long
                    ENTER,
                    ENTER,
                    "10.0.0.0/16",  // dnsServiceIp with a prefix length
                    "10.0.0.10",
                    "10.2.0.0/16, 192.168.1.1/24",  // second item has host bits set
                    "10.2.0.0/16 192.168.0.0/24",
                    ENTER);
            assertEquals(List.of(
                    "! an answer is required",
                    "! expected a whole number from 1 up, got \"ten\"",
                    "! expected a whole number from 1 up, got \"0\"",
                    "! expected a node count (a whole number from 0 up, e.g. 3) or a percentage of the nodes "
                            + "from 1% to 100% (e.g. 33%), got \"-1\"",
                    "! expected a whole number from 10 to 250, got \"5\"",
                    "! expected a whole number from 10 to 250, got \"251\"",
                    "! \"maybe\" is not yes or no; answer y or n",
                    "! \"weave\" is not one of none, any, cilium, calico, azure; "
                            + "or type the number of a choice, 1 to 5",
                    "! \"6\" is not one of none, any, cilium, calico, azure; "
                            + "or type the number of a choice, 1 to 5",
                    "! \"10.0.0.1/8\" has host bits set; the network address is 10.0.0.0/8",
                    "! \"10.0.0.0\" needs a prefix length (a.b.c.d/n, n from 0 to 32)",
                    "! \"fd00::/8\" is IPv6; this key takes an IPv4 CIDR",
                    "! \"10.244.0.0/33\" is not a valid IPv4 CIDR (a.b.c.d/n, n from 0 to 32)",
                    "! \"10.0.0.0/16\" has a prefix length; this key takes a single address (a.b.c.d)",
                    "! connectedNetworks[1]: \"192.168.1.1/24\" has host bits set; the network address is "
                            + "192.168.1.0/24"), run.lines("!"));
            assertEquals(request("name: team", "nodeCount: 10", "surgeNodes: 2", "maxPodsPerNode: 30",
                    "networkPolicy: calico", "nodeSubnetCidr: 10.1.0.0/16", "dnsServiceIp: 10.0.0.10",
                    "connectedNetworks: [10.2.0.0/16, 192.168.0.0/24]"), run.request());
        }

        @Test
        void aRejectedAnswerGetsTheMessageARequestFileGets() throws Exception {
            Transcript run = Transcript.of("t", "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, "y", ENTER, "10.20.0.7/24", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
            InputException fromFile = assertThrows(InputException.class, () -> RequestReader.read("r.yaml", "r",
                    new ByteArrayInputStream("nodeCount: 10\nnodeSubnetCidr: 10.20.0.7/24\n"
                            .getBytes(StandardCharsets.UTF_8)), Fixtures.binder()));
            assertEquals(List.of("! " + fromFile.errors().get(0).message()), run.lines("!"));
        }

        @Test
        void theSummaryAsksAgainForANumberInItsList() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, "14", "x", ENTER);
            assertEquals(List.of("! \"14\" is not in the list; type a number from 1 to 13",
                    "! \"x\" is not in the list; type a number from 1 to 13"), run.lines("!"));
        }

        @Test
        void answersThatOverflowTogetherMustBeChangedBeforeTheRecommendation() throws Exception {
            Transcript run = Transcript.of(ENTER, String.valueOf(Integer.MAX_VALUE), "5", ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER,      // refused: the answers do not make a request yet
                    "3", "0",   // maxSurge: 0
                    ENTER);
            assertEquals(List.of("! maxSurge: nodeCount + maxSurge must not exceed 2147483647",
                    "! fix the answer above first; type a number from 1 to 13"), run.lines("!"));
            assertEquals(0, run.request().request().surgeNodes());
        }
    }

    @Nested
    class Help {

        @Test
        void questionMarkSaysWhatTheAnswerChangesThenCitesTheRulesItFeeds() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, "?", ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER);
            // plain guidance first, from guidance.yaml, wrapped to 100 columns; then the rules and their sources
            String screen = run.screen();
            int asked = screen.indexOf("  y/n [no]: ?\n") + "  y/n [no]: ?\n".length();
            int rules = screen.indexOf("  Where this answer matters:\n", asked);
            String guidance = screen.substring(asked, rules);
            assertTrue(guidance.startsWith("  Windows nodes narrow the choice: not every option, data plane and "
                    + "policy engine runs them"), screen);
            assertTrue(guidance.strip().endsWith("Answer y only if the cluster will run Windows Server containers."),
                    guidance);
            assertTrue(guidance.lines().allMatch(line -> line.length() <= 100 && line.startsWith("  ")), guidance);
            assertTrue(run.screen().contains("""
                        ELIG-UNSUPPORTED-FEATURE: Excludes every configuration that uses an option, data plane or \
                    policy engine facts/support.yaml marks unsupported for a feature the request uses: Windows node \
                    pools,"""), run.screen());
            assertTrue(run.screen().contains("""
                        SCALE-WINDOWS-MAX-PODS: Warns, per Windows pool, when it is asked to run more pods per node \
                    than Microsoft recommends for Windows Server containers. [learn-overlay-concepts]
                    """), run.screen());
            assertTrue(run.screen().contains("""
                        [learn-cni-overview] Azure CNI networking overview (networking models, feature table), \
                    as of 2026-07-10
                            https://learn.microsoft.com/azure/aks/concepts-network-cni-overview
                    """), run.screen());
            // help does not count as an answer: the question is asked again
            assertEquals(request("name: my-cluster", "nodeCount: 10"), run.request());
        }

        @Test
        void aGateHasGuidanceThoughNoRuleReadsIt() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "?", ENTER, ENTER, ENTER, ENTER);
            String screen = run.screen();
            int asked = screen.indexOf("  y/n [no]: ?\n") + "  y/n [no]: ?\n".length();
            assertTrue(screen.startsWith("  A shortcut: n skips the questions about features few clusters use",
                    asked), screen);
            assertTrue(screen.indexOf("  No loaded rule reads this answer.\n", asked) > asked, screen);
        }

        @Test
        void helpSaysSoWhenNoLoadedRuleReadsTheAnswer() {
            RuleNotes notes = RuleNotes.of(advisor());
            Question gate = question(Questions.SPECIAL_FEATURES);
            assertEquals(List.of("No loaded rule reads this answer."), notes.describe(gate));
        }

        /** Which rules an answer feeds is read off the compiled rules, not typed into the questions. */
        @Test
        void theRulesAnAnswerFeedsAreTheRulesThatReadIt() {
            RuleNotes notes = RuleNotes.of(advisor());
            assertEquals(java.util.Set.of("PREF-TRAFFIC-EXTERNAL", "PREF-TRAFFIC-INTRA-CLUSTER"),
                    notes.rulesFed(question("trafficPattern")));
            java.util.Set<String> virtualNodes = notes.rulesFed(question("virtualNodes"));
            assertTrue(virtualNodes.containsAll(List.of("ELIG-UNSUPPORTED-FEATURE", "ELIG-CONFLICT-ERROR",
                    "ELIG-CONFLICT-WARNING")), virtualNodes.toString());
            assertFalse(virtualNodes.contains("PREF-POD-SOURCE-IP-PARTIAL"), "that rule looks for another feature");
            assertTrue(notes.rulesFed(question("networkPolicy")).contains("POL-REQUIRED"));
            assertTrue(notes.rulesFed(question("nodePools[1].maxPodsPerNode")).contains("SCALE-WINDOWS-MAX-PODS"));
            assertTrue(notes.rulesFed(question("nodeSubnetCidr")).containsAll(List.of("IP-NODE-SUBNET-CAPACITY",
                    "IP-RANGES-OVERLAP")));
        }

        private Question question(String key) {
            return Questions.forBinder(Fixtures.binder()).stream().filter(q -> q.key().equals(key)).findFirst()
                    .orElseThrow();
        }
    }

    @Nested
    class Summary {

        @Test
        void changingAnAnswerAsksTheQuestionsItOpensAndDropsThoseItCloses() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER,
                    "6", "y",       // Windows node pools: yes ...
                    "2022",         // ... opens the version question
                    "8", "any",     // Network policies (now line 8): any ...
                    ENTER,          // ... opens the FQDN/L7 question
                    ENTER);
            assertEquals(List.of("Name  my-cluster", "Nodes (at most)  10", "Upgrade max surge  AKS's default",
                    "Pods per node  each option's default", "Add node pool 2  no", "Windows node pools  yes",
                    "Windows Server version  2022",
                    "Network policies  any", "FQDN or L7 policies  no", "Traffic pattern  mixed",
                    "Direct pod access  no", "Pod IP visible as source  no", "Special features  no",
                    "Current plugin  new", "Address ranges known  no"), run.lastSummary());
            assertEquals(request("name: my-cluster", "nodeCount: 10", "windowsNodePools: true",
                    "windowsServerVersion: \"2022\"", "networkPolicy: any"), run.request());

            Transcript back = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, "y", "2022", ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER,
                    "6", "n",       // Windows off again: the version is dropped
                    ENTER);
            assertEquals(request("name: my-cluster", "nodeCount: 10"), back.request());
            assertFalse(back.lastSummary().stream().anyMatch(line -> line.startsWith("Windows Server version")));
        }

        @Test
        void aChangedQuestionOffersTheCurrentAnswerAndDashClearsIt() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, "30", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER,
                    "4", "-",       // Pods per node: back to each option's default
                    "2", ENTER,     // Nodes: Enter keeps 10
                    ENTER);
            assertTrue(run.screen().contains("\n  10 to 250, - for each option's default [30]: -\n"), run.screen());
            assertTrue(run.screen().contains("\n  1 or more [10]: \n"), run.screen());
            assertNull(run.request().request().maxPodsPerNode());
            assertEquals(10, run.request().request().nodeCount());
        }
    }

    @Nested
    class Back {

        @Test
        void backReturnsToThePreviousQuestionWithItsAnswerAsTheDefault() throws Exception {
            Transcript run = Transcript.of(
                    "team", "12",
                    "back",         // maxSurge: back to nodeCount, 12 now the default
                    "20",           // nodeCount changed
                    "3",            // maxSurge: asked again, fresh
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
            assertEquals(List.of("name", "nodeCount", "maxSurge", "nodeCount", "maxSurge", "maxPodsPerNode",
                    "addPool1", "windowsNodePools", "networkPolicy", "trafficPattern", "directPodAccess",
                    "podSourceIpVisible", "specialFeatures", "currentPlugin", "knowsAddressRanges"), run.asked());
            assertTrue(run.screen().contains("\n  1 or more [12]: 20\n"), run.screen());
            assertEquals(request("name: team", "nodeCount: 20", "surgeNodes: 3"), run.request());
        }

        @Test
        void enterKeepsTheAnswerGoneBackToAndLessThanSignIsBackToo() throws Exception {
            Transcript run = Transcript.of(
                    "team", "12", "2",
                    "<",            // maxPodsPerNode: back to maxSurge
                    "BACK",         // maxSurge: back to nodeCount (any case)
                    ENTER,          // nodeCount: keeps 12
                    ENTER,          // maxSurge: keeps 2, offered as the default
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
            assertTrue(run.screen().contains("\n  node count or percentage, e.g. 3 or 33%, - for AKS's default [2]: \n"),
                    run.screen());
            assertEquals(request("name: team", "nodeCount: 12", "surgeNodes: 2"), run.request());
            assertEquals(List.of(), run.lines("!"));
        }

        @Test
        void atTheFirstQuestionThereIsNothingBefore() throws Exception {
            Transcript run = Transcript.of("back", "team", "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER, ENTER);
            assertEquals(List.of("! this is the first question: there is nothing before it to go back to"),
                    run.lines("!"));
            assertEquals(request("name: team", "nodeCount: 10"), run.request());
        }

        /** Questions skipped because of earlier answers are skipped going back too. */
        @Test
        void backSkipsTheQuestionsThatWereNotAsked() throws Exception {
            Transcript run = Transcript.of(
                    "team", "10", ENTER, ENTER, ENTER,
                    ENTER,          // windowsNodePools: no, so no Windows version question
                    "back",         // networkPolicy: back to windowsNodePools
                    "y",            // now yes ...
                    "2022",         // ... and the version is asked
                    "any",          // networkPolicy
                    "back",         // advancedPolicy (asked as policies are needed): back to networkPolicy
                    "none",         // no policies after all: advancedPolicy is skipped
                    "back",         // trafficPattern: back to networkPolicy, the question asked before it
                    ENTER,          // keeps none
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER);
            assertEquals(List.of("name", "nodeCount", "maxSurge", "maxPodsPerNode", "addPool1", "windowsNodePools",
                    "networkPolicy", "windowsNodePools", "windowsServerVersion", "networkPolicy", "advancedPolicy",
                    "networkPolicy", "trafficPattern", "networkPolicy", "trafficPattern", "directPodAccess",
                    "podSourceIpVisible", "specialFeatures", "currentPlugin", "knowsAddressRanges"), run.asked());
            assertEquals(request("name: team", "nodeCount: 10", "windowsNodePools: true",
                    "windowsServerVersion: \"2022\""), run.request());
        }

        @Test
        void backFromTheSummaryAsksTheLastQuestionAgain() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER,
                    ENTER,          // knowsAddressRanges: no
                    "back",         // summary: back to knowsAddressRanges
                    "y",            // the address questions follow
                    ENTER, "10.1.0.0/24", ENTER, ENTER, ENTER, ENTER,
                    ENTER);
            assertEquals(request("name: my-cluster", "nodeCount: 10", "nodeSubnetCidr: 10.1.0.0/24"), run.request());
            assertEquals(2, run.lines("Your answers:").size());
        }

        @Test
        void backFromAQuestionChosenInTheSummaryLeavesItsAnswer() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER,
                    "2",            // change nodeCount ...
                    "back",         // ... or not: the summary again
                    ENTER);
            assertEquals(request("name: my-cluster", "nodeCount: 10"), run.request());
            assertEquals(2, run.lines("Your answers:").size());
        }
    }

    @Nested
    class Choices {

        @Test
        void choiceNamesMatchWithoutRegardToCase() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER,
                    "Cilium",       // networkPolicy
                    ENTER,
                    "INTRA-CLUSTER",
                    ENTER, ENTER,
                    "y", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                    "ManagedNatGateway", // outboundType, spelt loadBalancer-style by AKS
                    ENTER,
                    "Kubenet",      // currentPlugin
                    ENTER, ENTER);
            assertEquals(List.of(), run.lines("!"));
            NamedRequest request = run.request();
            assertEquals("cilium", request.request().networkPolicy());
            assertEquals("intra-cluster", request.request().trafficPattern());
            assertEquals("managedNATGateway", request.request().outboundType());
            assertEquals("kubenet", request.request().currentPlugin());
        }

        @Test
        void aTypoGetsADidYouMean() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER,
                    "cilum", "Calcio", "calico",
                    ENTER, "externel", "external", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
            assertEquals(List.of(
                    "! \"cilum\" is not one of none, any, cilium, calico, azure; did you mean 'cilium'?; "
                            + "or type the number of a choice, 1 to 5",
                    "! \"Calcio\" is not one of none, any, cilium, calico, azure; did you mean 'calico'?; "
                            + "or type the number of a choice, 1 to 5",
                    "! \"externel\" is not one of intra-cluster, external, mixed; did you mean 'external'?; "
                            + "or type the number of a choice, 1 to 3"), run.lines("!"));
            assertEquals("calico", run.request().request().networkPolicy());
        }

        @Test
        void yesAndNoInAnyCase() throws Exception {
            Transcript run = Transcript.of(ENTER, "10", ENTER, ENTER, "NO", "Yes", ENTER, ENTER, ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER, ENTER);
            assertEquals(List.of(), run.lines("!"));
            assertEquals(request("name: my-cluster", "nodeCount: 10", "windowsNodePools: true",
                    "windowsServerVersion: \"2025\""), run.request());
        }
    }

    @Nested
    class EscapeSequences {

        /** An arrow key typed where the line cannot be edited arrives as ESC [ A: refused, never saved. */
        @Test
        void anAnswerHoldingAnEscapeSequenceIsAskedAgain() throws Exception {
            Transcript run = Transcript.of("pay\u001b[Aments", "payments", "\u001b[D10", "10", ENTER, ENTER,
                    ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
            assertEquals(List.of(
                    "! the answer holds a terminal escape sequence (an arrow or function key, where the line cannot "
                            + "be edited); type it again without",
                    "! the answer holds a terminal escape sequence (an arrow or function key, where the line cannot "
                            + "be edited); type it again without"), run.lines("!"));
            assertEquals(request("name: payments", "nodeCount: 10"), run.request());
        }
    }

    @Nested
    class EndOfInputs {

        @Test
        void endOfInputMidWayIsReportedWithTheLinesRead() {
            StringWriter screen = new StringWriter();
            Questionnaire questionnaire = new Questionnaire(Fixtures.binder(), Transcript.reader("team", "10", "1"),
                    new PrintWriter(screen), Style.PLAIN, true, () -> RuleNotes.of(advisor()));
            EndOfInput end = assertThrows(EndOfInput.class, questionnaire::run);
            assertEquals(3, end.linesRead());
            assertTrue(screen.toString().endsWith("10 to 250 [each option's default]: \n"), screen.toString());
        }

        @Test
        void emptyInputReadsNoLines() {
            Questionnaire questionnaire = new Questionnaire(Fixtures.binder(),
                    new java.io.BufferedReader(new java.io.StringReader("")), new PrintWriter(new StringWriter()),
                    Style.PLAIN, true, () -> RuleNotes.of(advisor()));
            assertEquals(0, assertThrows(EndOfInput.class, questionnaire::run).linesRead());
        }
    }

    @Test
    void coloursOnlyWhenAsked() throws Exception {
        Transcript plain = Transcript.of(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                ENTER, ENTER, ENTER);
        assertFalse(plain.screen().contains("\u001b"));
        StringWriter screen = new StringWriter();
        new Questionnaire(Fixtures.binder(), Transcript.reader(ENTER, "10", ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                ENTER, ENTER, ENTER, ENTER, ENTER, ENTER), new PrintWriter(screen), new Style(true), true,
                () -> RuleNotes.of(advisor())).run();
        assertTrue(screen.toString().contains("\u001b[1mHow many nodes may the cluster reach at most?\u001b[0m"),
                screen.toString());
    }
}
