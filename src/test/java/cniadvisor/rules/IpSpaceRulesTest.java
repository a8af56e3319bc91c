package cniadvisor.rules;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.model.OptionResult.ELIGIBLE;
import static cniadvisor.model.OptionResult.RECOMMENDED;
import static cniadvisor.testing.AdviceAssertions.assertExcludedBy;
import static cniadvisor.testing.AdviceAssertions.assertNoReason;
import static cniadvisor.testing.AdviceAssertions.assertReason;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertStatus;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.cites;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rules/ip-space.drl. The IP rules are being extended (issue 3), so these tests hold to rule ids, statuses and
 * Microsoft's own worked numbers, not to the exact wording.
 */
class IpSpaceRulesTest {

    // ---- IP-NODE-SUBNET-CAPACITY ----

    /** Microsoft's example: 50 nodes, 30 pods (node subnet's default), surge 1 -> 51 + 51 x 30 = 1,581 -> /21. */
    @Test
    void aNodeSubnetTooSmallForMicrosoftsExampleExcludesNodeSubnetWithTheNumbers() {
        Advice advice = advise("nodeCount: 50", "surgeNodes: 1", "nodeSubnetCidr: 10.0.0.0/22");

        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-node-subnet", "IP-NODE-SUBNET-CAPACITY",
                "learn-ip-planning");
        assertText(reasons.get(0), "1,019", "1,581", "/21");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertStatus(advice, "azure-cni-pod-subnet", ELIGIBLE);
    }

    // ---- IP-DEFAULT-MAX-SURGE ----

    /** Without a surge, AKS's default 10% (rounded up) counts: 50 nodes + 5 -> 55 x 31 = 1,705, still a /21. */
    @Test
    void withoutASurgeTheDefaultTenPercentIsCountedAndSaidWhy() {
        Advice advice = advise("nodeCount: 50", "nodeSubnetCidr: 10.0.0.0/22");

        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-node-subnet", "IP-NODE-SUBNET-CAPACITY",
                "learn-ip-planning");
        assertText(reasons.get(0), "(50 nodes + 5 surge at 10%)", "1,705", "/21");
        List<Reason> findings = advice.addressPlan().findings().stream()
                .filter(r -> r.rule().equals("IP-DEFAULT-MAX-SURGE")).toList();
        assertEquals(1, findings.size());
        assertText(findings.get(0), "10% of the nodes, rounded up: 5 for 50 nodes", "2025-03-16",
                "still say one node");
        assertTrue(cites(findings.get(0), "aks-release-2025-03-16"));
        assertTrue(cites(findings.get(0), "learn-ip-planning"));
    }

    @Test
    void aGivenSurgeLeavesTheDefaultUnsaid() {
        for (String surge : List.of("surgeNodes: 1", "maxSurge: 1", "maxSurge: 33%")) {
            Advice advice = advise("nodeCount: 50", surge);
            assertTrue(advice.addressPlan().findings().stream().noneMatch(r -> r.rule().equals("IP-DEFAULT-MAX-SURGE")),
                    surge);
        }
    }

    @Test
    void aSlash21HoldsMicrosoftsExample() {
        Advice advice = advise("nodeCount: 50", "nodeSubnetCidr: 10.0.0.0/21");

        assertStatus(advice, "azure-cni-node-subnet", ELIGIBLE);
        assertNoReason(advice, "azure-cni-node-subnet", "IP-NODE-SUBNET-CAPACITY");
    }

    // ---- IP-POD-CIDR-CAPACITY ----

    @Test
    void aPodCidrWithFewerSlash24BlocksThanNodesExcludesOverlay() {
        Advice advice = advise("nodeCount: 10", "podCidr: 10.244.0.0/22");

        assertExcludedBy(advice, "azure-cni-overlay", "IP-POD-CIDR-CAPACITY", "learn-overlay-concepts");
        assertRecommended(advice, "azure-cni-pod-subnet", "cilium", "cilium");
    }

    @Test
    void aPodCidrWithABlockForEveryNodeAndTheSurgeKeepsOverlay() {
        // 10 nodes + 1 surge need 11 /24 blocks; a /20 has 16
        Advice advice = advise("nodeCount: 10", "podCidr: 10.244.0.0/20");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        assertNoReason(advice, "azure-cni-overlay", "IP-POD-CIDR-CAPACITY");
    }
}
