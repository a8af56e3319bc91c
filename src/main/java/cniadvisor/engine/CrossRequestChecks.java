package cniadvisor.engine;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.ipplan.Cidrs;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Advice;
import cniadvisor.model.AddressFit;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;
import cniadvisor.model.Source;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * <p>Not thread-safe: call {@link #check} from one thread, in input order. {@link #routableDemand} may run on
 * any thread.
 */
public final class CrossRequestChecks {

    public static final String NODE_SUBNET_OVERLAP = "BATCH-NODE-SUBNET-OVERLAP";
    public static final String CLUSTER_RANGE_OVERLAP = "BATCH-CLUSTER-RANGE-OVERLAP";
    public static final String POOL_EXHAUSTED = "BATCH-ADDRESS-POOL-EXHAUSTED";
    public static final String OUTSIDE_POOL = "BATCH-OUTSIDE-ADDRESS-POOL";

    /** The checks, described like rules, for listings and SARIF. */
    public static final List<RuleMeta> RULES = List.of(
            check(NODE_SUBNET_OVERLAP, "Node subnets of different requests must not overlap", "learn-ip-planning",
                    "Error when a request's node subnet overlaps the node subnet of an earlier request in the batch "
                            + "(the same subnet on two requests that both set sharedSubnet is allowed)."),
            check(CLUSTER_RANGE_OVERLAP, "A node subnet overlaps another cluster's pod or service CIDR",
                    "learn-overlay-concepts, learn-ip-planning",
                    "Warns when a request's node subnet overlaps an earlier request's pod or service CIDR, or its pod "
                            + "or service CIDR overlaps an earlier request's node subnet."),
            check(POOL_EXHAUSTED, "The address pool cannot hold the batch", "learn-ip-planning",
                    "Error on each request whose routable addresses (node subnet, pod subnet) no longer fit in "
                            + "what is left of --address-pool."),
            check(OUTSIDE_POOL, "A node subnet lies outside the address pool", "learn-ip-planning",
                    "Warns when a request's node subnet is not inside --address-pool."));

    /** Ranges from the request's VNet that other networks route to, and so take space from the pool. */
    private static final Set<String> ROUTABLE = Set.of(AddressPlanner.NODE_SUBNET, AddressPlanner.POD_SUBNET);
    private static final String NODE_SUBNET = "node subnet";
    private static final int MAX_NAMED = 5;
    private static final int IPV4_BITS = 32;

    /** A range by its first address, then prefix length: blocks inside a block sort right after it. */
    private record RangeKey(long lower, int prefix) implements Comparable<RangeKey> {
        static RangeKey of(IPAddress block) {
            return new RangeKey(block.getLower().getValue().longValue(), block.getNetworkPrefixLength());
        }

        @Override
        public int compareTo(RangeKey other) {
            int byLower = Long.compare(lower, other.lower);
            return byLower != 0 ? byLower : Integer.compare(prefix, other.prefix);
        }
    }

    /** The first request that gave a range; {@code allShared}: every request giving exactly it shares it. */
    private record Owner(String label, String kind, String cidr, boolean allShared) {
        Owner join(Owner later) {
            return new Owner(label, kind, cidr, allShared && later.allShared);
        }
    }

    private final Map<String, Source> sources;
    private final AddressPlanner planner;
    private final NavigableMap<RangeKey, Owner> nodeSubnets = new TreeMap<>();
    private final NavigableMap<RangeKey, Owner> clusterRanges = new TreeMap<>();
    private final List<String> pool;
    private final IPAddressSeqRange[] poolRanges;
    private final long poolSize;
    private long demanded;
    private long demandingRequests;
    private long nodeSubnetOverlaps;
    private long clusterRangeOverlaps;

    /** @param pool the organisation's address space (canonical IPv4 CIDRs); empty when not given */
    public CrossRequestChecks(Knowledge knowledge, List<String> pool) {
        this.sources = knowledge.sources();
        this.planner = new AddressPlanner(knowledge);
        this.pool = List.copyOf(pool);
        this.poolRanges = IPAddressSeqRange.join(pool.stream()
                .map(cidr -> Cidrs.parse(cidr).toPrefixBlock().toSequentialRange())
                .toArray(IPAddressSeqRange[]::new));
        this.poolSize = Arrays.stream(poolRanges).mapToLong(r -> r.getCount().longValueExact()).sum();
    }

    public boolean hasPool() {
        return !pool.isEmpty();
    }

    /**
     * The routable addresses the request takes from the pool: for its recommended option, the block of each VNet
     * range the option uses (node subnet, pod subnet) - the range given, or else the smallest block that holds what
     * the option needs. 0 when nothing fits.
     */
    public long routableDemand(Request request, Advice advice) {
        if (advice.recommendation() == null) {
            return 0;
        }
        String option = advice.recommendation().option();
        long demand = 0;
        for (AddressFit fit : planner.fits(request)) {
            if (fit.option().equals(option) && ROUTABLE.contains(fit.range())) {
                demand += fit.given() ? Cidrs.size(fit.cidr()) : blockSize(fit.smallestPrefix());
            }
        }
        return demand;
    }

    /**
     * Findings for one request against every request before it, then remembers its ranges.
     *
     * @param label  how findings on later requests name this one, e.g. "team-a (teams.csv:3)"
     * @param demand its {@link #routableDemand}
     */
    public List<Reason> check(String label, Request request, long demand) {
        List<Reason> findings = new ArrayList<>();
        String node = request.nodeSubnetCidr();
        if (node != null) {
            IPAddress block = Cidrs.parse(node).toPrefixBlock();
            List<Owner> nodeOverlaps = overlapping(nodeSubnets, block).stream()
                    .filter(o -> !(o.cidr().equals(node) && o.allShared() && request.sharedSubnet()))
                    .toList();
            nodeSubnetOverlaps += nodeOverlaps.size();
            report(findings, nodeOverlaps, o -> error(NODE_SUBNET_OVERLAP, "Node subnet %s overlaps node subnet %s of "
                    + "%s: subnets of peered or connected VNets must not overlap, so give this cluster a free range.",
                    node, o.cidr(), o.label()), NODE_SUBNET_OVERLAP, "error");
            List<Owner> rangeOverlaps = overlapping(clusterRanges, block);
            clusterRangeOverlaps += rangeOverlaps.size();
            report(findings, rangeOverlaps, o -> warning(CLUSTER_RANGE_OVERLAP, "Node subnet %s overlaps the %s %s of "
                    + "%s: if the two clusters' networks are connected, those addresses become ambiguous.",
                    node, o.kind(), o.cidr(), o.label()), CLUSTER_RANGE_OVERLAP, "warning");
            checkInsidePool(findings, node, block);
        }
        Map<String, String> clusterCidrs = new LinkedHashMap<>();
        if (request.podCidr() != null) {
            clusterCidrs.put(request.podCidr(), "pod CIDR");
        }
        if (request.serviceCidr() != null) {
            clusterCidrs.putIfAbsent(request.serviceCidr(), "service CIDR");
        }
        clusterCidrs.forEach((cidr, kind) -> {
            List<Owner> overlaps = overlapping(nodeSubnets, Cidrs.parse(cidr).toPrefixBlock());
            clusterRangeOverlaps += overlaps.size();
            report(findings, overlaps, o -> warning(CLUSTER_RANGE_OVERLAP, "The %s %s overlaps node subnet %s of %s: "
                    + "if the two clusters' networks are connected, those addresses become ambiguous.",
                    kind, cidr, o.cidr(), o.label()), CLUSTER_RANGE_OVERLAP, "warning");
        });
        checkPool(findings, request, demand);

        if (node != null) {
            remember(nodeSubnets, node, new Owner(label, NODE_SUBNET, node, request.sharedSubnet()));
        }
        clusterCidrs.forEach((cidr, kind) -> remember(clusterRanges, cidr, new Owner(label, kind, cidr, false)));
        return findings;
    }

    private void checkInsidePool(List<Reason> findings, String node, IPAddress block) {
        if (hasPool() && Arrays.stream(poolRanges).noneMatch(range -> range.contains(block))) {
            findings.add(warning(OUTSIDE_POOL, "Node subnet %s is outside the address pool (%s).",
                    node, String.join(", ", pool)));
        }
    }

    private void checkPool(List<Reason> findings, Request request, long demand) {
        if (!hasPool() || demand == 0) {
            return;
        }
        long left = Math.max(0, poolSize - demanded);
        demanded += demand;
        demandingRequests++;
        if (demand > left) {
            findings.add(error(POOL_EXHAUSTED, "Address pool: this cluster needs %,d routable addresses%s, but only "
                            + "%,d of the pool's %,d are left.", demand,
                    request.nodeSubnetCidr() == null ? "" : " (node subnet " + request.nodeSubnetCidr() + ")",
                    left, poolSize));
        }
    }

    /** Every remembered range that overlaps the block, in address order: those containing it, then those inside. */
    private static List<Owner> overlapping(NavigableMap<RangeKey, Owner> ranges, IPAddress block) {
        List<Owner> found = new ArrayList<>();
        int prefix = block.getNetworkPrefixLength();
        for (int shorter = 0; shorter < prefix; shorter++) {
            RangeKey container = RangeKey.of(block.toPrefixBlock(shorter));
            Owner owner = ranges.get(container);
            if (owner != null) {
                found.add(owner);
            }
        }
        RangeKey first = RangeKey.of(block);
        RangeKey last = new RangeKey(block.getUpper().getValue().longValue(), IPV4_BITS);
        found.addAll(ranges.subMap(first, true, last, true).values());
        return found;
    }

    /** Names the first few overlaps one by one and counts the rest in one more finding. */
    private void report(List<Reason> findings, List<Owner> overlaps, Function<Owner, Reason> each,
                        String rule, String level) {
        overlaps.stream().limit(MAX_NAMED).map(each).forEach(findings::add);
        if (overlaps.size() > MAX_NAMED) {
            findings.add(reason(rule, level, "... and %,d more ranges of earlier requests.",
                    overlaps.size() - MAX_NAMED));
        }
    }

    private static void remember(NavigableMap<RangeKey, Owner> ranges, String cidr, Owner owner) {
        ranges.merge(RangeKey.of(Cidrs.parse(cidr).toPrefixBlock()), owner, Owner::join);
    }

    private Reason error(String rule, String text, Object... args) {
        return reason(rule, "error", text, args);
    }

    private Reason warning(String rule, String text, Object... args) {
        return reason(rule, "warning", text, args);
    }

    private Reason reason(String rule, String level, String text, Object... args) {
        List<Source> cited = RULES.stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow()
                .sources().stream().map(sources::get).filter(Objects::nonNull).toList();
        return new Reason(rule, null, level, String.format(Locale.ROOT, text, args), cited);
    }

    private static long blockSize(int prefix) {
        return prefix < 0 ? 1L << IPV4_BITS : 1L << (IPV4_BITS - prefix);
    }

    private static RuleMeta check(String id, String name, String sources, String decides) {
        return new RuleMeta(id, name, "cniadvisor.batch",
                Arrays.stream(sources.split(",")).map(String::trim).collect(Collectors.toList()), null, decides);
    }

    public List<String> pool() {
        return pool;
    }

    public long poolSize() {
        return poolSize;
    }

    /** Routable addresses the batch's recommendations take, over every request counted so far. */
    public long demanded() {
        return demanded;
    }

    public long demandingRequests() {
        return demandingRequests;
    }

    /** What the pool has left; negative when the batch asks for more than it holds. */
    public long left() {
        return poolSize - demanded;
    }

    public long nodeSubnetOverlaps() {
        return nodeSubnetOverlaps;
    }

    public long clusterRangeOverlaps() {
        return clusterRangeOverlaps;
    }
}
