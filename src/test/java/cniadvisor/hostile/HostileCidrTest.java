package cniadvisor.hostile;

import cniadvisor.model.Location;
import cniadvisor.ipplan.FleetAllocator;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.AllocatedRange;
import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cniadvisor.batch.CrossRequestChecks;
import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.ipplan.Cidrs;
import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.model.Advice;
import cniadvisor.model.PlanReport;
import cniadvisor.model.PluginOption;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Address arithmetic at every edge of the IPv4 space: the first and the last block of every prefix length from /0 to
 * /32, in every role a request can give a range in. Nothing may throw, and what comes out must lie inside the
 * space and inside the block it was derived from.
 */
class HostileCidrTest {

    /** The first and the last aligned block of every prefix length: 0.0.0.0/n and the block holding 255.255.255.255. */
    static List<String> edgeBlocks() {
        List<String> blocks = new ArrayList<>();
        for (int prefix = 0; prefix <= 32; prefix++) {
            long size = 1L << (32 - prefix);
            blocks.add(Cidrs.blockAt(0, prefix));
            blocks.add(Cidrs.blockAt((1L << 32) - size, prefix));
        }
        return blocks.stream().distinct().toList();
    }

    /** The addresses at the edges: the first two and last two of the space, and both sides of each octet boundary. */
    static List<String> edgeAddresses() {
        return List.of("0.0.0.0", "0.0.0.1", "255.255.255.254", "255.255.255.255", "10.0.0.255", "10.0.1.0",
                "127.255.255.255", "128.0.0.0", "10.0.0.10", "10.0.0.0");
    }

    @Test
    void everyHelperAnswersAtEveryEdgeBlock() {
        for (String block : edgeBlocks()) {
            int prefix = Cidrs.prefixLength(block);
            long size = Cidrs.size(block);
            assertEquals(1L << (32 - prefix), size, block);
            Span span = Span.of(block);
            assertEquals(size, span.last() - span.first() + 1, block);
            assertTrue(span.first() >= 0 && span.last() <= 0xFFFFFFFFL, block);

            Cidrs.Texts texts = Cidrs.texts(block);
            assertEquals(block, texts.block());
            assertEquals(Cidrs.hostAt(block, 0), texts.network());
            if (size == 1) {
                assertNull(texts.firstHost(), block + " has no address after its first");
            } else {
                assertNotNull(texts.firstHost(), block);
                assertTrue(Cidrs.contains(block, texts.firstHost()), block + " holds its first host");
            }
            // every offset inside the block is an address inside it; none outside is given
            for (long offset : new long[] {0, 1, 10, size - 1, size, size + 1, -1, Long.MAX_VALUE}) {
                String host = Cidrs.hostAt(block, offset);
                if (offset >= 0 && offset < size) {
                    assertNotNull(host, block + " + " + offset);
                    assertTrue(Cidrs.contains(block, host), block + " + " + offset + " = " + host);
                } else {
                    assertNull(host, block + " + " + offset + " lies outside the block");
                }
            }
            // the blocks a pool is cut into start at its first address and end at its last
            for (int inner : new int[] {prefix, Math.min(32, prefix + 1), 32}) {
                Iterator<? extends inet.ipaddr.IPAddress> blocks = Cidrs.blocksOf(block, inner);
                assertTrue(blocks.hasNext(), block + " in /" + inner);
                assertEquals(span.first(), blocks.next().getValue().longValueExact(), block + " in /" + inner);
            }
            for (String other : edgeBlocks()) {
                assertEquals(Cidrs.overlaps(block, other), span.overlaps(Span.of(other)), block + " / " + other);
                assertEquals(Cidrs.contains(block, other), span.contains(Span.of(other)), block + " / " + other);
            }
        }
    }

    @Test
    void plannerArithmeticHoldsAtEveryPrefixLength() {
        AddressPlanner planner = advisor().planner();
        for (int prefix = 0; prefix <= 32; prefix++) {
            long usable = planner.usable(prefix);
            assertTrue(usable >= 0 && usable <= 1L << 32, "/" + prefix + ": " + usable);
            for (int blockPrefix = 0; blockPrefix <= 32; blockPrefix++) {
                long blocks = AddressPlanner.blocks(prefix, blockPrefix);
                assertTrue(blocks >= 0 && blocks <= 1L << 32, "/" + prefix + " in /" + blockPrefix);
            }
        }
        for (long needed : new long[] {0, 1, 250, 251, 1L << 31, (1L << 32) - 5, 1L << 32, Long.MAX_VALUE / 2}) {
            int prefix = planner.smallestSubnetPrefix(needed);
            assertTrue(prefix >= -1 && prefix <= 32, needed + " -> /" + prefix);
            if (prefix >= 0) {
                assertTrue(planner.usable(prefix) >= needed, needed + " fits /" + prefix);
            }
            int blockPrefix = AddressPlanner.smallestBlockPrefix(needed, 24);
            assertTrue(blockPrefix >= 0 && blockPrefix <= 24, needed + " blocks -> /" + blockPrefix);
        }
    }

