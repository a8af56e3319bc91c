package cniadvisor.rules;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cniadvisor.model.OptionResult.ELIGIBLE;
import static cniadvisor.model.OptionResult.RECOMMENDED;
import static cniadvisor.testing.AdviceAssertions.assertCites;
import static cniadvisor.testing.AdviceAssertions.assertExcludedBy;
import static cniadvisor.testing.AdviceAssertions.assertNoFit;
import static cniadvisor.testing.AdviceAssertions.assertNoReason;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertOnlyReason;
import static cniadvisor.testing.AdviceAssertions.assertReason;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertStatus;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rules/lifecycle.drl: retirements and migrations from facts/lifecycle.yaml, always judged against an explicit
 * as-of date. Kubenet retires on 2028-03-31, Azure NPM on Windows on 2026-09-30 and on Linux on 2028-09-30,
 * Windows Server 2019 on 2026-03-01.
 */
class LifecycleRulesTest {

    private static final LocalDate BEFORE_KUBENET_RETIRES = LocalDate.of(2026, 11, 21);
    private static final LocalDate KUBENET_RETIRES = LocalDate.of(2028, 3, 31);
    private static final LocalDate AFTER_KUBENET_RETIRED = LocalDate.of(2028, 4, 1);

    // ---- LIFE-RETIRING-PLUGIN-NEW-CLUSTER ----

