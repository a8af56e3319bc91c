package cniadvisor.ipplan;

import cniadvisor.model.AddressFit;
import cniadvisor.model.Request;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Microsoft's worked examples (concepts-network-ip-address-planning and friends) must come out exactly. */
class AddressPlannerTest {

    /** The planner works on the request the rules see, without its name. */
    private static Request request(String... yamlLines) {
        return Fixtures.request(yamlLines).request();
    }

    private final AddressPlanner planner = advisor().planner();

    private AddressFit fit(Request request, String option, String range) {
        List<AddressFit> fits = planner.fits(request);
        return fits.stream().filter(f -> f.option().equals(option) && f.range().equals(range)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + option + " / " + range + " in " + fits));
    }

    @Nested
    class NodeSubnetFormula {
        @Test
        void fiftyNodesThirtyPodsOneSurgeNeed1581AddressesAndASlash21() {
            AddressFit f = fit(request("nodeCount: 50", "maxPodsPerNode: 30", "surgeNodes: 1"),
                    "azure-cni-node-subnet", "node-subnet");
            assertEquals(1581, f.needed());
            assertEquals(21, f.smallestPrefix());
            assertEquals("(50 nodes + 1 surge) x (30 pods + 1 node IP) = 1,581 addresses", f.formula());
        }

        @Test
        void fiftyNodesPlusTenPlannedPlusOneSurgeNeed1891AddressesAndASlash21() {
            AddressFit f = fit(request("nodeCount: 60", "maxPodsPerNode: 30", "surgeNodes: 1"),
                    "azure-cni-node-subnet", "node-subnet");
            assertEquals(1891, f.needed());
            assertEquals(21, f.smallestPrefix());
        }

        @Test
        void nodeSubnetDefaultMaxPodsIsThirtyAndTheDefaultSurgeTenPercent() {
            AddressFit f = fit(request("nodeCount: 50"), "azure-cni-node-subnet", "node-subnet");
            assertEquals(30, f.maxPods());
            assertEquals(1705, f.needed()); // (50 + 5 surge at 10%) x 31
            assertEquals("(50 nodes + 5 surge at 10%) x (30 pods + 1 node IP) = 1,705 addresses", f.formula());
        }

        @Test
        void aMaxSurgePercentageIsRoundedUpToWholeNodes() {
            // 33% of 50 is 16.5: 17 surge nodes
            AddressFit f = fit(request("nodeCount: 50", "maxPodsPerNode: 30", "maxSurge: 33%"),
                    "azure-cni-node-subnet", "node-subnet");
            assertEquals(2077, f.needed()); // 67 x 31
            assertEquals("(50 nodes + 17 surge at 33%) x (30 pods + 1 node IP) = 2,077 addresses", f.formula());
        }

        @Test
        void theDefaultSurgeIsAtLeastOneNode() {
            // 10% of 3 is 0.3: rounded up to 1, as for a percentage AKS is given
            AddressFit f = fit(request("nodeCount: 3", "maxPodsPerNode: 30"), "azure-cni-node-subnet", "node-subnet");
            assertEquals(124, f.needed()); // 4 x 31
        }

        @Test
        void aMaxSurgeCountIsTakenAsIs() {
            AddressFit f = fit(request("nodeCount: 50", "maxPodsPerNode: 30", "maxSurge: 2"),
                    "azure-cni-node-subnet", "node-subnet");
            assertEquals(1612, f.needed()); // 52 x 31
            assertEquals("(50 nodes + 2 surge) x (30 pods + 1 node IP) = 1,612 addresses", f.formula());
        }

        @Test
        void overlayAndKubenetNodeSubnetsHoldOnlyNodes() {
            Request r = request("nodeCount: 50", "maxPodsPerNode: 30", "surgeNodes: 1");
            assertEquals(51, fit(r, "azure-cni-overlay", "node-subnet").needed());
            assertEquals(51, fit(r, "kubenet", "node-subnet").needed());
            assertEquals(51, fit(r, "azure-cni-pod-subnet", "node-subnet").needed());
        }
    }

    @Nested
    class Capacity {
        @Test
        void aSlash24Has251UsableAddresses() {
            assertEquals(251, planner.usable(24));
        }

        @Test
        void aSlash24HoldsEightNodesAtThirtyPodsOnNodeSubnetAnd251OnOverlayAndKubenet() {
            Request r = request("nodeCount: 8", "maxPodsPerNode: 30", "surgeNodes: 0", "nodeSubnetCidr: 10.1.0.0/24");
            assertEquals(8L, fit(r, "azure-cni-node-subnet", "node-subnet").capacityNodes());
            assertEquals(251L, fit(r, "azure-cni-overlay", "node-subnet").capacityNodes());
            assertEquals(251L, fit(r, "kubenet", "node-subnet").capacityNodes());
            assertTrue(fit(r, "azure-cni-node-subnet", "node-subnet").fits());
            assertEquals(3L, fit(r, "azure-cni-node-subnet", "node-subnet").headroom()); // 251 - 8 x 31
        }

        @Test
        void aGivenSubnetThatIsTooSmallDoesNotFitAndShowsNegativeHeadroom() {
            AddressFit f = fit(request("nodeCount: 50", "maxPodsPerNode: 30", "nodeSubnetCidr: 10.1.0.0/22"),
                    "azure-cni-node-subnet", "node-subnet");
            assertEquals(1019, f.available());
            assertFalse(f.fits());
            assertEquals(-686L, f.headroom()); // 1,019 - (50 + 5 surge at AKS's default 10%) x 31
        }
    }

    @Nested
    class PodCidr {
        @Test
        void theDefaultSlash16HoldsTwoHundredFiftySixNodes() {
            AddressFit f = fit(request("nodeCount: 10"), "azure-cni-overlay", "pod-cidr");
            assertFalse(f.given());
            assertEquals("10.244.0.0/16", f.cidr());
            assertEquals(256, f.available());
        }

        @Test
        void fiveThousandNodesNeedASlash11() {
            AddressFit f = fit(request("nodeCount: 5000", "surgeNodes: 0"), "azure-cni-overlay", "pod-cidr");
            assertEquals(11, f.smallestPrefix());
            assertFalse(f.fits());
        }

        @Test
        void aGivenSlash18HoldsSixtyFourNodes() {
            AddressFit f = fit(request("nodeCount: 64", "surgeNodes: 0", "podCidr: 10.244.0.0/18"), "kubenet",
                    "pod-cidr");
            assertTrue(f.given());
            assertEquals(64, f.available());
            assertTrue(f.fits());
        }
    }

    @Nested
    class PodSubnet {
        @Test
        void dynamicAllocationNeedsBatchesOfSixteenAndASlash24HoldsFifteenNodes() {
            AddressFit f = fit(request("nodeCount: 10", "maxPodsPerNode: 30", "surgeNodes: 0"),
                    "azure-cni-pod-subnet", "pod-subnet");
            assertEquals(10 * 2 * 16, f.needed());
            assertTrue(f.note().contains("at least 16 addresses per node"), f.note());
            assertTrue(f.note().contains("a /24 holds 15 nodes"), f.note());
        }

        @Test
        void staticBlocksForThirtyPodsWasteOneAddress() {
            AddressFit f = fit(request("nodeCount: 10", "maxPodsPerNode: 30", "surgeNodes: 0"),
                    "azure-cni-pod-subnet", "pod-subnet-static");
            assertEquals(10 * 2 * 16, f.needed());
            assertTrue(f.note().contains("2 blocks give 31 pod IPs per node, 1 unused"), f.note());
        }

        @Test
        void staticBlocksForThirtyOnePodsAreIdeal() {
            AddressFit f = fit(request("nodeCount: 10", "maxPodsPerNode: 31"), "azure-cni-pod-subnet",
                    "pod-subnet-static");
            assertTrue(f.note().contains("2 blocks give 31 pod IPs per node, 0 unused"), f.note());
        }

        @Test
        void staticBlocksForThirtyTwoPodsWasteFifteenAddresses() {
            AddressFit f = fit(request("nodeCount: 10", "maxPodsPerNode: 32"), "azure-cni-pod-subnet",
                    "pod-subnet-static");
            assertTrue(f.note().contains("3 blocks give 47 pod IPs per node, 15 unused"), f.note());
        }

        @Test
        void noPodSubnetIsEverGivenSoThereIsNoFitToJudge() {
            AddressFit f = fit(request("nodeCount: 10"), "azure-cni-pod-subnet", "pod-subnet");
            assertNull(f.cidr());
            assertTrue(f.fits());
        }
    }

    @Test
    void smallestBlockPrefixAndBlocksAgree() {
        assertEquals(256, AddressPlanner.blocks(16, 24));
        assertEquals(0, AddressPlanner.blocks(25, 24));
        assertEquals(16, AddressPlanner.smallestBlockPrefix(256, 24));
        assertEquals(15, AddressPlanner.smallestBlockPrefix(257, 24));
    }

    @Test
    void groupedWritesThousandsAsFormatterDoes() {
        for (long value : new long[] {0, 7, -7, 999, 1000, -1000, 1581, 65_536, 999_999, 1_000_000, -12_345_678,
                Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(String.format(java.util.Locale.US, "%,d", value), AddressPlanner.grouped(value));
        }
    }
}
