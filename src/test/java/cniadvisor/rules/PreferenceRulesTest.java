package cniadvisor.rules;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.model.OptionResult.ELIGIBLE;
import static cniadvisor.model.OptionResult.RECOMMENDED;
import static cniadvisor.testing.AdviceAssertions.assertNoFit;
import static cniadvisor.testing.AdviceAssertions.assertNoReason;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertReason;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.option;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules/preferences.drl: soft preferences that rank what the hard constraints left. */
class PreferenceRulesTest {

    // ---- PREF-OVERLAY-GENERAL, PREF-CILIUM-DATAPLANE ----

    @Test
    void withoutConstraintsALinuxClusterGetsOverlayWithTheCiliumDataPlane() {
        Advice advice = advise("nodeCount: 10");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertReason(advice, "azure-cni-overlay", RECOMMENDED, "PREF-OVERLAY-GENERAL", "favours",
                "learn-plan-pod-networking");
        assertReason(advice, "azure-cni-overlay", RECOMMENDED, "PREF-CILIUM-DATAPLANE", "favours", "learn-cilium");
    }

    @Test
    void theCiliumDataPlaneIsFavouredOnEveryOptionThatCanRunIt() {
        Advice advice = advise("nodeCount: 10");

        for (String option : List.of("azure-cni-pod-subnet", "azure-cni-node-subnet")) {
            assertReason(advice, option, ELIGIBLE, "PREF-CILIUM-DATAPLANE", "favours", "learn-cilium");
            assertTrue("cilium".equals(option(advice, option).dataplane()), option);
        }
    }

    // ---- PREF-TRAFFIC-INTRA-CLUSTER ----

    @Test
    void mostlyInClusterTrafficFavoursOverlay() {
        Advice advice = advise("nodeCount: 10", "trafficPattern: intra-cluster");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        List<Reason> favours = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "PREF-TRAFFIC-INTRA-CLUSTER",
                "favours", "learn-overlay-concepts");
        assertText(favours.get(0), "trafficPattern: intra-cluster");
        assertNoReason(advice, "azure-cni-pod-subnet", "PREF-TRAFFIC-INTRA-CLUSTER");
    }

    // ---- PREF-TRAFFIC-EXTERNAL ----

    @Test
    void mostlyExternalTrafficFavoursFlatPodSubnet() {
        Advice advice = advise("nodeCount: 10", "trafficPattern: external");

        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
        assertReason(advice, "azure-cni-pod-subnet", RECOMMENDED, "PREF-TRAFFIC-EXTERNAL", "favours",
                "learn-overlay-concepts");
        assertReason(advice, "azure-cni-node-subnet", ELIGIBLE, "PREF-TRAFFIC-EXTERNAL", "favours",
                "learn-overlay-concepts");
        assertNoReason(advice, "azure-cni-overlay", "PREF-TRAFFIC-EXTERNAL");
    }

    // ---- PREF-NODE-SUBNET-LEGACY ----

    @Test
    void nodeSubnetRanksBelowPodSubnetAsTheLegacyFlatOption() {
        Advice advice = advise("nodeCount: 10", "directPodAccess: true");

        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
        List<Reason> penalties = assertReason(advice, "azure-cni-node-subnet", ELIGIBLE, "PREF-NODE-SUBNET-LEGACY",
                "penalises", "learn-plan-pod-networking");
        assertText(penalties.get(0), "Pod Subnet is the recommended flat option");
    }

    // ---- PREF-POD-SOURCE-IP-PARTIAL ----

    @Test
    void visiblePodSourceIpsRankNodeSubnetLowerBecauseItSnatsOutsideTheVnet() {
        Advice advice = advise("nodeCount: 10", "podSourceIpVisible: true");

        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
        List<Reason> penalties = assertReason(advice, "azure-cni-node-subnet", ELIGIBLE,
                "PREF-POD-SOURCE-IP-PARTIAL", "penalises", "learn-legacy-cni");
        assertText(penalties.get(0), "traffic leaving the virtual network is SNATed to the node IP");
        assertTrue(option(advice, "azure-cni-node-subnet").score() < option(advice, "azure-cni-pod-subnet").score());
    }

    // ---- PREF-APP-GATEWAY-FOR-CONTAINERS-PARTIAL ----

    @Test
    void applicationGatewayForContainersNotesOverlaysSubnetConditions() {
        Advice advice = advise("nodeCount: 10", "appGatewayForContainers: true");

        List<Reason> notes = assertReason(advice, "azure-cni-overlay", RECOMMENDED,
                "PREF-APP-GATEWAY-FOR-CONTAINERS-PARTIAL", "notes", "learn-agc-networking");
        assertText(notes.get(0), "subnet must be exactly /24");
    }

    // ---- PREF-BYO-SUPPORT ----

    @Test
    void aCustomCniGetsBringYourOwnWithASupportWarning() {
        Advice advice = advise("nodeCount: 10", "customCni: cilium-oss");

        assertRecommended(advice, "byo-cni", "none", "none");
        Reason warning = assertWarning(advice, "PREF-BYO-SUPPORT", "warning", "learn-byo-cni");
        assertText(warning, "Microsoft does not support CNI-related issues", "troubleshoots cilium-oss itself");
    }

    @Test
    void managedOptionsGetNoBringYourOwnWarning() {
        assertNoWarning(advise("nodeCount: 10"), "PREF-BYO-SUPPORT");
    }
}
