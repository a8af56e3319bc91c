package cniadvisor.rules;

import cniadvisor.io.ExitCode;
import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import cniadvisor.model.Reason;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.model.OptionResult.ELIGIBLE;
import static cniadvisor.testing.AdviceAssertions.assertExcludedBy;
import static cniadvisor.testing.AdviceAssertions.assertNoFit;
import static cniadvisor.testing.AdviceAssertions.assertNoReason;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertOnlyReason;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertStatus;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.cites;
import static cniadvisor.testing.Fixtures.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rules/scale.drl: node limits from facts/limits.yaml. Kubenet is checked on an existing kubenet cluster, so that
 * the retirement rule for new clusters is not what excludes it.
 */
class ScaleRulesTest {

    // ---- SCALE-MAX-NODES ----

    @Test
    void kubenetHolds400Nodes() {
        Advice advice = advise("nodeCount: 399", "surgeNodes: 1", "currentPlugin: kubenet");

        assertStatus(advice, "kubenet", ELIGIBLE);
        assertNoReason(advice, "kubenet", "SCALE-MAX-NODES");
    }

    @Test
    void kubenetIsExcludedAt401Nodes() {
        Advice advice = advise("nodeCount: 401", "surgeNodes: 0", "currentPlugin: kubenet");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "SCALE-MAX-NODES", "learn-kubenet");
        assertText(reasons.get(0), "kubenet supports at most 400 nodes; the request reaches 401 (401 nodes + 0 surge, "
                + "which count against it)");
        assertOnlyReason(advice, "kubenet", "SCALE-MAX-NODES");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    @Test
    void surgeNodesCountAgainstKubenetsRouteLimit() {
        Advice advice = advise("nodeCount: 400", "surgeNodes: 1", "currentPlugin: kubenet");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "SCALE-MAX-NODES", "learn-kubenet");
        assertText(reasons.get(0), "kubenet supports at most 400 nodes; the request reaches 401 (400 nodes + 1 surge, "
                + "which count against it)");
    }

    @Test
    void kubenetsRouteLimitCountsTheDefaultSurgeToo() {
        // 370 nodes + 37 surge (AKS's default 10%) = 407 routes
        Advice advice = advise("nodeCount: 370", "currentPlugin: kubenet");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "SCALE-MAX-NODES", "learn-kubenet");
        assertText(reasons.get(0), "the request reaches 407 (370 nodes + 37 surge, which count against it)");
    }

    @Test
    void overlayHolds5000NodesWhateverTheSurge() {
        Advice advice = advise("nodeCount: 5000");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertNoReason(advice, "azure-cni-overlay", "SCALE-MAX-NODES");
        assertNoReason(advice, "azure-cni-overlay", "SCALE-CLUSTER-MAX-NODES");
    }

    @Test
    void azureNpmIsSupportedUpTo250NodesWhateverTheSurge() {
        Advice advice = advise("nodeCount: 250", "maxSurge: 33%", "networkPolicy: azure");

        assertRecommended(advice, "azure-cni-overlay", "azure", "azure");
    }

    @Test
    void azureNpmIsUnsupportedPast250NodesSoAnNpmRequestHasNoFit() {
        Advice advice = advise("nodeCount: 251", "surgeNodes: 0", "networkPolicy: azure");

        assertNoFit(advice);
        for (String option : List.of("azure-cni-overlay", "azure-cni-pod-subnet", "azure-cni-node-subnet")) {
            List<Reason> reasons = assertExcludedBy(advice, option, "SCALE-MAX-NODES", "learn-large-clusters");
            assertText(reasons.get(0), "policy:azure supports at most 250 nodes; the request reaches 251");
        }
    }

    @Test
    void pastAzureNpmsLimitAnyPolicyEngineStillFitsWithCilium() {
        Advice advice = advise("nodeCount: 251", "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    // ---- SCALE-POLICY-MAX-PODS ----

    @Test
    void azureNpmBeyond20000PodsOfCapacityIsOneWarningWithTheHighestPlannedMaxPods() {
        // Overlay's default 250 pods x 100 nodes = 25,000; Pod Subnet's 110 and Node Subnet's 30 stay under
        Advice advice = advise("nodeCount: 100", "networkPolicy: azure");

        assertRecommended(advice, "azure-cni-overlay", "azure", "azure");
        Reason warning = assertWarning(advice, "SCALE-POLICY-MAX-PODS", "warning", "learn-network-policies");
        assertText(warning, "Azure Network Policy Manager (NPM) is not supported beyond 20,000 pods",
                "100 nodes at up to 250 pods per node (azure-cni-overlay's planned max pods) can hold 25,000",
                "maxPodsPerNode 200 or lower");
        assertEquals(1, advice.warnings().stream().filter(r -> r.rule().equals("SCALE-POLICY-MAX-PODS")).count());
    }

    @Test
    void azureNpmAtExactly20000PodsOfCapacityIsNotWarnedAbout() {
        assertNoWarning(advise("nodeCount: 100", "maxPodsPerNode: 200", "networkPolicy: azure"),
                "SCALE-POLICY-MAX-PODS");
        assertWarning(advise("nodeCount: 100", "maxPodsPerNode: 201", "networkPolicy: azure"),
                "SCALE-POLICY-MAX-PODS", "warning", "learn-network-policies");
    }

    @Test
    void thePodLimitOfAzureNpmConcernsOnlyRequestsForIt() {
        assertNoWarning(advise("nodeCount: 200", "networkPolicy: any"), "SCALE-POLICY-MAX-PODS");
    }

    // ---- SCALE-CLUSTER-UPGRADE-BLOCKED ----

    @Test
    void aClusterAt5000NodesIsSupportedButWarnedThatUpgradesAreBlocked() {
        Advice advice = advise("nodeCount: 5000", "maxSurge: 0");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        Reason warning = assertWarning(advice, "SCALE-CLUSTER-UPGRADE-BLOCKED", "warning", "learn-large-clusters");
        assertText(warning, "5,000 nodes plus 0 surge nodes", "5,000-node cluster maximum", "below 3,000 nodes");
    }

    @Test
    void aSurgePastTheClusterMaximumIsWarnedAbout() {
        Advice advice = advise("nodeCount: 4999", "surgeNodes: 2");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertWarning(advice, "SCALE-CLUSTER-UPGRADE-BLOCKED", "warning", "learn-large-clusters");
    }

    @Test
    void aSurgeUpToTheClusterMaximumIsNot() {
        assertNoWarning(advise("nodeCount: 4999", "surgeNodes: 1"), "SCALE-CLUSTER-UPGRADE-BLOCKED");
    }

    // ---- SCALE-CLUSTER-MAX-NODES ----

    @Test
    void moreThan5000NodesFitNoCluster() {
        Advice advice = advise("nodeCount: 5001", "surgeNodes: 0");

        assertNoFit(advice);
        for (OptionResult option : advice.options()) {
            List<Reason> reasons = assertExcludedBy(advice, option.id(), "SCALE-CLUSTER-MAX-NODES", "learn-quotas");
            assertText(reasons.get(0), "at most 5,000 nodes", "the request reaches 5,001.", "Split the workload");
        }
        assertExcludedBy(advice, "azure-cni-overlay", "SCALE-MAX-NODES", "learn-overlay-concepts");
    }

    @Test
    void moreThan5000NodesExitsWithNoFitFromTheCommandLine() {
        CliRun run = CliRun.runWithInput("nodeCount: 5001\n", "advise", "-f", "-", "--as-of", "2026-11-21",
                "--no-cache");

        assertEquals(ExitCode.NO_FIT.code(), run.exitCode(), run::toString);
        assertTrue(run.out().contains("NO OPTION FITS"), run::toString);
        assertTrue(run.out().contains("azure-cni-overlay: SCALE-CLUSTER-MAX-NODES, SCALE-MAX-NODES"), run::toString);
    }

    // ---- SCALE-WINDOWS-MAX-PODS ----

    @Test
    void windowsPoolsWarnAboveTheRecommended110PodsPerNode() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "maxPodsPerNode: 111");

        Reason warning = assertWarning(advice, "SCALE-WINDOWS-MAX-PODS", "warning", "learn-overlay-concepts");
        assertText(warning, "111 pods per node is above the recommended maximum of 110");
    }

    @Test
    void windowsPoolsAt110PodsPerNodeGetNoWarning() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "maxPodsPerNode: 110");

        assertNoWarning(advice, "SCALE-WINDOWS-MAX-PODS");
    }

    // ---- SCALE-WINDOWS-DEFAULT-MAX-PODS ----

    @Test
    void windowsPoolsWithoutMaxPodsAreToldWhichOptionsArePlannedAt110() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"");

        List<Reason> overlay = reasons(advice, "azure-cni-overlay", "SCALE-WINDOWS-DEFAULT-MAX-PODS");
        assertEquals(1, overlay.size());
        assertText(overlay.get(0), "azure-cni-overlay is planned and deployed with 110 pods per node",
                "not its default of 250");
        assertTrue(cites(overlay.get(0), "learn-overlay-concepts"));
        // Pod Subnet's 110 and Node Subnet's 30 are not above the Windows maximum
        assertNoReason(advice, "azure-cni-pod-subnet", "SCALE-WINDOWS-DEFAULT-MAX-PODS");
        assertNoReason(advice, "azure-cni-node-subnet", "SCALE-WINDOWS-DEFAULT-MAX-PODS");
    }

    @Test
    void linuxOnlyClustersKeepOverlaysDefault() {
        Advice advice = advise("nodeCount: 10");

        assertNoReason(advice, "azure-cni-overlay", "SCALE-WINDOWS-DEFAULT-MAX-PODS");
        assertEquals(250, advice.recommendation().network().maxPods());
    }

    // ---- SCALE-MIN-POD-CAPACITY ----

    @Test
    void tenPodsPerNodeOnTwoNodesIsAnErrorAKSWouldGive() {
        Advice advice = advise("nodeCount: 2", "maxPodsPerNode: 10");

        Reason error = assertWarning(advice, "SCALE-MIN-POD-CAPACITY", "error", "learn-ip-planning");
        assertText(error, "2 nodes at 10 pods per node have room for 20 pods", "fewer than 30",
                "at least 3 nodes at 10 pods per node");
    }

    @Test
    void roomForThirtyPodsIsEnough() {
        assertNoWarning(advise("nodeCount: 3", "maxPodsPerNode: 10"), "SCALE-MIN-POD-CAPACITY");
        assertNoWarning(advise("nodeCount: 1", "maxPodsPerNode: 30"), "SCALE-MIN-POD-CAPACITY");
        assertWarning(advise("nodeCount: 1", "maxPodsPerNode: 29"), "SCALE-MIN-POD-CAPACITY", "error",
                "learn-ip-planning");
    }

    @Test
    void linuxOnlyPoolsGetNoWindowsPodsWarning() {
        Advice advice = advise("nodeCount: 10", "maxPodsPerNode: 250");

        assertNoWarning(advice, "SCALE-WINDOWS-MAX-PODS");
    }
}