    /** Every edge block as node subnet, pod CIDR, service CIDR and connected network, and every edge address as DNS IP. */
    @Test
    void adviseAndPlanGiveAnAnswerForEveryEdgeRangeInEveryRole() {
        List<List<String>> requests = new ArrayList<>();
        for (String block : edgeBlocks()) {
            for (String key : List.of("nodeSubnetCidr", "podCidr", "serviceCidr")) {
                requests.add(List.of("nodeCount: 10", key + ": " + block));
            }
            requests.add(List.of("nodeCount: 10", "connectedNetworks: [" + block + ", 0.0.0.0/0, 255.255.255.255/32]"));
            requests.add(List.of("nodeCount: 10", "serviceCidr: " + block, "dnsServiceIp: " + Cidrs.hostAt(block, 0)));
        }
        for (String address : edgeAddresses()) {
            requests.add(List.of("nodeCount: 10", "dnsServiceIp: " + address));
            requests.add(List.of("nodeCount: 10", "serviceCidr: 255.255.255.252/30", "dnsServiceIp: " + address));
        }
        // the largest scale the request keys allow, at the edges of the space
        requests.add(List.of("nodeCount: 2147483646", "surgeNodes: 1", "maxPodsPerNode: 250",
                "nodeSubnetCidr: 255.255.255.255/32"));
        requests.add(List.of("nodeCount: 2147483646", "surgeNodes: 1", "nodeSubnetCidr: 0.0.0.0/0",
                "podCidr: 0.0.0.0/0", "serviceCidr: 0.0.0.0/0", "dnsServiceIp: 255.255.255.255"));
        for (List<String> lines : requests) {
            NamedRequest request = Fixtures.request(lines.toArray(String[]::new));
            assertPlanIsInsideTheSpace(request, lines.toString());
        }
    }

    @Test
    void randomRangesAnywhereInTheSpaceNeverBreakThePlan() {
        Random random = new Random(4_294_967_295L);
        List<String> keys = List.of("nodeSubnetCidr", "podCidr", "serviceCidr");
        for (int i = 0; i < 100; i++) {
            List<String> lines = new ArrayList<>();
            lines.add("nodeCount: " + (1 + random.nextInt(random.nextBoolean() ? 50 : 100_000)));
            for (String key : keys) {
                if (random.nextBoolean()) {
                    lines.add(key + ": " + randomBlock(random));
                }
            }
            if (random.nextBoolean()) {
                lines.add("dnsServiceIp: " + Cidrs.hostAt(randomBlock(random), 0));
            }
            lines.add("connectedNetworks: [" + randomBlock(random) + "]");
            assertPlanIsInsideTheSpace(Fixtures.request(lines.toArray(String[]::new)), "case " + i + ": " + lines);
        }
    }

    /** Prefix lengths biased to the edges (/0 to /2 and /30 to /32), addresses biased to the ends of the space. */
    static String randomBlock(Random random) {
        int prefix = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3);
            case 1 -> 30 + random.nextInt(3);
            default -> random.nextInt(33);
        };
        long address = switch (random.nextInt(4)) {
            case 0 -> 0xFFFFFFFFL - random.nextInt(1024);
            case 1 -> random.nextInt(1024);
            default -> random.nextLong() & 0xFFFFFFFFL;
        };
        return Cidrs.blockAt(address & -(1L << (32 - prefix)) & 0xFFFFFFFFL, prefix);
    }

    private static void assertPlanIsInsideTheSpace(NamedRequest request, String context) {
        Advice advice;
        try {
            advice = advisor().advise(request, AS_OF);
        } catch (RuntimeException e) {
            throw new AssertionError(context + ": advise threw " + e, e);
        }
        for (ProposedRange range : advice.addressPlan().ranges()) {
            for (String cidr : new String[] {range.cidr(), range.usable(), range.proposal()}) {
                if (cidr != null) {
                    Span span = Span.of(cidr);
                    assertTrue(span.first() >= 0 && span.last() <= 0xFFFFFFFFL, context + ": " + range);
                }
            }
        }
        // a DNS service IP the planner chose lies inside the service CIDR the plan uses
        advice.addressPlan().range("dns-service-ip").filter(r -> !r.origin().equals("given")).ifPresent(dns ->
                advice.addressPlan().range("service-cidr").map(ProposedRange::usable).ifPresent(service -> {
                    if (dns.usable() != null) {
                        assertTrue(Cidrs.contains(service, dns.usable()), context + ": " + dns + " outside " + service);
                    }
                }));
        // plan --option for one option per request, in turn (every option over the whole set of requests)
        List<PluginOption> options = advisor().knowledge().options();
        PluginOption option = options.get(Math.floorMod(context.hashCode(), options.size()));
        try {
            PlanReport plan = advisor().plan(request, AS_OF, option.id());
            assertNotNull(plan, context);
        } catch (RuntimeException e) {
            fail(context + ": plan --option " + option.id() + " threw " + e, e);
        }
        List<String> pools = List.of("0.0.0.0/0", "255.255.255.255/32");
        FleetAllocator fleet = new FleetAllocator(new AddressSpace(pools, List.of()), advisor().planner(), 25);
        CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), pools, fleet);
        fleet.reserveGiven(request.request());
        for (int i = 0; i < 2; i++) { // the second time, the request overlaps itself
            List<AllocatedRange> allocation = advice.hasRecommendation() ? fleet.allocate(request.request(),
                    advice.addressPlan(), advice.recommendation().option()).ranges() : List.of();
            checks.check(() -> new Location("t.csv", 1, "it"), request.request(), allocation);
        }
    }
}
