package cniadvisor.batch;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.ipplan.Cidrs;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Advice;
import cniadvisor.model.BatchCheck;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;
import cniadvisor.model.Source;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * <p>Not thread-safe: call {@link #check} from one thread, in input order. {@link #routableDemand} may run on
 * any thread.
 */
public final class CrossRequestChecks {

    /** Ranges from the request's VNet that other networks route to, and so take space from the pool. */
    private static final Set<String> ROUTABLE = AddressPlanner.SUBNET_ROLES;
    private static final String NODE_SUBNET = "node subnet";
    private static final int MAX_NAMED = 5;
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
    private record Owner(String label, String kind, String cidr, boolean allShared) {
        Owner join(Owner later) {
            return new Owner(label, kind, cidr, allShared && later.allShared);
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
    private final IPAddressSeqRange[] poolRanges;
    private final long poolSize;
    private long demanded;
    private long demandingRequests;

    /**
     * @param knowledge where the checks' ids, levels, sources and messages come from (facts/ batchChecks:)
     * @param pool      the organisation's address space (canonical IPv4 CIDRs); empty when not given
     */
    public CrossRequestChecks(Knowledge knowledge, List<String> pool) {
        this.sources = knowledge.sources();
        this.nodeSubnetOverlap = knowledge.batchCheck(BatchCheck.NODE_SUBNET_OVERLAP);
        this.clusterRangeOverlap = knowledge.batchCheck(BatchCheck.CLUSTER_RANGE_OVERLAP);
        this.poolExhausted = knowledge.batchCheck(BatchCheck.ADDRESS_POOL_EXHAUSTED);
        this.outsidePool = knowledge.batchCheck(BatchCheck.OUTSIDE_ADDRESS_POOL);
        this.pool = List.copyOf(pool);
        this.poolRanges = IPAddressSeqRange.join(pool.stream()
                .map(cidr -> Cidrs.block(cidr).toSequentialRange())
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
        // the plan's ranges are what a deployment takes: the given node subnet, or the proposed ones sized for
        // the recommended option (and its pod subnet); none when nothing fits
        return advice.addressPlan().ranges().stream().filter(r -> ROUTABLE.contains(r.role()))
                .mapToLong(r -> Cidrs.size(r.cidr())).sum();
    }

    /**
     * Findings for one request against every request before it (in report order), then remembers its ranges.
     *
     * @param label  how findings on later requests name this one, e.g. "team-a (teams.csv:3)"; asked for only when
     *               the request gives a range
     * @param demand its {@link #routableDemand}
     */
    public List<Reason> check(Supplier<String> label, Request request, long demand) {
        List<Reason> findings = new ArrayList<>();
        Map<String, String> subnets = vnetSubnets(request);
        subnets.forEach((subnet, kind) -> {
            IPAddress block = Cidrs.block(subnet);
            String range = kind + " " + subnet;
            boolean shareable = kind.equals(NODE_SUBNET) && request.uses("sharedSubnet");
            List<Owner> nodeOverlaps = overlapping(nodeSubnets, block).stream()
                    .filter(o -> !(o.cidr().equals(subnet) && o.allShared() && shareable))
                    .toList();
            report(findings, nodeSubnetOverlap, "overlap", "more", range, nodeOverlaps);
            report(findings, clusterRangeOverlap, "subnetOverlap", "subnetMore", range,
                    overlapping(clusterRanges, block));
            checkInsidePool(findings, range, block);
        });
        Map<String, String> clusterCidrs = new LinkedHashMap<>();
        if (request.podCidr() != null) {
            clusterCidrs.put(request.podCidr(), "pod CIDR");
        }
        if (request.serviceCidr() != null) {
            clusterCidrs.putIfAbsent(request.serviceCidr(), "service CIDR");
        }
        clusterCidrs.forEach((cidr, kind) -> report(findings, clusterRangeOverlap, "clusterRangeOverlap",
                "clusterRangeMore", kind + " " + cidr, overlapping(nodeSubnets, Cidrs.block(cidr))));
        checkPool(findings, request, demand);

        subnets.forEach((subnet, kind) -> nodeSubnets.remember(subnet, new Owner(label.get(), kind, subnet,
                kind.equals(NODE_SUBNET) && request.uses("sharedSubnet"))));
        clusterCidrs.forEach((cidr, kind) -> clusterRanges.remember(cidr, new Owner(label.get(), kind, cidr, false)));
        findings.sort(Reason.REPORT_ORDER);
        return findings;
    }

    private void checkInsidePool(List<Reason> findings, String range, IPAddress block) {
        if (hasPool() && Arrays.stream(poolRanges).noneMatch(pooled -> pooled.contains(block))) {
            findings.add(reason(outsidePool, "outside", Map.of("range", range, "pool", String.join(", ", pool))));
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

    private void checkPool(List<Reason> findings, Request request, long demand) {
        if (!hasPool() || demand == 0) {
            return;
        }
        long left = Math.max(0, poolSize - demanded);
        demanded += demand;
        demandingRequests++;
        if (demand > left) {
            Map<String, String> values = new HashMap<>(Map.of("needed", number(demand), "left", number(left),
                    "size", number(poolSize)));
            if (request.nodeSubnetCidr() != null) {
                values.put("nodeSubnet", request.nodeSubnetCidr());
            }
            findings.add(reason(poolExhausted, request.nodeSubnetCidr() == null ? "exhausted"
                    : "exhaustedWithNodeSubnet", values));
        }
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
                    "other", owner.label())));
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
}
