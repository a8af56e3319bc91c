package cniadvisor.rules;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.testing.AdviceAssertions.assertCites;
import static cniadvisor.testing.AdviceAssertions.assertNoReason;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules/egress.drl: what each outbound type in facts/egress.yaml needs, and what cannot change later. */
class EgressRulesTest {

    @Test
    void noOutboundTypeNamedGivesNoEgressFindings() {
        Advice advice = advise("nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/22");

        assertTrue(advice.warnings().stream().noneMatch(w -> w.rule().startsWith("EGRESS-")), advice.warnings()::toString);
    }

    // ---- which VNet ----

    @Test
    void aManagedNatGatewayInTheTeamsOwnSubnetIsAnError() {
        Advice advice = advise("nodeCount: 10", "outboundType: managedNATGateway", "nodeSubnetCidr: 10.20.0.0/22");

        Reason error = assertWarning(advice, "EGRESS-MANAGED-VNET-ONLY", "error", "learn-egress-outboundtype");
        assertCites(error, "learn-nat-gateway");
        assertText(error, "outbound type managedNATGateway works only in the VNet AKS creates",
                "(nodeSubnetCidr 10.20.0.0/22)", "use userAssignedNATGateway instead");
    }

    @Test
    void aManagedNatGatewayNamesThePoolWhoseSubnetMakesTheVnetTheTeamsOwn() {
        Advice advice = advise("outboundType: managedNATGateway", "nodePools:",
                "  - {name: sys, maxCount: 3, maxSurge: 1}",
                "  - {name: apps, maxCount: 3, maxSurge: 1, nodeSubnetId: /subscriptions/x/subnets/apps}");

        Reason error = assertWarning(advice, "EGRESS-MANAGED-VNET-ONLY", "error", "learn-egress-outboundtype");
        assertText(error, "(nodePools[1].nodeSubnetId)");
    }

    @Test
    void aManagedNatGatewayInTheAksManagedVnetIsFine() {
        Advice advice = advise("nodeCount: 10", "outboundType: managedNATGateway");

        assertNoWarning(advice, "EGRESS-MANAGED-VNET-ONLY");
        Reason oneWay = assertWarning(advice, "EGRESS-ONE-WAY", "info", "learn-egress-outboundtype");
        assertText(oneWay, "outbound type managedNATGateway cannot be updated to loadBalancer later");
    }

    @Test
    void blockInTheTeamsOwnVnetPointsToNone() {
        Advice advice = advise("nodeCount: 10", "outboundType: block", "privateCluster: true",
                "vnetCidr: [10.20.0.0/16]");

        Reason error = assertWarning(advice, "EGRESS-MANAGED-VNET-ONLY", "error", "learn-network-isolated");
        assertText(error, "(vnetCidr 10.20.0.0/16)", "use none instead");
        Reason preview = assertWarning(advice, "EGRESS-PREVIEW", "warning", "learn-egress-outboundtype");
        assertText(preview, "outbound type block is a preview");
    }

    @Test
    void aUserAssignedNatGatewayWithoutAVnetOfTheTeamsOwnIsAWarning() {
        Advice advice = advise("nodeCount: 10", "outboundType: userAssignedNATGateway");

        Reason warning = assertWarning(advice, "EGRESS-NEEDS-OWN-VNET", "warning", "learn-egress-outboundtype");
        assertText(warning, "needs your own VNet, and the request names no VNet or subnet");
        Reason prerequisite = assertWarning(advice, "EGRESS-PREREQUISITE", "info", "learn-nat-gateway");
        assertText(prerequisite, "a NAT gateway (Standard or StandardV2) that you create and associate with the "
                + "cluster's subnet before you create the cluster");
    }

    // ---- user-defined routing ----

    @Test
    void userDefinedRoutingNeedsAFirewallRouteAndWarnsOfAsymmetricRouting() {
        Advice advice = advise("nodeCount: 10", "outboundType: userDefinedRouting", "nodeSubnetCidr: 10.20.0.0/22");

        assertNoWarning(advice, "EGRESS-NEEDS-OWN-VNET");
        Reason prerequisite = assertWarning(advice, "EGRESS-PREREQUISITE", "info", "learn-egress-udr");
        assertText(prerequisite, "a 0.0.0.0/0 route to a firewall, gateway or network virtual appliance");
        Reason asymmetric = assertWarning(advice, "EGRESS-ASYMMETRIC-ROUTING", "info", "learn-limit-egress");
        assertText(asymmetric, "the stateful firewall drops the replies");
    }

