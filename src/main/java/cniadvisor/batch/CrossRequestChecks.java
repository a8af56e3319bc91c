package cniadvisor.batch;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.ipplan.Cidrs;
import cniadvisor.ipplan.FleetAllocator;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.BatchCheck;
import cniadvisor.model.Location;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;
import cniadvisor.model.Source;
import inet.ipaddr.IPAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checks that need the whole batch: address ranges that overlap between requests, and the routable addresses the
 * batch takes from the organisation's address pool. Requests are checked in input order, each against the ones
 * before it, so an overlapping pair is reported once, on the later request, and nothing depends on the thread
 * count. Only the ranges are kept, one entry per distinct range (about 200 bytes), never the advice.
 *
 * <p>What must not overlap: node subnets are VNet subnets, and subnets of peered or connected VNets cannot overlap,
 * so two node subnets that overlap are an error, unless both requests share the very same subnet on purpose
 * ({@code sharedSubnet}). A node subnet that overlaps another request's pod or service CIDR is a warning: those
 * ranges are private to their cluster and only collide when the two clusters' networks are connected. Pod and
 * service CIDRs of different requests may overlap freely: Microsoft allows reusing them across clusters.
 *
 * <p>With an address pool, the ranges the batch allocated are checked exactly like given ones, every given VNet
 * range must lie inside the pool, and a request the pool could not hold gets an error naming what it needed and
 * what was left.
 *
 * <p>Not thread-safe: call {@link #check} from one thread, in input order.
 */
public final class CrossRequestChecks {

    /** How findings name the ranges of each role. */
    private static final Map<String, String> KIND = Map.of(AddressPlanner.NODE_SUBNET, "node subnet",
            AddressPlanner.POD_SUBNET, "pod subnet", AddressPlanner.API_SERVER_SUBNET, "API server subnet",
            AddressPlanner.AGC_SUBNET, "Application Gateway for Containers subnet", AddressPlanner.APPGW_SUBNET,
            "Application Gateway subnet", AddressPlanner.ACI_SUBNET, "virtual nodes subnet", AddressPlanner.VNET,
            "VNet", AddressPlanner.POD_CIDR, "pod CIDR", AddressPlanner.SERVICE_CIDR, "service CIDR");
    private static final String NODE_SUBNET = "node subnet";
    private static final int MAX_NAMED = 5;
    /** Out-of-pool ranges the summary names; the rest are counted. */
    private static final int MAX_LISTED = 20;
    private static final int IPV4_BITS = 32;

    /** A range by its first address, then prefix length: blocks inside a block sort right after it. */
    private record RangeKey(long lower, int prefix) implements Comparable<RangeKey> {
        static RangeKey of(IPAddress block) {
            return new RangeKey(block.getLower().toIPv4().longValue(), block.getNetworkPrefixLength());
        }

        @Override
        public int compareTo(RangeKey other) {
            int byLower = Long.compare(lower, other.lower);
            return byLower != 0 ? byLower : Integer.compare(prefix, other.prefix);
        }
    }

    /** The first request that gave a range; {@code allShared}: every request giving exactly it shares it. */
    private record Owner(Location where, String kind, String cidr, boolean allShared) {
        Owner join(Owner later) {
            return new Owner(where, kind, cidr, allShared && later.allShared);
        }

        String label() {
            return where.label();
        }

        /** Where a finding on a later request points to: this request's line, naming the range. */
        Location related() {
            return new Location(where.file(), where.line(), where.label() + ": " + kind + " " + cidr);
        }
    }

    private final Map<String, Source> sources;
    private final BatchCheck nodeSubnetOverlap;
    private final BatchCheck clusterRangeOverlap;
    private final BatchCheck poolExhausted;
    private final BatchCheck outsidePool;
    private final Ranges nodeSubnets = new Ranges();
    private final Ranges clusterRanges = new Ranges();
    private final List<String> pool;
    private final FleetAllocator fleet;
    private final List<String> outside = new ArrayList<>();
    private long outsideCount;
    private long exhaustedRequests;

    /**
     * @param knowledge where the checks' ids, levels, sources and messages come from (facts/ batchChecks:)
     * @param pool      the organisation's address pools (canonical IPv4 CIDRs); empty when not given
     * @param fleet     what the batch allocated from the pools; null without a pool
     */
    public CrossRequestChecks(Knowledge knowledge, List<String> pool, FleetAllocator fleet) {
        this.sources = knowledge.sources();
        this.nodeSubnetOverlap = knowledge.batchCheck(BatchCheck.NODE_SUBNET_OVERLAP);
        this.clusterRangeOverlap = knowledge.batchCheck(BatchCheck.CLUSTER_RANGE_OVERLAP);
        this.poolExhausted = knowledge.batchCheck(BatchCheck.ADDRESS_POOL_EXHAUSTED);
        this.outsidePool = knowledge.batchCheck(BatchCheck.OUTSIDE_ADDRESS_POOL);
        this.pool = List.copyOf(pool);
        this.fleet = fleet;
    }

    public boolean hasPool() {
        return fleet != null;
    }

    /**
     * Findings for one request against every request before it (in report order), then remembers its ranges.
     *
     * @param where      the request's file and line, and how findings on later requests name it, e.g.
     *                   "team-a (teams.csv:3)"; asked for only when the request gives a range
     * @param allocation what the batch allocated to it from the address pool; empty without a pool
     */
    public List<Reason> check(Supplier<Location> where, Request request, List<AllocatedRange> allocation) {
        Supplier<String> label = () -> where.get().label();
        List<Reason> findings = new ArrayList<>();
        Map<String, String> subnets = vnetSubnets(request);
        Map<String, String> allocated = new LinkedHashMap<>();
        for (AllocatedRange range : allocation) {
            if (range.allocated() && !range.shared() && !range.role().equals(AddressPlanner.VNET)) {
                allocated.putIfAbsent(range.cidr(), KIND.getOrDefault(range.role(), range.role()));
            }
        }
        for (String vnet : request.vnetCidr()) {
            if (vnet.indexOf(':') < 0) {
                checkInsidePool(findings, label, "VNet " + vnet, vnet);
            }
        }
        Map<String, String> routable = new LinkedHashMap<>(subnets);
        allocated.forEach(routable::putIfAbsent);
        routable.forEach((subnet, kind) -> {
            IPAddress block = Cidrs.block(subnet);
            String range = kind + " " + subnet;
            boolean shareable = kind.equals(NODE_SUBNET) && request.uses("sharedSubnet");
            List<Owner> nodeOverlaps = overlapping(nodeSubnets, block).stream()
                    .filter(o -> !(o.cidr().equals(subnet) && o.allShared() && shareable))
                    .toList();
            report(findings, nodeSubnetOverlap, "overlap", "more", range, nodeOverlaps);
            report(findings, clusterRangeOverlap, "subnetOverlap", "subnetMore", range,
                    overlapping(clusterRanges, block));
            if (subnets.containsKey(subnet)) {
                checkInsidePool(findings, label, range, subnet);
            }
        });
        Map<String, String> clusterCidrs = new LinkedHashMap<>();
        if (request.podCidr() != null) {
            clusterCidrs.put(request.podCidr(), "pod CIDR");
        }
        if (request.serviceCidr() != null) {
            clusterCidrs.putIfAbsent(request.serviceCidr(), "service CIDR");
        }
        for (AllocatedRange range : allocation) {
            if (range.allocated() && range.shared() && KIND.containsKey(range.role())) {
                clusterCidrs.putIfAbsent(range.cidr(), KIND.get(range.role()));
            }
        }
        clusterCidrs.forEach((cidr, kind) -> report(findings, clusterRangeOverlap, "clusterRangeOverlap",
                "clusterRangeMore", kind + " " + cidr, overlapping(nodeSubnets, Cidrs.block(cidr))));
        checkPool(findings, allocation);

        routable.forEach((subnet, kind) -> nodeSubnets.remember(subnet, new Owner(where.get(), kind, subnet,
                kind.equals(NODE_SUBNET) && request.uses("sharedSubnet"))));
        clusterCidrs.forEach((cidr, kind) -> clusterRanges.remember(cidr, new Owner(where.get(), kind, cidr, false)));
        findings.sort(Reason.REPORT_ORDER);
        return findings;
    }

    /** A given VNet range outside the pool: an error, and one more line for the summary's list. */
    private void checkInsidePool(List<Reason> findings, Supplier<String> label, String range, String cidr) {
        if (hasPool() && !fleet.inPool(cidr)) {
            findings.add(reason(outsidePool, "outside", Map.of("range", range, "pool", String.join(", ", pool))));
            outsideCount++;
            if (outside.size() < MAX_LISTED) {
                outside.add(range + " of " + label.get());
            }
        }
        if (hasPool()) {
            fleet.reservedOverlapping(cidr).ifPresent(r -> findings.add(reason(outsidePool, "reserved", Map.of(
                    "range", range, "reserved", r.name().isEmpty() ? r.cidr() : r.cidr() + " (" + r.name() + ")"))));
        }
    }

    /**
     * The subnets of the VNet the request gives, each once, with what it is: the cluster's node subnet, each pool's
     * own node and pod subnets, and the subnets of the API server, Application Gateway (for Containers) and
     * virtual nodes. Peered or connected VNets must not overlap any of them.
     */
    private static Map<String, String> vnetSubnets(Request request) {
        Map<String, String> subnets = new LinkedHashMap<>();
        if (request.nodeSubnetCidr() != null) {
            subnets.put(request.nodeSubnetCidr(), NODE_SUBNET);
        }
        for (var pool : request.nodePools()) {
            if (pool.nodeSubnetCidr() != null) {
                subnets.putIfAbsent(pool.nodeSubnetCidr(), NODE_SUBNET);
            }
        }
        for (var pool : request.nodePools()) {
            if (pool.podSubnetCidr() != null) {
                subnets.putIfAbsent(pool.podSubnetCidr(), "pod subnet");
            }
        }
        putIfGiven(subnets, request.apiServerSubnetCidr(), "API server subnet");
        putIfGiven(subnets, request.appGatewayForContainersSubnetCidr(), "Application Gateway for Containers subnet");
        putIfGiven(subnets, request.applicationGatewaySubnetCidr(), "Application Gateway subnet");
        putIfGiven(subnets, request.virtualNodesSubnetCidr(), "virtual nodes subnet");
        return subnets;
    }

    private static void putIfGiven(Map<String, String> subnets, String cidr, String kind) {
        if (cidr != null) {
            subnets.putIfAbsent(cidr, kind);
        }
    }

    /** A range the pool could not hold: an error naming what it needed and what was left. */
    private void checkPool(List<Reason> findings, List<AllocatedRange> allocation) {
        boolean exhausted = false;
        for (AllocatedRange range : allocation) {
            if (!range.allocated()) {
                findings.add(reason(poolExhausted, "notAllocated", Map.of("range", KIND.getOrDefault(range.role(),
                        range.role()), "shortfall", range.shortfall(), "sizedFor", range.sizedFor())));
                exhausted = true;
            }
        }
        exhaustedRequests += exhausted ? 1 : 0;
    }

    /**
     * Every remembered range that overlaps the block, in address order: those containing it, then those inside.
     * Two CIDR blocks overlap only when one contains the other, so the containing ones are the blocks of each
     * shorter prefix length that holds this block (looked up only for prefix lengths some range has), and the
     * contained ones sort between the block's first and last address.
     */
    private static List<Owner> overlapping(Ranges ranges, IPAddress block) {
        List<Owner> found = new ArrayList<>();
        int prefix = block.getNetworkPrefixLength();
        for (int shorter = 0; shorter < prefix; shorter++) {
            if (ranges.hasPrefix(shorter)) {
                Owner owner = ranges.byKey.get(RangeKey.of(block.toPrefixBlock(shorter)));
                if (owner != null) {
                    found.add(owner);
                }
            }
        }
        RangeKey first = RangeKey.of(block);
        RangeKey last = new RangeKey(block.getUpper().toIPv4().longValue(), IPV4_BITS);
        found.addAll(ranges.byKey.subMap(first, true, last, true).values());
        return found;
    }

    /** Remembered ranges, and which prefix lengths occur among them. */
    private static final class Ranges {
        private final NavigableMap<RangeKey, Owner> byKey = new TreeMap<>();
        private final boolean[] prefixes = new boolean[IPV4_BITS + 1];

        boolean hasPrefix(int prefix) {
            return prefixes[prefix];
        }

        void remember(String cidr, Owner owner) {
            RangeKey key = RangeKey.of(Cidrs.block(cidr));
            byKey.merge(key, owner, Owner::join);
            prefixes[key.prefix()] = true;
        }
    }

    /**
     * Names the first few overlaps of {@code range} one by one ({@code each} message) and counts the rest in one more
     * finding ({@code more} message), which the bundled wording makes sort after the named ones ("... overlaps yet
     * 3 more ...").
     */
    private void report(List<Reason> findings, BatchCheck check, String each, String more, String range,
                        List<Owner> overlaps) {
        for (Owner owner : overlaps.subList(0, Math.min(MAX_NAMED, overlaps.size()))) {
            findings.add(reason(check, each, Map.of("range", range, "otherRange", owner.kind() + " " + owner.cidr(),
                    "other", owner.label())).withRelated(List.of(owner.related())));
        }
        if (overlaps.size() > MAX_NAMED) {
            findings.add(reason(check, more, Map.of("range", range, "count", number(overlaps.size() - MAX_NAMED))));
        }
    }

    /** A finding of the check, in its words, at its level, citing its sources. */
    private Reason reason(BatchCheck check, String message, Map<String, String> values) {
        List<Source> cited = check.sources().stream().map(sources::get).filter(Objects::nonNull).toList();
        return new Reason(check.id(), null, check.level(), check.text(message, values), cited);
    }

    /** A count as the messages show it: "16,777,216". */
    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public List<String> pool() {
        return pool;
    }

    /** Given VNet ranges outside the pool, as "node subnet 10.50.0.0/24 of team (teams.csv:6)", the first few. */
    public List<String> outside() {
        return List.copyOf(outside);
    }

    /** How many given VNet ranges lie outside the pool. */
    public long outsideCount() {
        return outsideCount;
    }

    /** Requests that did not get some range they needed. */
    public long exhaustedRequests() {
        return exhaustedRequests;
    }
}