    @Test
    void aNewClusterNeverStartsOnKubenetEvenWhenEverythingElseSuitsIt() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "trafficPattern: intra-cluster");

        Reason reason = assertOnlyReason(advice, "kubenet", "LIFE-RETIRING-PLUGIN-NEW-CLUSTER");
        assertExcludedBy(advice, "kubenet", "LIFE-RETIRING-PLUGIN-NEW-CLUSTER", "aks-kubenet-retirement");
        assertText(reason, "retires on 2028-03-31", "should use azure-cni-overlay");
    }

    // ---- LIFE-RETIRING-PLUGIN-MIGRATE ----

    @Test
    void anExistingKubenetClusterIsToldToMigrateToOverlayWithTheDeadlineAndDaysLeft() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: kubenet");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        Reason warning = assertWarning(advice, "LIFE-RETIRING-PLUGIN-MIGRATE", "warning", "aks-kubenet-retirement");
        assertEquals("This cluster runs kubenet, which is unsupported from 2028-03-31 (496 days after 2026-11-21): "
                + "migrate to azure-cni-overlay before then.", warning.text());
    }

    @Test
    void theDaysLeftCountFromTheAsOfDate() {
        Advice advice = advise(LocalDate.of(2028, 1, 1), "nodeCount: 10", "currentPlugin: kubenet");

        Reason warning = assertWarning(advice, "LIFE-RETIRING-PLUGIN-MIGRATE", "warning", "learn-update-cni");
        assertText(warning, "(90 days after 2028-01-01)");
    }

    @Test
    void anExistingKubenetClusterRanksKubenetLastButKeepsItEligibleUntilTheDate() {
        Advice advice = advise(KUBENET_RETIRES.minusDays(1), "nodeCount: 10", "currentPlugin: kubenet");

        List<Reason> reasons = assertReason(advice, "kubenet", ELIGIBLE, "LIFE-RETIRING-PLUGIN-MIGRATE",
                "penalises", "aks-kubenet-retirement");
        assertText(reasons.get(0), "kubenet retires on 2028-03-31; migrate to azure-cni-overlay before then");
        int kubenetScore = option(advice, "kubenet").score();
        advice.options().stream().filter(o -> o.score() != null && !o.id().equals("kubenet"))
                .forEach(o -> assertTrue(o.score() > kubenetScore, () -> o.id() + " should outrank kubenet"));
    }

    // ---- LIFE-RETIRED-PLUGIN ----

    @Test
    void kubenetIsExcludedOnItsRetirementDate() {
        Advice advice = advise(KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: kubenet");

        assertExcludedBy(advice, "kubenet", "LIFE-RETIRED-PLUGIN", "aks-kubenet-retirement");
    }

    @Test
    void afterItsRetirementKubenetIsExcludedForANewCluster() {
        Advice advice = advise(AFTER_KUBENET_RETIRED, "nodeCount: 10");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "LIFE-RETIRED-PLUGIN", "learn-cni-overview");
        assertText(reasons.get(0), "has been unsupported since 2028-03-31");
    }

    // ---- LIFE-RETIRED-PLUGIN-IN-USE ----

    @Test
    void afterItsRetirementAnExistingKubenetClusterGetsAnErrorToMigrateNow() {
        Advice advice = advise(AFTER_KUBENET_RETIRED, "nodeCount: 10", "currentPlugin: kubenet");

        assertOnlyReason(advice, "kubenet", "LIFE-RETIRED-PLUGIN");
        Reason error = assertWarning(advice, "LIFE-RETIRED-PLUGIN-IN-USE", "error", "learn-update-cni");
        assertEquals("This cluster runs kubenet, unsupported since 2028-03-31: migrate to azure-cni-overlay now.",
                error.text());
        assertNoWarning(advice, "LIFE-RETIRING-PLUGIN-MIGRATE");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    @Test
    void theDayBeforeItsRetirementAnExistingKubenetClusterGetsNoError() {
        Advice advice = advise(KUBENET_RETIRES.minusDays(1), "nodeCount: 10", "currentPlugin: kubenet");

        assertNoWarning(advice, "LIFE-RETIRED-PLUGIN-IN-USE");
        assertWarning(advice, "LIFE-RETIRING-PLUGIN-MIGRATE", "warning", "aks-kubenet-retirement");
    }

    // ---- LIFE-RETIRING-POLICY-ENGINE ----

    @Test
    void azureNpmOnWindowsIsRankedDownWithItsDeadlineBeforeItRetires() {
        Advice advice = advise(LocalDate.of(2026, 9, 29), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: azure");

        List<Reason> reasons = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "LIFE-RETIRING-POLICY-ENGINE",
                "penalises", "aks-npm-windows-retirement");
        assertText(reasons.get(0), "policy:azure on Windows nodes is unsupported from 2026-09-30 (1 day away); use calico");
    }

    @Test
    void withAnyEngineWindowsGetsCalicoRatherThanTheRetiringNpm() {
        Advice advice = advise(LocalDate.of(2026, 6, 1), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "azure", "calico");
    }

    // ---- LIFE-RETIRED-POLICY-ENGINE ----

    @Test
    void azureNpmOnWindowsIsStillOfferedTheDayBeforeItsRetirement() {
        Advice advice = advise(LocalDate.of(2026, 9, 29), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: azure");

        assertRecommended(advice, "azure-cni-overlay", "azure", "azure");
        assertNoReason(advice, "azure-cni-overlay", "LIFE-RETIRED-POLICY-ENGINE");
    }

    @Test
    void azureNpmOnWindowsIsExcludedFrom20260930() {
        Advice advice = advise(LocalDate.of(2026, 9, 30), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: azure");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "LIFE-RETIRED-POLICY-ENGINE",
                "aks-npm-windows-retirement");
        assertText(reasons.get(0), "policy:azure on windows nodes has been unsupported since 2026-09-30; use calico");
    }

    @Test
    void azureNpmOnWindowsRetiringLeavesCalicoForAnyPolicyEngine() {
        Advice advice = advise(LocalDate.of(2026, 9, 30), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "azure", "calico");
    }

    @Test
    void azureNpmOnLinuxOnlyClustersIsUnaffectedByTheWindowsRetirement() {
        Advice advice = advise(LocalDate.of(2026, 9, 30), "nodeCount: 10", "networkPolicy: azure");

        assertRecommended(advice, "azure-cni-overlay", "azure", "azure");
    }

    @Test
    void azureNpmOnLinuxIsExcludedFrom20280930() {
        Advice advice = advise(LocalDate.of(2028, 9, 30), "nodeCount: 10", "networkPolicy: azure");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "LIFE-RETIRED-POLICY-ENGINE",
                "learn-npm-to-cilium");
        assertText(reasons.get(0), "policy:azure on linux nodes has been unsupported since 2028-09-30; use cilium");
    }

    // ---- LIFE-WINDOWS-RETIRED ----

    @Test
    void windowsServer2019GetsAnErrorFromItsRetirementDate() {
        Advice advice = advise(LocalDate.of(2026, 3, 1), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2019\"");

        Reason error = assertWarning(advice, "LIFE-WINDOWS-RETIRED", "error", "aks-release-notes");
        assertText(error, "Windows Server 2019 has been unsupported since 2026-03-01", "Use Windows Server 2025");
        // the retirement is cited from what says it: the release that retired it and its retirement issue
        assertCites(error, "aks-release-2026-05-29");
        assertCites(error, "aks-windows-2019-retirement");
        assertNoWarning(advice, "LIFE-WINDOWS-RETIRING");
    }

    // ---- LIFE-WINDOWS-RETIRING ----

    @Test
    void windowsServer2019GetsAWarningBeforeItsRetirementDate() {
        Advice advice = advise(LocalDate.of(2026, 2, 28), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2019\"");

        Reason warning = assertWarning(advice, "LIFE-WINDOWS-RETIRING", "warning", "learn-windows-best-practices");
        assertText(warning, "Windows Server 2019 is unsupported from 2026-03-01",
                "Plan the move to Windows Server 2025");
        assertNoWarning(advice, "LIFE-WINDOWS-RETIRED");
    }

    @Test
    void windowsServer2025HasNoRetirementWarning() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2025\"");

        assertNoWarning(advice, "LIFE-WINDOWS-RETIRING");
        assertNoWarning(advice, "LIFE-WINDOWS-RETIRED");
    }

    // ---- LIFE-MIGRATION-PATH ----

    @Test
    void kubenetMigratesToOverlayInPlaceAndOneWay() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: kubenet");

        List<Reason> notes = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "LIFE-MIGRATION-PATH", "notes",
                "learn-update-cni");
        assertText(notes.get(0), "Migration from kubenet: in-place, one-way: true",
                "the pod CIDR stays as it is unless --pod-cidr sets a new, larger one",
                "Command: az aks update --network-plugin azure --network-plugin-mode overlay");
    }

    @Test
    void nodeSubnetMigratesToOverlayInPlaceAndOneWay() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: azure-cni-node-subnet");

        List<Reason> notes = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "LIFE-MIGRATION-PATH", "notes",
                "learn-update-cni");
        assertText(notes.get(0), "Migration from azure-cni-node-subnet: in-place, one-way: true",
                "The reasons that favour azure-cni-overlay are what the move gains");
    }

    @Test
    void podSubnetCannotMigrateToOverlayWithoutARebuild() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: azure-cni-pod-subnet");

        List<Reason> notes = assertReason(advice, "azure-cni-overlay", ELIGIBLE, "LIFE-MIGRATION-PATH", "notes",
                "learn-update-cni");
        assertText(notes.get(0), "Migration from azure-cni-pod-subnet: rebuild", "build a new cluster");
    }

    // ---- LIFE-REBUILD-NEEDED ----

    @Test
    void aPodSubnetClusterStaysOnPodSubnetBecauseOverlayNeedsARebuild() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: azure-cni-pod-subnet");

        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
        List<Reason> penalties = assertReason(advice, "azure-cni-overlay", ELIGIBLE, "LIFE-REBUILD-NEEDED",
                "penalises", "learn-update-cni");
        assertText(penalties.get(0), "azure-cni-pod-subnet cannot be updated in place to azure-cni-overlay");
    }

    @Test
    void anInPlaceMigrationCarriesNoRebuildPenalty() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 10", "currentPlugin: kubenet");

        assertNoReason(advice, "azure-cni-overlay", "LIFE-REBUILD-NEEDED");
        assertReason(advice, "azure-cni-pod-subnet", ELIGIBLE, "LIFE-REBUILD-NEEDED", "penalises",
                "learn-update-cni");
        assertStatus(advice, "azure-cni-node-subnet", ELIGIBLE);
        assertReason(advice, "azure-cni-node-subnet", ELIGIBLE, "LIFE-REBUILD-NEEDED", "penalises",
                "learn-update-cni");
    }

    // ---- LIFE-STAY-CURRENT ----

    @Test
    void anExistingPodSubnetClusterIsNotSteeredToARebuildByItsTrafficPattern() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 50", "currentPlugin: azure-cni-pod-subnet",
                "trafficPattern: intra-cluster");

        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
        List<Reason> favours = assertReason(advice, "azure-cni-pod-subnet", RECOMMENDED, "LIFE-STAY-CURRENT",
                "favours", "learn-update-cni");
        assertText(favours.get(0), "Azure CNI Pod Subnet is not retiring and no requirement rules it out, so it stays");
        // what a rebuild would gain is said on Overlay's side
        assertReason(advice, "azure-cni-overlay", ELIGIBLE, "PREF-TRAFFIC-INTRA-CLUSTER", "favours",
                "learn-overlay-concepts");
        List<Reason> notes = assertReason(advice, "azure-cni-overlay", ELIGIBLE, "LIFE-MIGRATION-PATH", "notes",
                "learn-update-cni");
        assertText(notes.get(0), "rebuild", "The reasons that favour azure-cni-overlay are what the move gains");
    }

    @Test
    void anExistingNodeSubnetClusterTakesTheInPlaceUpgradeToOverlay() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 50", "currentPlugin: azure-cni-node-subnet",
                "trafficPattern: intra-cluster", "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        List<Reason> upgrade = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "LIFE-UPGRADE-IN-PLACE",
                "favours", "learn-update-cni");
        assertText(upgrade.get(0), "azure-cni-node-subnet reaches Azure CNI Overlay by an in-place update");
        // staying is still weighed, and loses
        assertReason(advice, "azure-cni-node-subnet", ELIGIBLE, "LIFE-STAY-CURRENT", "favours", "learn-update-cni");
    }

    @Test
    void anExistingNodeSubnetClusterWithMostlyExternalTrafficStaysFlat() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 50", "currentPlugin: azure-cni-node-subnet",
                "trafficPattern: external");

        assertRecommended(advice, "azure-cni-node-subnet", "cilium", "cilium");
        assertReason(advice, "azure-cni-node-subnet", RECOMMENDED, "LIFE-STAY-CURRENT", "favours", "learn-update-cni");
        assertReason(advice, "azure-cni-overlay", ELIGIBLE, "LIFE-UPGRADE-IN-PLACE", "favours", "learn-update-cni");
    }

    @Test
    void aRetiringPluginGetsNoStayBonus() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 50", "currentPlugin: kubenet");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertNoReason(advice, "kubenet", "LIFE-STAY-CURRENT");
    }

    @Test
    void aRequirementTheCurrentPluginCannotMeetStillMeansARebuild() {
        Advice advice = advise(BEFORE_KUBENET_RETIRES, "nodeCount: 50", "currentPlugin: azure-cni-pod-subnet",
                "dualStack: true");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertExcludedBy(advice, "azure-cni-pod-subnet", "ELIG-UNSUPPORTED-FEATURE", "learn-dual-stack");
    }
}
