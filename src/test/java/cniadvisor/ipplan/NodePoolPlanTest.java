package cniadvisor.ipplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.RequestReader;
import cniadvisor.model.AddressFit;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.PoolRoom;
import cniadvisor.model.ProposedRange;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** The address plan of a cluster with several pools, checked against arithmetic done by hand. */
class NodePoolPlanTest {

    private static final Path THREE_POOLS = Fixtures.EXAMPLES.resolve("requests/three-pools.yaml");

    private static NamedRequest threePools() throws Exception {
        return RequestReader.read(THREE_POOLS, InputStream.nullInputStream(), Fixtures.binder());
    }

    private static List<AddressFit> fits(Advice advice, String option, String range) {
        return advice.addressPlan().sizing().stream()
                .filter(f -> f.option().equals(option) && f.range().equals(range)).toList();
    }

    /**
     * By hand, for Azure CNI Node Subnet ((maxCount + surge) x (maxPods + 1) per pool, added up per subnet):
     * the cluster's subnet 10.40.0.0/22 holds system (3 + 1) x 31 = 124 and apps (20 + 2, 10% of 20) x 31 = 682,
     * 806 addresses of 1,024 - 5 = 1,019 usable, headroom 213: 6 more nodes of either pool (213 / 31). The Windows
     * pool's own 10.40.4.0/24 holds (6 + 1) x 31 = 217 of 251 usable, headroom 34: 1 more node.
     */
    @Test
    void eachSubnetHoldsTheSumOfItsPools() throws Exception {
        Advice advice = Fixtures.advisor().advise(threePools(), Fixtures.AS_OF);
        List<AddressFit> nodeSubnets = fits(advice, "azure-cni-node-subnet", "node-subnet");
        assertEquals(2, nodeSubnets.size(), nodeSubnets::toString);

        AddressFit shared = nodeSubnets.get(0);
        assertEquals(List.of("system", "apps"), shared.pools());
        assertEquals("10.40.0.0/22", shared.cidr());
        assertEquals(124 + 682, shared.needed());
        assertEquals(1_019, shared.available());
        assertEquals(213L, shared.headroom());
        assertTrue(shared.fits());
        assertEquals(22, shared.smallestPrefix(), "a /23 holds 507 usable, fewer than 806");
        assertEquals(List.of(new PoolRoom("system", 6), new PoolRoom("apps", 6)), shared.room());
        assertEquals("system (3 nodes + 1 surge) x (30 pods + 1 node IP) = 124 + apps (20 nodes + 2 surge at 10%) "
                + "x (30 pods + 1 node IP) = 682; 806 addresses in all", shared.formula());

        AddressFit windows = nodeSubnets.get(1);
        assertEquals(List.of("win"), windows.pools());
        assertEquals("10.40.4.0/24", windows.cidr());
        assertEquals(7 * 31, windows.needed());
        assertEquals(251, windows.available());
        assertEquals(List.of(new PoolRoom("win", 1)), windows.room());

        // with Overlay the subnets hold one address per node, and the pod CIDR one /24 per node of every pool
        List<AddressFit> overlay = fits(advice, "azure-cni-overlay", "node-subnet");
        assertEquals(List.of(4L + 22, 7L), overlay.stream().map(AddressFit::needed).toList());
        AddressFit podCidr = fits(advice, "azure-cni-overlay", "pod-cidr").get(0);
        assertEquals(29 + 4, podCidr.needed(), "29 nodes and 4 surge nodes, a /24 each");

        // Pod Subnet: 2 batches of 16 per node for 30 pods, (4 + 22 + 7) nodes x 32
        AddressFit podSubnet = fits(advice, "azure-cni-pod-subnet", "pod-subnet").get(0);
        assertEquals(33 * 32, podSubnet.needed());
        assertEquals(List.of("system", "apps", "win"), podSubnet.pools());
    }

    @Test
    void theProposedPodSubnetLiesInTheVnetAndTheGivenSubnetsStayAsGiven() throws Exception {
        Advice advice = Fixtures.advisor().advise(threePools(), Fixtures.AS_OF);
        assertEquals("azure-cni-pod-subnet", advice.recommendation().option());
        List<ProposedRange> ranges = advice.addressPlan().ranges();
        assertEquals(new ProposedRange("node-subnet", "10.40.0.0/22", "given", null, null, null,
                List.of("system", "apps")), ranges.get(0));
        assertEquals(new ProposedRange("node-subnet", "10.40.4.0/24", "given", null, null, null, List.of("win")),
                ranges.get(1));
        ProposedRange pod = ranges.get(2);
        assertEquals("pod-subnet", pod.role());
        assertEquals("proposed", pod.origin());
        assertTrue(Cidrs.contains("10.40.0.0/16", pod.cidr()), pod.toString());
        assertEquals(21, Cidrs.prefixLength(pod.cidr()), "1,056 addresses need a /21");
    }

    /** The flat keys are the shorthand for one pool: the same cluster written with nodePools gets the same advice. */
    @Test
    void theFlatKeysAndOneDeclaredPoolGiveTheSameAdvice() {
        Advice flat = Fixtures.advise("name: same", "nodeCount: 60", "maxPodsPerNode: 50", "maxSurge: 3",
                "nodeSubnetCidr: 10.20.0.0/24", "networkPolicy: any");
        Advice pools = Fixtures.advise("name: same", "nodeSubnetCidr: 10.20.0.0/24", "networkPolicy: any",
                "nodePools:", "  - {name: nodepool1, mode: system, maxCount: 60, maxPodsPerNode: 50, maxSurge: 3}");
        assertEquals(flat.recommendation().option(), pools.recommendation().option());
        assertEquals(flat.recommendation().network(), pools.recommendation().network());
        assertEquals(flat.options().stream().map(o -> o.id() + " " + o.status() + " " + o.score()).toList(),
                pools.options().stream().map(o -> o.id() + " " + o.status() + " " + o.score()).toList());
        assertEquals(fits(flat, "azure-cni-node-subnet", "node-subnet").get(0).needed(),
                fits(pools, "azure-cni-node-subnet", "node-subnet").get(0).needed());
    }
}
