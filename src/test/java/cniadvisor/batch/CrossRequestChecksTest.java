package cniadvisor.batch;

import cniadvisor.model.Location;
import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cniadvisor.ipplan.FleetAllocator;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.Advice;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.Reason;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Source;
import cniadvisor.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CrossRequestChecksTest {

    private static CrossRequestChecks checks() {
        return new CrossRequestChecks(advisor().knowledge(), List.of(), null);
    }

    /** Checks the request as the batch does without a pool, and shows each finding as "level RULE: text". */
    private static List<String> check(CrossRequestChecks checks, String label, String... yaml) {
        NamedRequest request = request(yaml);
        return lines(checks.check(() -> new Location("t.csv", 0, label), request.request(), List.of()));
    }

    private static List<String> lines(List<Reason> findings) {
        return findings.stream().map(r -> r.level() + " " + r.rule() + ": " + r.text()).toList();
    }

    /**
     * A batch with an address pool, as BatchJob runs it: every request's given ranges are reserved first, then
     * each is allocated and checked in order. Returns each request's findings.
     */
    private static List<List<String>> batch(FleetAllocator fleet, CrossRequestChecks checks, List<List<String>> yamls) {
        List<NamedRequest> requests = yamls.stream().map(y -> request(y.toArray(String[]::new))).toList();
        requests.forEach(r -> fleet.reserveGiven(r.request()));
        List<List<String>> findings = new java.util.ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            NamedRequest request = requests.get(i);
            Advice advice = advisor().advise(request, Fixtures.AS_OF);
            List<AllocatedRange> allocation = advice.hasRecommendation() ? fleet.allocate(request.request(),
                    advice.addressPlan(), advice.recommendation().option()).ranges() : List.of();
            String label = "r" + (i + 1);
            findings.add(lines(checks.check(() -> new Location("t.csv", 0, label), request.request(), allocation)));
        }
        return findings;
    }

    private static FleetAllocator fleet(String... pools) {
        return new FleetAllocator(new AddressSpace(List.of(pools), List.of()), advisor().planner(), 25);
    }

    @Nested
    class Overlaps {

        @Test
        void nodeSubnetsThatOverlapAreAnErrorOnTheLaterRequestNamingTheEarlierOne() {
            CrossRequestChecks checks = checks();

            assertEquals(List.of(), check(checks, "a (t.csv:2)", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24"));
            assertEquals(List.of(), check(checks, "b (t.csv:3)", "nodeCount: 10", "nodeSubnetCidr: 10.20.1.0/24"));
            assertEquals(List.of(
                            "error BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.20.0.0/16 overlaps node subnet "
                                    + "10.20.0.0/24 of a (t.csv:2): subnets of peered or connected VNets must not "
                                    + "overlap, so give this cluster a free range.",
                            "error BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.20.0.0/16 overlaps node subnet "
                                    + "10.20.1.0/24 of b (t.csv:3): subnets of peered or connected VNets must not "
                                    + "overlap, so give this cluster a free range."),
                    check(checks, "c (t.csv:4)", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/16"));
            assertEquals(List.of(
                            "error BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.20.1.128/25 overlaps node subnet "
                                    + "10.20.0.0/16 of c (t.csv:4): subnets of peered or connected VNets must not "
                                    + "overlap, so give this cluster a free range.",
                            "error BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.20.1.128/25 overlaps node subnet "
                                    + "10.20.1.0/24 of b (t.csv:3): subnets of peered or connected VNets must not "
                                    + "overlap, so give this cluster a free range."),
                    check(checks, "d (t.csv:5)", "nodeCount: 10", "nodeSubnetCidr: 10.20.1.128/25"));
            assertEquals(List.of(), check(checks, "e (t.csv:6)", "nodeCount: 10", "nodeSubnetCidr: 10.21.0.0/24"));
        }

        @Test
        void theSameSubnetSharedOnPurposeIsAllowed() {
            CrossRequestChecks checks = checks();
            check(checks, "a", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24", "sharedSubnet: true");

            assertEquals(List.of(), check(checks, "b", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24",
                    "sharedSubnet: true"));
            assertEquals(1, check(checks, "c", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24").size());
            assertEquals(1, check(checks, "d", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/25",
                    "sharedSubnet: true").size());
        }

        @Test
        void aNodeSubnetOverlappingAnotherRequestsPodOrServiceCidrIsAWarningBothWays() {
            CrossRequestChecks checks = checks();
            check(checks, "a", "nodeCount: 10", "podCidr: 192.168.0.0/16", "serviceCidr: 10.0.0.0/16");

            assertEquals(List.of(
                            "warning BATCH-CLUSTER-RANGE-OVERLAP: Node subnet 192.168.4.0/24 overlaps the pod CIDR "
                                    + "192.168.0.0/16 of a: if the two clusters' networks are connected, those "
                                    + "addresses become ambiguous."),
                    check(checks, "b", "nodeCount: 10", "nodeSubnetCidr: 192.168.4.0/24"));
            assertEquals(List.of(
                            "warning BATCH-CLUSTER-RANGE-OVERLAP: The service CIDR 192.168.0.0/20 overlaps node "
                                    + "subnet 192.168.4.0/24 of b: if the two clusters' networks are connected, those "
                                    + "addresses become ambiguous."),
                    check(checks, "c", "nodeCount: 10", "serviceCidr: 192.168.0.0/20"));
        }

        @Test
        void podAndServiceCidrsMayBeReusedAcrossClusters() {
            CrossRequestChecks checks = checks();
            check(checks, "a", "nodeCount: 10", "podCidr: 10.244.0.0/16", "serviceCidr: 10.0.0.0/16");

            assertEquals(List.of(), check(checks, "b", "nodeCount: 10", "podCidr: 10.244.0.0/16",
                    "serviceCidr: 10.0.0.0/16"));
            assertEquals(List.of(), check(checks, "c", "nodeCount: 10", "podCidr: 10.0.0.0/16"));
        }

        @Test
        void manyOverlapsAreNamedUpToFiveAndCountedAfterThat() {
            CrossRequestChecks checks = checks();
            for (int i = 0; i < 8; i++) {
                check(checks, "t" + i, "nodeCount: 3", "nodeSubnetCidr: 10.9." + i + ".0/24");
            }

            List<String> findings = check(checks, "big", "nodeCount: 3", "nodeSubnetCidr: 10.9.0.0/16");

            assertEquals(6, findings.size());
            assertEquals("error BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.9.0.0/16 overlaps yet 3 more ranges of "
                    + "earlier requests.", findings.get(5));
        }

        @Test
        void findingsCiteTheirSources() {
            CrossRequestChecks checks = checks();
            check(checks, "a", "nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24");
            NamedRequest request = request("nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24");

            Reason finding = checks.check(() -> new Location("t.csv", 3, "b"), request.request(), List.of()).get(0);

            assertEquals(List.of("learn-ip-planning"), finding.sources().stream().map(Source::id).toList());
            assertEquals(null, finding.effect());
        }
    }

    @Nested
    class AddressPool {

        @Test
        void givenRangesOutsideThePoolAreErrorsAndOnlyAddressesInsideItCount() {
            FleetAllocator fleet = fleet("10.0.0.0/23", "10.0.2.0/24");
            CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), List.of("10.0.0.0/23",
                    "10.0.2.0/24"), fleet);

            List<List<String>> findings = batch(fleet, checks, List.of(
                    List.of("nodeCount: 10", "nodeSubnetCidr: 10.0.0.0/24"),
                    List.of("nodeCount: 10", "nodeSubnetCidr: 10.0.4.0/23"),
                    // half inside: only the half inside the pool counts as taken
                    List.of("nodeCount: 10", "nodeSubnetCidr: 10.0.2.0/23")));

            assertEquals(List.of(), findings.get(0));
            assertEquals(List.of("error BATCH-OUTSIDE-ADDRESS-POOL: Node subnet 10.0.4.0/23 is outside the address "
                    + "pool (10.0.0.0/23, 10.0.2.0/24)."), findings.get(1));
            assertEquals(List.of("error BATCH-OUTSIDE-ADDRESS-POOL: Node subnet 10.0.2.0/23 is outside the address "
                    + "pool (10.0.0.0/23, 10.0.2.0/24)."), findings.get(2));
            assertEquals(768, fleet.poolSize());
            assertEquals(256 + 256, fleet.givenAddresses());
            assertEquals(256, fleet.freeAddresses());
            assertEquals(2, checks.outsideCount());
            assertEquals(List.of("node subnet 10.0.4.0/23 of r2", "node subnet 10.0.2.0/23 of r3"), checks.outside());
        }

        @Test
        void whenThePoolRunsOutTheRequestsWithoutSpaceAreErrorsNamingWhatTheyNeededAndWhatWasLeft() {
            FleetAllocator fleet = fleet("10.0.0.0/24");
            CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), List.of("10.0.0.0/24"), fleet);
            // overlay, 60 nodes + 6 surge (AKS's default 10%) = 66 node addresses, + 25% = 83: a /25 holds 123
            List<String> overlay = List.of("nodeCount: 60");

            List<List<String>> findings = batch(fleet, checks, List.of(overlay, overlay, overlay));

            assertEquals(List.of(), findings.get(0));
            assertEquals(List.of(), findings.get(1));
            assertEquals(List.of("error BATCH-ADDRESS-POOL-EXHAUSTED: Address pool: no room for the VNet, sized for "
                    + "the cluster's subnets: node-subnet /25 = 128 addresses: it needs a /25 (128 addresses); the "
                    + "pool is full."), findings.get(2));
            assertEquals(1, checks.exhaustedRequests());
            assertEquals(256, fleet.allocatedAddresses());
        }

        @Test
        void aGivenVnetOutsideThePoolIsAnErrorToo() {
            FleetAllocator fleet = fleet("10.0.0.0/16");
            CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), List.of("10.0.0.0/16"), fleet);

            List<List<String>> findings = batch(fleet, checks, List.of(List.of("nodeCount: 10",
                    "vnetCidr: 10.9.0.0/16", "nodeSubnetCidr: 10.9.1.0/24")));

            assertEquals(List.of("error BATCH-OUTSIDE-ADDRESS-POOL: Node subnet 10.9.1.0/24 is outside the address "
                            + "pool (10.0.0.0/16).", "error BATCH-OUTSIDE-ADDRESS-POOL: VNet 10.9.0.0/16 is outside the "
                            + "address pool (10.0.0.0/16)."), findings.get(0));
        }

        @Test
        void aSubnetSpanningTwoAdjacentPoolRangesIsInsideThePool() {
            FleetAllocator fleet = fleet("10.0.0.0/24", "10.0.1.0/24");
            CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), List.of("10.0.0.0/24",
                    "10.0.1.0/24"), fleet);

            assertEquals(List.of(List.of()), batch(fleet, checks, List.of(List.of("nodeCount: 10",
                    "nodeSubnetCidr: 10.0.0.0/23"))));
            assertEquals(512, fleet.poolSize());
        }

        @Test
        void overlappingPoolRangesAreCountedOnce() {
            assertEquals(65536, fleet("10.0.0.0/16", "10.0.4.0/24").poolSize());
        }
    }
}
