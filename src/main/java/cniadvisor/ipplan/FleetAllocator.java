package cniadvisor.ipplan;

import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressPlan;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.NodePool;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives every request of a batch the ranges it needs and did not give, from the organisation's address space, so
 * that no two clusters' routable ranges overlap.
 *
 * <p>First every range the batch names is known ({@link #reserveGiven}, a pass over all requests before any
 * allocation): the requests' VNets and subnets are taken from the pools, their connected networks and the
 * organisation's reserved ranges are avoided. Then, in input order ({@link #allocate}), each request's proposed
 * VNet-routable subnets (node and pod subnets, the API server, Application Gateway (for Containers) and virtual
 * nodes subnets) become aligned blocks of the pools, sized for the pools' max counts and surge plus
 * {@code headroom} percent, so the cluster can grow. A request that names no routable range gets one block for its
 * VNet with its subnets carved inside; a request that names some gets each missing subnet on its own (to add to its
 * VNet's address space); a request that names its VNet keeps the plan's proposals, which lie inside it.
 *
 * <p>Pod and service CIDRs of Overlay and kubenet are private to each cluster: the same range serves every cluster,
 * as long as it overlaps nothing routable that any request names or the pools hold. AKS's default stays when it is
 * clear; otherwise one replacement per size is chosen outside the pools and shared. Which ranges are shared, and by
 * how many clusters, is counted.
 *
 * <p>Deterministic: the same requests in the same order give the same blocks. Not thread-safe: one per batch, called
 * in input order.
 */
public final class FleetAllocator {

    /** The subnets of a cluster's VNet: other networks route to them, so they take space from the pool. */
    public static final List<String> ROUTABLE = List.of(AddressPlanner.NODE_SUBNET, AddressPlanner.POD_SUBNET,
            AddressPlanner.API_SERVER_SUBNET, AddressPlanner.AGC_SUBNET, AddressPlanner.APPGW_SUBNET,
            AddressPlanner.ACI_SUBNET);
    /** Ranges only the cluster itself routes: they may repeat across clusters. */
    private static final Set<String> CLUSTER_PRIVATE = Set.of(AddressPlanner.POD_CIDR, AddressPlanner.SERVICE_CIDR);
    private static final int IPV4_BITS = 32;
    private static final String ALLOCATED = "allocated";

    /**
     * A request's plan with its allocated ranges in place of the proposals, what it was given (or could not be), and
     * each range of the plan that changed, old to new.
     */
    public record Allocation(AddressPlan plan, List<AllocatedRange> ranges, Map<String, String> replaced) {
        public Allocation {
            replaced = Map.copyOf(replaced);
        }

        public boolean exhausted() {
            return ranges.stream().anyMatch(r -> !r.allocated());
        }

        /** Whether the plan's ranges changed, so its deployment must follow. */
        public boolean changed() {
            return !replaced.isEmpty();
        }
    }

    /** A cluster-private range and how many clusters of the batch use it. */
    public record SharedRange(String role, String cidr, long clusters) {
    }

    private final AddressAllocator allocator;
    private final AddressPlanner planner;
    private final int headroomPercent;
    /** Everything routable the batch names: the pools, reserved ranges, given VNet ranges, connected networks. */
    private final Intervals routable = new Intervals();
    /** The ranges facts/ reserve (link-local, AKS's own, ...): no cluster-private range may use them. */
    private final Intervals platformReserved = new Intervals();
    private final Map<String, Optional<String>> sharedReplacement = new HashMap<>();
    private final Map<String, long[]> sharedUse = new TreeMap<>();
    private final List<AddressSpace.Reserved> reserved;
    private long reservedAddresses;
    private long givenAddresses;
    private long allocatedAddresses;

    /**
     * @param space    the organisation's pools (IPv4 CIDRs) and the ranges no cluster may take
     * @param headroom percent added to a subnet's need before it is rounded to a prefix
     */
    public FleetAllocator(AddressSpace space, AddressPlanner planner, int headroom) {
        this.allocator = new AddressAllocator(space.pools());
        this.planner = planner;
        this.headroomPercent = headroom;
        this.reserved = space.reserved();
        space.pools().forEach(routable::add);
        for (AddressSpace.Reserved range : space.reserved()) {
            reservedAddresses += allocator.reserve(range.cidr());
            routable.add(range.cidr());
        }
        planner.reserved().forEach(known -> platformReserved.add(known.span()));
    }

    /**
     * Takes the request's given VNet ranges out of the pools and remembers its connected networks, before any
     * allocation: a later request's given range is never handed to an earlier one.
     */
    public void reserveGiven(Request request) {
        for (String cidr : givenRoutable(request)) {
            givenAddresses += allocator.reserve(cidr);
            routable.add(cidr);
        }
        for (String cidr : request.connectedNetworks()) {
            if (ipv4(cidr)) {
                reservedAddresses += allocator.reserve(cidr);
                routable.add(cidr);
            }
        }
        // a given pod or service CIDR may repeat on other clusters, but no routable range may be allocated over it
        for (String cidr : new String[] {request.podCidr(), request.serviceCidr()}) {
            if (cidr != null && ipv4(cidr)) {
                reservedAddresses += allocator.reserve(cidr);
            }
        }
    }

    /** The VNet ranges a request gives (its VNet's spaces and every subnet), IPv4 only, each once. */
    public static List<String> givenRoutable(Request request) {
        Set<String> given = new LinkedHashSet<>(request.vnetCidr());
        addIfGiven(given, request.nodeSubnetCidr());
        for (NodePool pool : request.nodePools()) {
            addIfGiven(given, pool.nodeSubnetCidr());
            addIfGiven(given, pool.podSubnetCidr());
        }
        addIfGiven(given, request.apiServerSubnetCidr());
        addIfGiven(given, request.appGatewayForContainersSubnetCidr());
        addIfGiven(given, request.applicationGatewaySubnetCidr());
        addIfGiven(given, request.virtualNodesSubnetCidr());
        given.removeIf(cidr -> !ipv4(cidr));
        return List.copyOf(given);
    }

    private static void addIfGiven(Set<String> given, String cidr) {
        if (cidr != null) {
            given.add(cidr);
        }
    }

    private static boolean ipv4(String cidr) {
        return cidr.indexOf(':') < 0;
    }

    /**
     * Allocates what the plan of the recommended {@code option} proposed and did not get from the request, and makes
     * its cluster-private ranges clear of everything routable in the batch.
     */
    public Allocation allocate(Request request, AddressPlan plan, String option) {
        List<ProposedRange> ranges = new ArrayList<>(plan.ranges());
        List<AllocatedRange> allocated = new ArrayList<>();
        if (request.vnetCidr().isEmpty()) {
            allocateRoutable(request, plan, option, ranges, allocated);
        }
        clusterPrivate(request, ranges, allocated);
        Map<String, String> replaced = new HashMap<>();
        int offset = ranges.size() - plan.ranges().size(); // the VNet block, when one was added first
        for (int i = 0; i < plan.ranges().size(); i++) {
            String before = plan.ranges().get(i).cidr();
            String after = ranges.get(i + offset).cidr();
            if (before != null && !before.equals(after)) {
                replaced.put(before, after);
            }
        }
        return new Allocation(new AddressPlan(plan.sizing(), ranges, plan.findings()), allocated, replaced);
    }

    private record Wanted(int index, ProposedRange range, int prefix, String why) {
        long size() {
            return 1L << (IPV4_BITS - prefix);
        }
    }

    private void allocateRoutable(Request request, AddressPlan plan, String option, List<ProposedRange> ranges,
                                  List<AllocatedRange> allocated) {
        List<Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            ProposedRange range = ranges.get(i);
            if ("proposed".equals(range.origin()) && ROUTABLE.contains(range.role())) {
                wanted.add(sized(i, plan, option, range));
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        if (givenRoutable(request).isEmpty()) {
            allocateVnet(wanted, ranges, allocated);
        } else {
            for (Wanted w : wanted) {
                Optional<String> block = allocator.allocate(w.prefix());
                block.ifPresent(cidr -> place(w, cidr, ranges, allocated));
                if (block.isEmpty()) {
                    allocated.add(new AllocatedRange(w.range().role(), null, w.why(), w.range().pools(), false,
                            shortfall(w.prefix())));
                }
            }
        }
    }

    /** One block for the VNet, holding every subnet, biggest first so each lands aligned. */
    private void allocateVnet(List<Wanted> wanted, List<ProposedRange> ranges, List<AllocatedRange> allocated) {
        long total = wanted.stream().mapToLong(Wanted::size).sum();
        int vnetPrefix = IPV4_BITS - (Long.SIZE - Long.numberOfLeadingZeros(total - 1));
        String why = String.format(Locale.ROOT, "the cluster's subnets: %s = %,d addresses", String.join(" + ",
                wanted.stream().map(w -> w.range().role() + " /" + w.prefix()).toList()), total);
        Optional<String> vnet = allocator.allocate(vnetPrefix);
        if (vnet.isEmpty()) {
            allocated.add(new AllocatedRange(AddressPlanner.VNET, null, why, List.of(), false,
                    shortfall(vnetPrefix)));
            return;
        }
        allocatedAddresses += Cidrs.size(vnet.get());
        allocated.add(new AllocatedRange(AddressPlanner.VNET, vnet.get(), why, List.of(), false, null));
        ranges.add(0, new ProposedRange(AddressPlanner.VNET, vnet.get(), ALLOCATED, null,
                "allocated from the address pool for " + why, null));
        long cursor = Span.of(vnet.get()).first();
        List<Wanted> biggestFirst = new ArrayList<>(wanted);
        biggestFirst.sort(Comparator.comparingInt(Wanted::prefix)); // stable: plan order among equals
        for (Wanted w : biggestFirst) {
            ranges.set(w.index() + 1, allocatedRange(w, Cidrs.blockAt(cursor, w.prefix())));
            cursor += w.size();
        }
        // list the subnets in plan order
        for (Wanted w : wanted) {
            String cidr = ranges.get(w.index() + 1).cidr();
            allocated.add(new AllocatedRange(w.range().role(), cidr, w.why(), w.range().pools(), false, null));
        }
    }

    private void place(Wanted w, String cidr, List<ProposedRange> ranges, List<AllocatedRange> allocated) {
        allocatedAddresses += Cidrs.size(cidr);
        ranges.set(w.index(), allocatedRange(w, cidr));
        allocated.add(new AllocatedRange(w.range().role(), cidr, w.why(), w.range().pools(), false, null));
    }

    private static ProposedRange allocatedRange(Wanted w, String cidr) {
        return new ProposedRange(w.range().role(), cidr, ALLOCATED, null, "allocated from the address pool: "
                + w.why(), null, w.range().pools());
    }

    private String shortfall(int prefix) {
        long size = 1L << (IPV4_BITS - prefix);
        String largest = allocator.largestFreePrefix().map(p -> String.format(Locale.ROOT,
                "the largest free block is a /%d, and %,d addresses are free in all", p, allocator.freeAddresses()))
                .orElse("the pool is full");
        return String.format(Locale.ROOT, "needs a /%d (%,d addresses); %s", prefix, size, largest);
    }

    /** Node and pod subnets: the need plus the headroom; the others: the size the plan proposed. */
    private Wanted sized(int index, AddressPlan plan, String option, ProposedRange range) {
        int proposed = Cidrs.prefixLength(range.cidr());
        boolean grows = range.role().equals(AddressPlanner.NODE_SUBNET)
                || range.role().equals(AddressPlanner.POD_SUBNET);
        Optional<AddressFit> fit = grows ? plan.sizing().stream().filter(f -> f.option().equals(option)
                && f.cidr() == null && "addresses".equals(f.unit()) && forRole(f, range.role())
                && (range.pools().isEmpty() || f.pools().equals(range.pools()))).findFirst() : Optional.empty();
        if (fit.isEmpty()) {
            return new Wanted(index, range, proposed, "a /" + proposed + ", the size this subnet takes");
        }
        long needed = fit.get().needed();
        long withHeadroom = (long) Math.ceil(needed * (100 + headroomPercent) / 100.0);
        int prefix = planner.smallestSubnetPrefix(withHeadroom);
        if (prefix < 0 || prefix > proposed) {
            prefix = proposed;
        }
        return new Wanted(index, range, prefix, String.format(Locale.ROOT, "%,d addresses (%s) + %d%% headroom = "
                + "%,d; a /%d holds %,d", needed, fit.get().formula(), headroomPercent, withHeadroom, prefix,
                planner.usable(prefix)));
    }

    private static boolean forRole(AddressFit fit, String role) {
        return fit.range().equals(role) || role.equals(AddressPlanner.POD_SUBNET)
                && fit.range().equals(AddressPlanner.POD_SUBNET_STATIC);
    }

    // ---- cluster-private ranges ----

    /**
     * Keeps each pod and service CIDR the request did not give where it overlaps nothing routable in the batch;
     * else replaces it with the range shared by every cluster of that size; the DNS service IP follows its service
     * CIDR.
     */
    private void clusterPrivate(Request request, List<ProposedRange> ranges, List<AllocatedRange> allocated) {
        Intervals own = new Intervals();
        for (ProposedRange range : ranges) {
            if (CLUSTER_PRIVATE.contains(range.role()) && range.usable() != null && ipv4(range.usable())) {
                own.add(range.usable());
            }
        }
        String oldService = null;
        String newService = null;
        for (int i = 0; i < ranges.size(); i++) {
            ProposedRange range = ranges.get(i);
            if (!CLUSTER_PRIVATE.contains(range.role()) || range.cidr() == null || !ipv4(range.cidr())
                    || !("default".equals(range.origin()) || "proposed".equals(range.origin()))) {
                continue;
            }
            String cidr = range.cidr();
            String why;
            boolean dnsGiven = range.role().equals(AddressPlanner.SERVICE_CIDR) && request.dnsServiceIp() != null;
            if (routable.overlaps(Span.of(cidr)) && dnsGiven) {
                // the given DNS service IP must stay inside its service CIDR: the team moves both or neither
                allocated.add(new AllocatedRange(range.role(), null, "AKS's default " + cidr, List.of(), true,
                        "overlaps the address pool or a range of the batch, and cannot move: the request gives "
                        + "dnsServiceIp " + request.dnsServiceIp() + " inside it; give serviceCidr and dnsServiceIp "
                        + "clear of the pool"));
                continue;
            }
            if (routable.overlaps(Span.of(cidr))) {
                Optional<String> replacement = replacement(range.role(), Cidrs.prefixLength(cidr), own);
                if (replacement.isEmpty()) {
                    allocated.add(new AllocatedRange(range.role(), null, "a /" + Cidrs.prefixLength(cidr)
                            + " clear of every routable range of the batch", List.of(), true,
                            "finds no supported private range clear of the address pool and the batch's ranges"));
                    continue;
                }
                why = cidr + " overlaps the address pool or a range of the batch; " + replacement.get()
                        + " is clear of them, and every cluster of the batch that needs this size shares it";
                if (range.role().equals(AddressPlanner.SERVICE_CIDR)) {
                    oldService = cidr;
                    newService = replacement.get();
                }
                cidr = replacement.get();
                own.add(cidr);
                ranges.set(i, new ProposedRange(range.role(), cidr, "proposed", range.replaces() == null
                        ? range.cidr() : range.replaces(), why, null, range.pools()));
            } else {
                why = "clear of every routable range of the batch; cluster-private, so other clusters may use it too";
            }
            sharedUse.computeIfAbsent(range.role() + " " + cidr, k -> new long[1])[0]++;
            allocated.add(new AllocatedRange(range.role(), cidr, why, List.of(), true, null));
        }
        if (newService != null) {
            moveDnsServiceIp(ranges, oldService, newService);
        }
    }

    /** The DNS service IP the planner derived moves with its service CIDR, at the same offset. */
    private static void moveDnsServiceIp(List<ProposedRange> ranges, String oldService, String newService) {
        for (int i = 0; i < ranges.size(); i++) {
            ProposedRange dns = ranges.get(i);
            if (dns.role().equals(AddressPlanner.DNS_SERVICE_IP) && !"given".equals(dns.origin())
                    && !dns.isRejected() && Cidrs.contains(oldService, dns.cidr())) {
                long offset = Span.of(dns.cidr() + "/32").first() - Span.of(oldService).first();
                String moved = Cidrs.hostAt(newService, offset);
                ranges.set(i, new ProposedRange(dns.role(), moved, "proposed", dns.cidr(), "the same offset in "
                        + "the service CIDR " + newService + " as in " + oldService, null, dns.pools()));
            }
        }
    }

    /**
     * The shared replacement for a cluster-private range of this role and size: the first aligned block of the
     * supported private ranges (facts order) clear of everything routable, the platform's reserved ranges and the
     * other role's defaults. A request whose own other cluster-private range overlaps it gets one of its own.
     */
    private Optional<String> replacement(String role, int prefix, Intervals own) {
        Optional<String> shared = sharedReplacement.computeIfAbsent(role + "/" + prefix, k -> {
            Intervals others = new Intervals();
            others.add(planner.defaultRange("default-pod-cidr"));
            others.add(planner.defaultRange("default-service-cidr"));
            sharedReplacement.values().forEach(v -> v.ifPresent(others::add));
            return firstFree(prefix, List.of(routable, platformReserved, others));
        });
        if (shared.isEmpty()) {
            return shared;
        }
        // the range being replaced is among the request's own, but a block of its size clear of the batch never
        // overlaps it: only the request's other cluster-private range can be in the way
        if (!own.overlaps(Span.of(shared.get()))) {
            return shared;
        }
        return firstFree(prefix, List.of(routable, platformReserved, own));
    }

    private Optional<String> firstFree(int prefix, List<Intervals> avoid) {
        long size = 1L << (IPV4_BITS - prefix);
        for (AddressPlanner.KnownRange space : planner.supportedPodRanges()) {
            if (space.prefixLength() > prefix) {
                continue;
            }
            long cursor = space.span().first();
            while (cursor + size - 1 <= space.span().last()) {
                Span candidate = new Span(cursor, cursor + size - 1);
                long blockedUntil = -1;
                for (Intervals intervals : avoid) {
                    blockedUntil = Math.max(blockedUntil, intervals.blockedUntil(candidate));
                }
                if (blockedUntil < 0) {
                    return Optional.of(Cidrs.blockAt(cursor, prefix));
                }
                cursor = (blockedUntil / size + 1) * size;
            }
        }
        return Optional.empty();
    }

    // ---- what the pools hold ----

    public List<AddressAllocator.PoolUse> poolUse() {
        return allocator.use();
    }

    public long poolSize() {
        return allocator.pools().stream().mapToLong(AddressAllocator.Block::size).sum();
    }

    /**
     * Pool addresses held by the organisation's reserved ranges, the requests' connected networks and the pod and
     * service CIDRs requests gave.
     */
    public long reservedAddresses() {
        return reservedAddresses;
    }

    /** Pool addresses the requests' given VNet ranges hold (each address once). */
    public long givenAddresses() {
        return givenAddresses;
    }

    /** Pool addresses allocated to requests. */
    public long allocatedAddresses() {
        return allocatedAddresses;
    }

    public long freeAddresses() {
        return allocator.freeAddresses();
    }

    public List<String> largestFreeBlocks(int limit) {
        return allocator.largestFreeBlocks(limit);
    }

    /** The organisation's reserved range the given range overlaps, when it does: no cluster may take it. */
    public Optional<AddressSpace.Reserved> reservedOverlapping(String cidr) {
        return ipv4(cidr) ? reserved.stream().filter(r -> Cidrs.overlaps(r.cidr(), cidr)).findFirst()
                : Optional.empty();
    }

    /** Whether the range lies entirely inside a pool. */
    public boolean inPool(String cidr) {
        return ipv4(cidr) && allocator.inPool(cidr);
    }

    /** The cluster-private ranges the batch's clusters use, each with how many use it, by role then range. */
    public List<SharedRange> sharedRanges() {
        List<SharedRange> shared = new ArrayList<>();
        sharedUse.forEach((key, count) -> {
            int space = key.indexOf(' ');
            shared.add(new SharedRange(key.substring(0, space), key.substring(space + 1), count[0]));
        });
        return shared;
    }

    /** Merged, disjoint IPv4 intervals, by first address. */
    static final class Intervals {
        private final TreeMap<Long, Long> byFirst = new TreeMap<>();

        void add(String cidr) {
            if (ipv4(cidr)) {
                add(Span.of(cidr));
            }
        }

        void add(Span span) {
            long first = span.first();
            long last = span.last();
            Map.Entry<Long, Long> before = byFirst.floorEntry(first);
            if (before != null && before.getValue() >= first - 1) {
                first = before.getKey();
                last = Math.max(last, before.getValue());
            }
            Map.Entry<Long, Long> next = byFirst.ceilingEntry(first);
            while (next != null && next.getKey() <= last + 1) {
                last = Math.max(last, next.getValue());
                byFirst.remove(next.getKey());
                next = byFirst.ceilingEntry(first);
            }
            byFirst.put(first, last);
        }

        boolean overlaps(Span span) {
            return blockedUntil(span) >= 0;
        }

        /** The last address of the interval overlapping the span that ends last; -1 when none overlaps. */
        long blockedUntil(Span span) {
            Map.Entry<Long, Long> floor = byFirst.floorEntry(span.last());
            return floor != null && floor.getValue() >= span.first() ? floor.getValue() : -1;
        }
    }
}
