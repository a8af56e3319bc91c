package cniadvisor.rules;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.testing.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static cniadvisor.model.OptionResult.ELIGIBLE;
import static cniadvisor.model.OptionResult.RECOMMENDED;
import static cniadvisor.testing.AdviceAssertions.assertCites;
import static cniadvisor.testing.AdviceAssertions.assertExcludedBy;
import static cniadvisor.testing.AdviceAssertions.assertNoFit;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertOnlyReason;
import static cniadvisor.testing.AdviceAssertions.assertReason;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertStatus;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.AdviceAssertions.withText;
import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.FACTS;
import static cniadvisor.testing.Fixtures.RULES;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.cites;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules/eligibility.drl: hard constraints from the support matrix in facts/support.yaml. */
class EligibilityRulesTest {

    private static final List<String> MANAGED_OPTIONS =
            List.of("azure-cni-overlay", "azure-cni-pod-subnet", "azure-cni-node-subnet", "kubenet");

    // ---- ELIG-WINDOWS ----

    @Test
    void windowsPoolsExcludeKubenet() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-windows-best-practices");
        assertText(reasons.get(0), "kubenet is not supported");
    }

    @Test
    void windowsPoolsRuleOutTheCiliumDataPlaneSoOverlayRunsOnAzureIptables() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true");

        assertRecommended(advice, "azure-cni-overlay", "azure", "none");
        List<Reason> narrowed = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "ELIG-UNSUPPORTED-FEATURE", "narrows",
                "learn-cni-overview");
        assertCites(withText(narrowed, "dataplane:cilium is not supported"), "learn-cilium");
        assertCites(withText(narrowed, "policy:cilium is not supported"), "learn-network-policies");
    }

    // ---- ELIG-DIRECT-POD-ACCESS ----

    @Test
    void directPodAccessExcludesOverlayAndPrefersPodSubnet() {
        Advice advice = advise("nodeCount: 10", "directPodAccess: true");

        assertExcludedBy(advice, "azure-cni-overlay", "ELIG-UNSUPPORTED-FEATURE", "learn-overlay-concepts");
        assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-cni-overview");
        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
        assertStatus(advice, "azure-cni-node-subnet", ELIGIBLE);
    }

    // ---- ELIG-POD-SOURCE-IP ----

    @Test
    void visiblePodSourceIpsExcludeOverlayBecauseItSnatsToTheNodeIp() {
        Advice advice = advise("nodeCount: 10", "podSourceIpVisible: true");

        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "ELIG-UNSUPPORTED-FEATURE",
                "learn-overlay-concepts");
        assertText(reasons.get(0), "SNATed to the node IP");
        assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-kubenet");
        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
    }

    // ---- ELIG-VIRTUAL-NODES ----

    @Test
    void virtualNodesNeedNodeSubnet() {
        Advice advice = advise("nodeCount: 10", "virtualNodes: true");

        assertExcludedBy(advice, "azure-cni-overlay", "ELIG-UNSUPPORTED-FEATURE", "learn-virtual-nodes");
        assertExcludedBy(advice, "azure-cni-pod-subnet", "ELIG-UNSUPPORTED-FEATURE", "learn-virtual-nodes");
        assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-virtual-nodes");
        // the Cilium data plane always runs Cilium network policy, which Virtual Nodes v2 does not support
        assertRecommended(advice, "azure-cni-node-subnet", "azure", "none");
        List<Reason> noCilium = assertReason(advice, "azure-cni-node-subnet", RECOMMENDED, "ELIG-UNSUPPORTED-FEATURE",
                "narrows", "learn-virtual-nodes-v2");
        assertText(noCilium.get(0), "Virtual nodes: dataplane:cilium is not supported");
    }

    // ---- ELIG-DUAL-STACK ----

    @Test
    void dualStackNeedsOverlay() {
        Advice advice = advise("nodeCount: 10", "dualStack: true");

        assertExcludedBy(advice, "azure-cni-pod-subnet", "ELIG-UNSUPPORTED-FEATURE", "learn-dual-stack");
        assertExcludedBy(advice, "azure-cni-node-subnet", "ELIG-UNSUPPORTED-FEATURE", "learn-dual-stack");
        assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-dual-stack");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    @Test
    void dualStackRulesOutCalicoSoACalicoRequestHasNoFit() {
        Advice advice = advise("nodeCount: 10", "dualStack: true", "networkPolicy: calico");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "ELIG-UNSUPPORTED-FEATURE",
                "learn-overlay-configure");
        assertCites(withText(reasons, "policy:calico"), "learn-overlay-configure");
    }

    // ---- ELIG-APP-GATEWAY-FOR-CONTAINERS ----

    @Test
    void applicationGatewayForContainersExcludesAnExistingKubenetCluster() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "appGatewayForContainers: true");

        assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-agc-networking");
        assertOnlyReason(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    // ---- ELIG-APP-GATEWAY-INGRESS ----

    @Test
    void applicationGatewayIngressExcludesNothingWithTheBundledFacts() {
        Advice without = advise("nodeCount: 10", "currentPlugin: kubenet");
        Advice with = advise("nodeCount: 10", "currentPlugin: kubenet", "applicationGatewayIngress: true");

        assertEquals(without.options(), with.options());
    }

    @Test
    void applicationGatewayIngressExcludesAnOptionTheFactsMarkUnsupported(@TempDir Path dir) throws Exception {
        Path facts = Folders.copy(FACTS, dir.resolve("facts"));
        Files.writeString(facts.resolve("zz-agic.yaml"), """
                support:
                  - {subject: kubenet, feature: applicationGatewayIngress, level: unsupported, sources: [learn-kubenet],
                     note: "test entry"}
                """);
        Advisor advisor = Advisor.load(new AdvisorConfig(List.of(RULES), facts, null,
                AdvisorConfig.DEFAULT_MAX_FIRINGS));

        Advice advice = advisor.advise(request("nodeCount: 10", "currentPlugin: kubenet",
                "applicationGatewayIngress: true"), AS_OF);

        assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-kubenet");
        assertOnlyReason(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE");
    }

    // ---- ELIG-CONFLICT-ERROR, ELIG-CONFLICT-WARNING, ELIG-CONFLICT-INFO (facts/support.yaml, conflicts:) ----

    @Test
    void virtualNodesWithDualStackHaveNoFitAndAnErrorNamingTheConflict() {
        Advice advice = advise("nodeCount: 10", "virtualNodes: true", "dualStack: true");

        assertNoFit(advice);
        Reason error = assertWarning(advice, "ELIG-CONFLICT-ERROR", "error", "learn-overlay-configure");
        assertText(error, "Not supported together (virtualNodes + dualStack)", "drop one of the two");
        assertTrue(cites(error, "learn-virtual-nodes"));
        assertTrue(advice.conflicts().contains("azure-cni-overlay: ELIG-UNSUPPORTED-FEATURE"), advice.conflicts()::toString);
        assertTrue(advice.conflicts().contains("azure-cni-node-subnet: ELIG-UNSUPPORTED-FEATURE"),
                advice.conflicts()::toString);
    }

    @Test
    void nodeAutoProvisioningWithWindowsPoolsIsAnErrorButThePluginAdviceStands() {
        Advice advice = advise("nodeCount: 10", "nodeAutoProvisioning: true", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"");

        assertRecommended(advice, "azure-cni-overlay", "azure", "none");
        Reason error = assertWarning(advice, "ELIG-CONFLICT-ERROR", "error", "learn-nap");
        assertText(error, "(nodeAutoProvisioning + windows)", "does not support Windows node pools");
    }

    @Test
    void nodeAutoProvisioningWithDualStackIsAnErrorThatSaysItIsAnInference() {
        Advice advice = advise("nodeCount: 10", "nodeAutoProvisioning: true", "dualStack: true");

        Reason error = assertWarning(advice, "ELIG-CONFLICT-ERROR", "error", "learn-nap");
        assertText(error, "(nodeAutoProvisioning + dualStack)", "does not support IPv6 clusters",
                "does not name dual-stack");
    }

    @Test
    void virtualNodesWithNetworkPoliciesIsAWarning() {
        Advice advice = advise("nodeCount: 10", "virtualNodes: true", "networkPolicy: calico");

        assertRecommended(advice, "azure-cni-node-subnet", "azure", "calico");
        Reason warning = assertWarning(advice, "ELIG-CONFLICT-WARNING", "warning", "learn-virtual-nodes");
        assertText(warning, "(virtualNodes + networkPolicy)", "do not apply to pods on virtual nodes");
        assertNoWarning(advise("nodeCount: 10", "virtualNodes: true"), "ELIG-CONFLICT-WARNING");
    }

    @Test
    void aConflictAtInfoLevelIsReportedAsInfo(@TempDir Path dir) throws Exception {
        Path facts = Folders.copy(FACTS, dir.resolve("facts"));
        Files.writeString(facts.resolve("zz-conflict.yaml"), """
                conflicts:
                  - {features: [sharedSubnet, customCni], level: info, sources: [learn-byo-cni], note: "test entry"}
                """);
        Advisor advisor = Advisor.load(new AdvisorConfig(List.of(RULES), facts, null,
                AdvisorConfig.DEFAULT_MAX_FIRINGS));

        Advice advice = advisor.advise(request("nodeCount: 10", "sharedSubnet: true", "customCni: cilium-oss"), AS_OF);

        Reason info = assertWarning(advice, "ELIG-CONFLICT-INFO", "info", "learn-byo-cni");
        assertText(info, "Not supported together (sharedSubnet + customCni): test entry.");
        assertNoWarning(advisor.advise(request("nodeCount: 10", "sharedSubnet: true"), AS_OF), "ELIG-CONFLICT-INFO");
    }

    // ---- ELIG-SHARED-SUBNET ----

    @Test
    void sharedSubnetExcludesAnExistingKubenetCluster() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "sharedSubnet: true");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE", "learn-kubenet");
        assertText(reasons.get(0), "one route table per cluster");
        assertOnlyReason(advice, "kubenet", "ELIG-UNSUPPORTED-FEATURE");
    }

    // ---- ELIG-NODE-AUTO-PROVISIONING ----

    @Test
    void nodeAutoProvisioningExcludesPodSubnet() {
        Advice advice = advise("nodeCount: 10", "nodeAutoProvisioning: true");

        assertExcludedBy(advice, "azure-cni-pod-subnet", "ELIG-UNSUPPORTED-FEATURE", "learn-nap-networking");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    @Test
    void nodeAutoProvisioningExcludesCalicoSoACalicoRequestHasNoFit() {
        Advice advice = advise("nodeCount: 10", "nodeAutoProvisioning: true", "networkPolicy: calico");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "ELIG-UNSUPPORTED-FEATURE",
                "learn-nap-networking");
        assertText(reasons.get(0), "policy:calico is not supported");
    }

    // ---- ELIG-CUSTOM-CNI ----

    @Test
    void aCniTheTeamRunsItselfExcludesEveryManagedOption() {
        Advice advice = advise("nodeCount: 10", "customCni: flannel");

        for (String option : MANAGED_OPTIONS) {
            List<Reason> reasons = assertExcludedBy(advice, option, "ELIG-CUSTOM-CNI", "learn-byo-cni");
            assertText(reasons.get(0), "the team must run flannel itself");
        }
        assertRecommended(advice, "byo-cni", "none", "none");
    }

    // ---- ELIG-BYO-NEEDS-CUSTOM-CNI ----

    @Test
    void withoutACustomCniBringYourOwnIsExcluded() {
        Advice advice = advise("nodeCount: 10");

        assertExcludedBy(advice, "byo-cni", "ELIG-BYO-NEEDS-CUSTOM-CNI", "learn-byo-cni");
        assertOnlyReason(advice, "byo-cni", "ELIG-BYO-NEEDS-CUSTOM-CNI");
    }
}
