package cniadvisor.rules;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.testing.AdviceAssertions.assertCites;
import static cniadvisor.testing.AdviceAssertions.assertExcludedBy;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.AdviceAssertions.withText;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rules/subnets.drl: the subnets of API server VNet integration, Application Gateway for Containers, Application
 * Gateway and virtual nodes, and every subnet against the VNet's address spaces.
 */
class SubnetRulesTest {

    private static List<Reason> findings(Advice advice, String rule) {
        return advice.addressPlan().findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static Reason onlyFinding(Advice advice, String rule, String level, String sourceId) {
        List<Reason> found = findings(advice, rule);
        assertEquals(1, found.size(), rule + " in " + advice.addressPlan().findings());
        assertEquals(level, found.get(0).level(), rule + " level");
        assertCites(found.get(0), sourceId);
        return found.get(0);
    }

    @Test
    void subnetsOfTheRightSizesInsideTheVnetPass() {
        Advice advice = advise("nodeCount: 10", "vnetCidr: [10.20.0.0/16]", "nodeSubnetCidr: 10.20.0.0/22",
                "privateCluster: true", "apiServerVnetIntegration: true", "apiServerSubnetCidr: 10.20.4.0/28",
                "appGatewayForContainers: true", "appGatewayForContainersSubnetCidr: 10.20.5.0/24",
                "applicationGatewayIngress: true", "applicationGatewaySubnetCidr: 10.20.6.0/24");

        assertTrue(advice.addressPlan().findings().stream().noneMatch(f -> f.rule().startsWith("SUBNET-")),
                advice.addressPlan().findings()::toString);
        assertTrue(advice.warnings().stream().noneMatch(f -> f.rule().startsWith("SUBNET-")),
                advice.warnings()::toString);
    }

    @Test
    void anApiServerSubnetSmallerThanA28IsRejected() {
        Advice advice = advise("nodeCount: 10", "apiServerVnetIntegration: true", "apiServerSubnetCidr: 10.20.4.0/29");

        Reason error = onlyFinding(advice, "SUBNET-APISERVER-TOO-SMALL", "error", "learn-api-server-vnet-integration");
        assertText(error, "The API server subnet 10.20.4.0/29 is a /29; API server VNet integration needs a /28 or larger");
    }

    @Test
    void anAgcSubnetMustBeExactlyA24() {
        for (String cidr : List.of("10.20.4.0/25", "10.20.4.0/23")) {
            Advice advice = advise("nodeCount: 10", "appGatewayForContainers: true",
                    "appGatewayForContainersSubnetCidr: " + cidr);
            Reason error = onlyFinding(advice, "SUBNET-AGC-SIZE", "error", "learn-agc-networking");
            assertText(error, "The Application Gateway for Containers subnet " + cidr, "it must be a /24");
        }
    }

    @Test
    void anApplicationGatewaySubnetBelowA24IsOnlyAWarning() {
        Advice advice = advise("nodeCount: 10", "applicationGatewayIngress: true",
                "applicationGatewaySubnetCidr: 10.20.4.0/26");

        Reason warning = onlyFinding(advice, "SUBNET-APPGW-SIZE", "warning", "learn-appgw-infra");
        assertText(warning, "Microsoft recommends a /24 or larger");
    }

    @Test
    void aSubnetForAFeatureTheRequestDoesNotUseIsAWarningCitingThatFeature() {
        Advice advice = advise("nodeCount: 10", "virtualNodesSubnetCidr: 10.20.8.0/24",
                "apiServerSubnetCidr: 10.20.4.0/28");

        List<Reason> warnings = cniadvisor.testing.Fixtures.warnings(advice, "SUBNET-WITHOUT-FEATURE");
        assertEquals(2, warnings.size(), warnings::toString);
        Reason virtualNodes = withText(warnings, "virtual nodes subnet 10.20.8.0/24");
        assertEquals("warning", virtualNodes.level());
        assertText(virtualNodes, "Set virtualNodes: true, or drop the subnet");
        assertCites(virtualNodes, "learn-virtual-nodes");
        Reason apiServer = withText(warnings, "API server subnet 10.20.4.0/28");
        assertText(apiServer, "Set apiServerVnetIntegration: true");
        assertCites(apiServer, "learn-api-server-vnet-integration");
    }

    @Test
    void subnetsOutsideTheVnetAreRejectedNamingThePoolsSubnet() {
        Advice advice = advise("vnetCidr: [10.20.0.0/16, 10.30.0.0/24]", "nodePools:",
                "  - {name: sys, maxCount: 3, maxSurge: 1, nodeSubnetCidr: 10.20.0.0/24}",
                "  - {name: apps, maxCount: 3, maxSurge: 1, nodeSubnetCidr: 10.21.0.0/24}",
                "  - {name: more, maxCount: 3, maxSurge: 1, nodeSubnetCidr: 10.30.0.0/24}");

        Reason error = onlyFinding(advice, "SUBNET-OUTSIDE-VNET", "error", "learn-vnet-subnet");
        assertText(error, "The node subnet 10.21.0.0/24 of node pool 'apps' (nodePools[1]) lies outside the VNet's "
                + "address spaces (10.20.0.0/16, 10.30.0.0/24)");
    }

    @Test
    void aSubnetPartlyOutsideTheVnetIsRejected() {
        Advice advice = advise("nodeCount: 10", "vnetCidr: [10.20.0.0/24]", "nodeSubnetCidr: 10.20.0.0/23");

        Reason error = onlyFinding(advice, "SUBNET-OUTSIDE-VNET", "error", "learn-vnet-subnet");
        assertText(error, "The node subnet 10.20.0.0/23 lies outside");
    }

    @Test
    void withoutAVnetNoSubnetIsOutsideIt() {
        assertTrue(findings(advise("nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/22"), "SUBNET-OUTSIDE-VNET").isEmpty());
    }

    @Test
    void apiServerVnetIntegrationOnAPublicClusterSaysWhatItGives() {
        Reason info = assertWarning(advise("nodeCount: 10", "apiServerVnetIntegration: true"),
                "SUBNET-APISERVER-PUBLIC", "info", "learn-api-server-vnet-integration");
        assertText(info, "the API server also stays reachable publicly");
        assertNoWarning(advise("nodeCount: 10", "apiServerVnetIntegration: true", "privateCluster: true"),
                "SUBNET-APISERVER-PUBLIC");
    }

    @Test
    void dualStackWithApiServerVnetIntegrationNeedsOverlayEvenForByoCni() {
        Advice advice = advise("nodeCount: 10", "dualStack: true", "apiServerVnetIntegration: true",
                "privateCluster: true");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertTrue(reasons(advice, "azure-cni-overlay", "SUBNET-APISERVER-DUAL-STACK").isEmpty());
        Reason byo = assertExcludedBy(advice, "byo-cni", "SUBNET-APISERVER-DUAL-STACK",
                "learn-api-server-vnet-integration").get(0);
        assertText(byo, "needs network plugin azure in overlay mode");
        assertExcludedBy(advice, "azure-cni-pod-subnet", "SUBNET-APISERVER-DUAL-STACK",
                "learn-api-server-vnet-integration");
    }
}
