package cniadvisor.rules;

import cniadvisor.cli.ExitCode;
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
        assertText(reasons.get(0), "kubenet supports at most 400 nodes; the request reaches 401 (401 + 0 surge)");
        assertOnlyReason(advice, "kubenet", "SCALE-MAX-NODES");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    @Test
    void surgeNodesCountAgainstKubenetsRouteLimit() {
        Advice advice = advise("nodeCount: 400", "surgeNodes: 1", "currentPlugin: kubenet");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "SCALE-MAX-NODES", "learn-kubenet");
        assertText(reasons.get(0), "kubenet supports at most 400 nodes; the request reaches 401 (400 + 1 surge)");
    }

    @Test
    void overlayHolds5000Nodes() {
        Advice advice = advise("nodeCount: 5000", "surgeNodes: 0");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertNoReason(advice, "azure-cni-overlay", "SCALE-MAX-NODES");
    }

    @Test
    void azureNpmIsSupportedUpTo250Nodes() {
        Advice advice = advise("nodeCount: 250", "surgeNodes: 0", "networkPolicy: azure");

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

    // ---- SCALE-CLUSTER-MAX-NODES ----

    @Test
    void moreThan5000NodesFitNoCluster() {
        Advice advice = advise("nodeCount: 5001", "surgeNodes: 0");

        assertNoFit(advice);
        for (OptionResult option : advice.options()) {
            List<Reason> reasons = assertExcludedBy(advice, option.id(), "SCALE-CLUSTER-MAX-NODES", "learn-quotas");
            assertText(reasons.get(0), "at most 5,000 nodes", "the request reaches 5,001", "Split the workload");
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

    @Test
    void linuxOnlyPoolsGetNoWindowsPodsWarning() {
        Advice advice = advise("nodeCount: 10", "maxPodsPerNode: 250");

        assertNoWarning(advice, "SCALE-WINDOWS-MAX-PODS");
    }
}
