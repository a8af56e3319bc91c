package cniadvisor.batch;

import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Source;
import cniadvisor.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CrossRequestChecksTest {

    private static CrossRequestChecks checks(String... pool) {
        return new CrossRequestChecks(advisor().knowledge(), List.of(pool));
    }

    /** Checks the request as the batch does, and shows each finding as "level RULE: text". */
    private static List<String> check(CrossRequestChecks checks, String label, String... yaml) {
        NamedRequest request = request(yaml);
        Advice advice = advisor().advise(request, Fixtures.AS_OF);
        long demand = checks.hasPool() ? checks.routableDemand(request.request(), advice) : 0;
        return checks.check(() -> label, request.request(), demand).stream()
                .map(r -> r.level() + " " + r.rule() + ": " + r.text()).toList();
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

            Reason finding = checks.check(() -> "b", request.request(), 0).get(0);

            assertEquals(List.of("learn-ip-planning"), finding.sources().stream().map(Source::id).toList());
            assertEquals(null, finding.effect());
        }
    }

    @Nested
    class AddressPool {

        @Test
        void demandIsTheGivenNodeSubnetOrTheSmallestBlockTheRecommendedOptionNeeds() {
            CrossRequestChecks checks = checks("10.0.0.0/16");
            NamedRequest given = request("nodeCount: 10", "nodeSubnetCidr: 10.0.4.0/22");
            // overlay, 60 nodes + 1 surge = 61 node addresses + Azure's 5 reserved: a /25 (128 addresses)
            NamedRequest overlay = request("nodeCount: 60");
            // pod subnet recommended for external traffic with direct pod access: 31 node addresses in a /26 (64)
            // and 31 nodes x 7 batches of 16 for 110 pods = 3,472 pod addresses in a /20 (4,096)
            NamedRequest flat = request("nodeCount: 30", "directPodAccess: true", "trafficPattern: external");

            assertEquals(1024, checks.routableDemand(given.request(), advisor().advise(given, Fixtures.AS_OF)));
            assertEquals(128, checks.routableDemand(overlay.request(), advisor().advise(overlay, Fixtures.AS_OF)));
            Advice flatAdvice = advisor().advise(flat, Fixtures.AS_OF);
            assertEquals("azure-cni-pod-subnet", flatAdvice.recommendation().option());
            assertEquals(64 + 4096, checks.routableDemand(flat.request(), flatAdvice));
        }

        @Test
        void nothingIsDemandedWhenNothingFits() {
            NamedRequest impossible = request("nodeCount: 10", "virtualNodes: true", "dualStack: true");

            assertEquals(0, checks("10.0.0.0/16").routableDemand(impossible.request(),
                    advisor().advise(impossible, Fixtures.AS_OF)));
        }

        @Test
        void requestsThatNoLongerFitInThePoolAreErrorsAndTheTotalsSayWhatIsLeft() {
            CrossRequestChecks checks = checks("10.0.0.0/23", "10.0.2.0/24");

            assertEquals(List.of(), check(checks, "a", "nodeCount: 10", "nodeSubnetCidr: 10.0.0.0/24"));
            assertEquals(List.of(), check(checks, "b", "nodeCount: 10", "nodeSubnetCidr: 10.0.1.0/25"));
            assertEquals(List.of(), check(checks, "c", "nodeCount: 10", "nodeSubnetCidr: 10.0.2.0/24"));
            assertEquals(List.of(
                            "error BATCH-ADDRESS-POOL-EXHAUSTED: Address pool: this cluster needs 512 routable "
                                    + "addresses (node subnet 10.0.4.0/23), but only 128 of the pool's 768 are left.",
                            "warning BATCH-OUTSIDE-ADDRESS-POOL: Node subnet 10.0.4.0/23 is outside the address "
                                    + "pool (10.0.0.0/23, 10.0.2.0/24)."),
                    check(checks, "d", "nodeCount: 10", "nodeSubnetCidr: 10.0.4.0/23"));
            assertEquals(List.of(
                            "error BATCH-ADDRESS-POOL-EXHAUSTED: Address pool: this cluster needs 128 routable "
                                    + "addresses, but only 0 of the pool's 768 are left."),
                    check(checks, "e", "nodeCount: 60"));
            assertEquals(768, checks.poolSize());
            assertEquals(1280, checks.demanded());
            assertEquals(-512, checks.left());
            assertEquals(5, checks.demandingRequests());
        }

        @Test
        void aSubnetSpanningTwoAdjacentPoolRangesIsInsideThePool() {
            CrossRequestChecks checks = checks("10.0.0.0/24", "10.0.1.0/24");

            assertEquals(List.of(), check(checks, "a", "nodeCount: 10", "nodeSubnetCidr: 10.0.0.0/23"));
            assertEquals(512, checks.poolSize());
        }

        @Test
        void overlappingPoolRangesAreCountedOnce() {
            assertEquals(65536, checks("10.0.0.0/16", "10.0.4.0/24").poolSize());
        }
    }
}
