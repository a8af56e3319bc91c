package cniadvisor.ipplan;

import cniadvisor.model.Advice;
import cniadvisor.model.AddressRange;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomized (fixed seed, so a failure reproduces): whatever the request names, the ranges the plan proposes never
 * overlap each other, the request's ranges or AKS's reserved ranges, and always hold the requested scale.
 */
class RangeProposerPropertyTest {

    private static final int CASES = 400;
    private final Random random = new Random(20261121L);
    private final AddressPlanner planner = advisor().planner();

    @Test
    void proposalsAreDisjointAndLargeEnough() {
        for (int i = 0; i < CASES; i++) {
            NamedRequest generated = randomRequest();
            Request request = generated.request();
            Advice advice = advisor().advise(generated, AS_OF);
            if (!advice.hasRecommendation()) {
                continue;
            }
            String context = "case " + i + ": " + request;
            List<ProposedRange> ranges = advice.addressPlan().ranges();
            // what the planner chose itself: defaults, proposals, and the replacements it offers for rejected ranges
            List<ProposedRange> proposed = ranges.stream()
                    .filter(r -> !r.origin().equals("given") && r.usable() != null).toList();
            for (ProposedRange p : proposed) {
                for (ProposedRange other : ranges) {
                    if (p != other && other.usable() != null && !isDnsInsideService(p, other)) {
                        assertFalse(Cidrs.overlaps(p.usable(), other.usable()), context + ": " + p + " overlaps "
                                + other);
                    }
                }
                for (String named : named(request)) {
                    assertFalse(Cidrs.overlaps(p.usable(), named), context + ": " + p + " overlaps request's " + named);
                }
                for (AddressRange reserved : planner.knowledge().ranges("reserved")) {
                    assertFalse(Cidrs.overlaps(p.usable(), reserved.cidr()), context + ": " + p + " is reserved");
                }
            }
            // a given range is deployed as given, rejected or not
            ranges.stream().filter(r -> r.origin().equals("given") || r.isRejected())
                    .forEach(r -> assertTrue(named(request).contains(r.cidr()) || r.cidr().equals(request.dnsServiceIp()),
                            context + ": " + r + " is not a range the request gave"));
            assertHoldsScale(advice, request, context);
        }
    }

    private void assertHoldsScale(Advice advice, Request request, String context) {
        String option = advice.recommendation().option();
        advice.addressPlan().range("pod-cidr").ifPresent(pod -> {
            if (!pod.origin().equals("given") && pod.usable() != null && option.matches("azure-cni-overlay|kubenet")) {
                assertTrue(AddressPlanner.blocks(Cidrs.prefixLength(pod.usable()), 24) >= request.peakNodes(),
                        context + ": pod CIDR " + pod.usable() + " holds too few nodes");
            }
        });
        advice.addressPlan().range("node-subnet").filter(r -> r.origin().equals("proposed")).ifPresent(node -> {
            long needed = advice.addressPlan().sizing().stream()
                    .filter(f -> f.option().equals(option) && f.range().equals("node-subnet"))
                    .findFirst().orElseThrow().needed();
            assertTrue(planner.usable(Cidrs.prefixLength(node.cidr())) >= needed, context + ": node subnet too small");
        });
        ProposedRange service = advice.addressPlan().range("service-cidr").orElseThrow();
        ProposedRange dns = advice.addressPlan().range("dns-service-ip").orElseThrow();
        if (!dns.origin().equals("given") && dns.usable() != null && service.usable() != null) {
            assertTrue(Cidrs.contains(service.usable(), dns.usable()), context + ": DNS IP outside the service CIDR");
            assertNotEquals(Cidrs.hostAt(service.usable(), 1), dns.usable(), context + ": DNS IP on the first address");
        }
        assertEquals(option.equals("azure-cni-pod-subnet"), advice.addressPlan().range("pod-subnet").isPresent(),
                context);
    }

    private static boolean isDnsInsideService(ProposedRange a, ProposedRange b) {
        return a.role().equals("dns-service-ip") && b.role().equals("service-cidr")
                || a.role().equals("service-cidr") && b.role().equals("dns-service-ip");
    }

    /** The ranges the request names, which no proposal may touch. */
    private static List<String> named(Request request) {
        List<String> named = new ArrayList<>(request.connectedNetworks());
        if (request.nodeSubnetCidr() != null) {
            named.add(request.nodeSubnetCidr());
        }
        if (request.podCidr() != null) {
            named.add(request.podCidr());
        }
        if (request.serviceCidr() != null) {
            named.add(request.serviceCidr());
        }
        return named;
    }

    private NamedRequest randomRequest() {
        List<String> lines = new ArrayList<>();
        int nodes = 1 + random.nextInt(random.nextBoolean() ? 60 : 4000);
        lines.add("nodeCount: " + nodes);
        lines.add("surgeNodes: " + random.nextInt(5));
        if (random.nextBoolean()) {
            lines.add("maxPodsPerNode: " + (10 + random.nextInt(241)));
        }
        lines.add("trafficPattern: " + List.of("intra-cluster", "external", "mixed").get(random.nextInt(3)));
        if (random.nextInt(4) == 0) {
            lines.add("directPodAccess: true");
        }
        if (random.nextInt(6) == 0) {
            lines.add("customCni: cilium-oss");
        }
        if (random.nextBoolean()) {
            lines.add("nodeSubnetCidr: " + randomBlock(16 + random.nextInt(9)));
        }
        if (random.nextInt(3) == 0) {
            lines.add("podCidr: " + randomBlock(12 + random.nextInt(8)));
        }
        List<String> connected = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            connected.add(randomBlock(8 + random.nextInt(17)));
        }
        if (!connected.isEmpty()) {
            lines.add("connectedNetworks: [" + String.join(", ", connected) + "]");
        }
        return request(lines.toArray(String[]::new));
    }

    /** A random aligned private block: mostly 10/8, sometimes 172.16/12 or 192.168/16. */
    private String randomBlock(int prefix) {
        String[] pools = {"10.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"};
        String pool = pools[random.nextInt(pools.length)];
        int poolPrefix = Cidrs.prefixLength(pool);
        int p = Math.max(prefix, poolPrefix);
        long count = AddressPlanner.blocks(poolPrefix, p);
        long pick = (long) (random.nextDouble() * count);
        var it = Cidrs.blocksOf(pool, p);
        for (long i = 0; i < pick && it.hasNext(); i++) {
            it.next();
        }
        return Cidrs.text(it.next());
    }
}