    @Test
    void userDefinedRoutingTellsKubenetWhatItNeedsOnKubenetOnly() {
        Advice advice = advise("nodeCount: 10", "outboundType: userDefinedRouting", "nodeSubnetCidr: 10.20.0.0/22",
                "currentPlugin: kubenet");

        List<Reason> notes = reasons(advice, "kubenet", "EGRESS-OPTION-CAVEAT");
        assertEquals(1, notes.size(), notes::toString);
        assertEquals("notes", notes.get(0).effect());
        assertText(notes.get(0), "associated with the subnet before the cluster is created",
                "a user-assigned control-plane identity");
        assertCites(notes.get(0), "learn-limit-egress");
        assertCites(notes.get(0), "learn-kubenet");
        assertNoReason(advice, "azure-cni-overlay", "EGRESS-OPTION-CAVEAT");
    }

    // ---- network isolated clusters ----

    @Test
    void noneOnAPublicApiServerIsAWarning() {
        Reason warning = assertWarning(advise("nodeCount: 10", "outboundType: none"), "EGRESS-ISOLATED-PRIVATE-API",
                "warning", "learn-network-isolated");
        assertText(warning, "outbound type none is only available with a network isolated cluster");
    }

    @Test
    void noneWithAPrivateApiServerIsANetworkIsolatedCluster() {
        Advice advice = advise("nodeCount: 10", "outboundType: none", "privateCluster: true");

        assertNoWarning(advice, "EGRESS-ISOLATED-PRIVATE-API");
        Reason prerequisite = assertWarning(advice, "EGRESS-PREREQUISITE", "info", "learn-network-isolated");
        assertText(prerequisite, "Kubernetes 1.30 or later");
    }

    @Test
    void windowsPoolsCannotRunInANetworkIsolatedCluster() {
        Advice advice = advise("outboundType: none", "privateCluster: true", "nodePools:",
                "  - {name: sys, maxCount: 3, maxSurge: 1}",
                "  - {name: win, os: windows, windowsServerVersion: \"2022\", maxCount: 3, maxSurge: 1}");

        Reason error = assertWarning(advice, "EGRESS-ISOLATED-WINDOWS", "error", "learn-network-isolated");
        assertText(error, "network isolated clusters do not support Windows node pools");
    }

    // ---- previews and one-way doors ----

    @Test
    void theStandardV2ManagedNatGatewayIsAPreviewWithNoWayBack() {
        Advice advice = advise("nodeCount: 10", "outboundType: managedNATGatewayV2");

        Reason preview = assertWarning(advice, "EGRESS-PREVIEW", "warning", "learn-nat-gateway");
        assertText(preview, "for production use managedNATGateway");
        Reason oneWay = assertWarning(advice, "EGRESS-ONE-WAY", "info", "learn-egress-outboundtype");
        assertText(oneWay, "cannot be updated to loadBalancer, managedNATGateway, none or block later");
    }

    @Test
    void nodeAutoProvisioningFixesAksDefaultOutboundType() {
        Advice advice = advise("nodeCount: 10", "nodeAutoProvisioning: true");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        Reason info = assertWarning(advice, "EGRESS-NAP-FIXED", "info", "learn-nap");
        assertText(info, "the outbound type (loadBalancer, AKS's default) cannot be changed");
    }

    @Test
    void nodeAutoProvisioningFixesTheOutboundTypeTheTeamNames() {
        Reason info = assertWarning(advise("nodeCount: 10", "nodeAutoProvisioning: true",
                "outboundType: userDefinedRouting", "nodeSubnetCidr: 10.20.0.0/22"), "EGRESS-NAP-FIXED", "info",
                "learn-egress-udr");
        assertText(info, "the outbound type (userDefinedRouting) cannot be changed");
    }
}
