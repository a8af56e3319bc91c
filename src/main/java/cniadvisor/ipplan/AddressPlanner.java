package cniadvisor.ipplan;

import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressRange;
import cniadvisor.model.MaxSurge;
import cniadvisor.model.NodePool;
import cniadvisor.model.OptionPods;
import cniadvisor.model.PoolRoom;
import cniadvisor.model.PluginOption;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Request;
import cniadvisor.model.RequestRange;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes the address ranges each option needs for a request, and describes the ranges the request gave and how they
 * relate to each other and to the reserved and supported ranges in facts/. It states facts about addresses; the
 * IP-space rules judge them. Every constant (reserved addresses per subnet, per-node blocks, batch sizes, default
 * max pods) comes from facts/.
 */
public final class AddressPlanner {

    public static final String NODE_SUBNET = "node-subnet";
    public static final String POD_CIDR = "pod-cidr";
    public static final String POD_SUBNET = "pod-subnet";
    public static final String POD_SUBNET_STATIC = "pod-subnet-static";
    public static final String SERVICE_CIDR = "service-cidr";
    public static final String DNS_SERVICE_IP = "dns-service-ip";
    public static final String CONNECTED_NETWORK = "connected-network";
    public static final String RESERVED = "reserved";
    public static final String SUPPORTED_POD_RANGE = "supported-pod-range";
    public static final String VNET = "vnet";
    public static final String API_SERVER_SUBNET = "api-server-subnet";
    public static final String AGC_SUBNET = "agc-subnet";
    public static final String APPGW_SUBNET = "appgw-subnet";
    public static final String ACI_SUBNET = "aci-subnet";
    /** Roles of the subnets a cluster takes in its VNet: they lie inside the VNet's address spaces. */
    public static final java.util.Set<String> SUBNET_ROLES = java.util.Set.of(NODE_SUBNET, POD_SUBNET,
            API_SERVER_SUBNET, AGC_SUBNET, APPGW_SUBNET, ACI_SUBNET);

    private static final int IPV4_BITS = 32;

    private final Knowledge knowledge;
    private final long reservedPerSubnet;
    /** AKS's max surge when the request gives none, e.g. "10%" (facts/: cluster.defaultMaxSurge, a percentage). */
    private final String defaultMaxSurge;
    /** The recommended maximum pods per node for Windows Server containers (facts/: windows.recommendedMaxPods). */
    private final long windowsMaxPods;
    /** The reserved and supported pod ranges of facts/ with their spans, which every request is checked against. */
    private final List<KnownRange> reserved;
    private final List<KnownRange> supportedPodRanges;
    /** Each option's default max pods (facts/: defaultMaxPods), read for every pool of every request. */
    private final java.util.Map<String, Long> defaultMaxPods = new java.util.HashMap<>();

    record KnownRange(AddressRange range, Span span, int prefixLength) {
        static List<KnownRange> of(List<AddressRange> ranges) {
            return ranges.stream().map(r -> new KnownRange(r, Span.of(r.cidr()), Cidrs.prefixLength(r.cidr())))
                    .toList();
        }
    }

    public AddressPlanner(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.reservedPerSubnet = knowledge.requiredLimit("subnet", "reservedAddresses").value();
        this.defaultMaxSurge = MaxSurge.percentage(knowledge.requiredLimit("cluster", "defaultMaxSurge").value());
        this.windowsMaxPods = knowledge.requiredLimit("windows", "recommendedMaxPods").value();
        this.reserved = KnownRange.of(knowledge.ranges(RESERVED));
        this.supportedPodRanges = KnownRange.of(knowledge.ranges(SUPPORTED_POD_RANGE));
        knowledge.options().forEach(o -> defaultMaxPods.put(o.id(),
                knowledge.requiredLimit(o.id(), "defaultMaxPods").value()));
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    /** The reserved ranges of facts/, in facts order. */
    List<KnownRange> reserved() {
        return reserved;
    }

    /** The supported pod ranges of facts/, in facts order. */
    List<KnownRange> supportedPodRanges() {
        return supportedPodRanges;
    }

    /**
     * The request with AKS's default max surge applied when it gives no surge: the surge nodes that facts/'
     * cluster.defaultMaxSurge (a percentage, rounded up, at least one node) gives for its node count. The engine
     * applies it before the planner sizes ranges and before the rules see the request.
     */
    public Request withDefaults(Request request) {
        return request.surgeKnown() ? request
                : request.withSurge(pool -> MaxSurge.nodes(defaultMaxSurge, pool.maxCount()));
    }

    /**
     * Pods per node of the request's first pool for the option (the cluster's --max-pods); see
     * {@link #maxPods(NodePool, String)}.
     */
    public int maxPods(Request request, String option) {
        return maxPods(request.nodePools().get(0), option);
    }

    /**
     * Pods per node of a pool for the option, as the plan sizes ranges and the deployment sets --max-pods: the
     * pool's value, else the option's default from facts/, but for a Windows pool never above the recommended
     * maximum for Windows Server containers (a Windows pool is not planned and deployed at Overlay's 250).
     */
    public int maxPods(NodePool pool, String option) {
        if (pool.maxPodsPerNode() != null) {
            return pool.maxPodsPerNode();
        }
        long optionDefault = defaultMaxPods.get(option);
        return (int) (pool.windows() ? Math.min(optionDefault, windowsMaxPods) : optionDefault);
    }

    /** For every option, the pods the cluster's nodes have room for, in facts order. */
    public List<OptionPods> optionPods(Request request) {
        List<OptionPods> pods = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            int highest = request.nodePools().stream().mapToInt(p -> maxPods(p, option.id())).max().orElse(0);
            pods.add(new OptionPods(option.id(), podCapacity(request.nodePools(), option.id()), highest));
        }
        return pods;
    }

    /** The pods the pools' nodes have room for at their max pods for the option (surge nodes aside). */
    public long podCapacity(List<NodePool> pools, String option) {
        long pods = 0;
        for (NodePool pool : pools) {
            pods += (long) pool.maxCount() * maxPods(pool, option);
        }
        return pods;
    }

    /**
     * Whether a pod-subnet cluster should use static block allocation: when its pods (each pool's nodes x max pods)
     * exceed what dynamic allocation supports (the option's maxPodIps limit in facts/).
     */
    public boolean staticBlock(Request request, String option) {
        return knowledge.limit(option, "maxPodIps")
                .map(limit -> podCapacity(request.nodePools(), option) > limit.value())
                .orElse(false);
    }

    /**
     * The pools that share one subnet: {@code cidr} when known (null: not given, or known only by its resource id),
     * and the pools on it in pool order. {@code cluster} is the cluster's subnet, which pools without their own take.
     */
    public record SubnetGroup(String cidr, boolean cluster, List<NodePool> pools) {
        public List<String> poolNames() {
            return pools.stream().map(NodePool::name).toList();
        }
    }

    /** The node subnets of the request: the cluster's first (when a pool takes it), then the pools' own. */
    public List<SubnetGroup> nodeSubnets(Request request) {
        return groups(request.nodePools(), NodePool::nodeSubnetKey, request.nodeSubnetCidr(),
                pool -> pool.nodeSubnetCidr());
    }

    /** The pod subnets of the request: the shared one the plan proposes first, then the pools' own. */
    public List<SubnetGroup> podSubnets(Request request) {
        return groups(request.nodePools(), pool -> pool.podSubnetCidr() != null ? pool.podSubnetCidr()
                : pool.podSubnetId(), null, NodePool::podSubnetCidr);
    }

    private static List<SubnetGroup> groups(List<NodePool> pools, java.util.function.Function<NodePool, String> key,
                                            String clusterCidr,
                                            java.util.function.Function<NodePool, String> cidr) {
        java.util.Map<String, List<NodePool>> byKey = new java.util.LinkedHashMap<>();
        for (NodePool pool : pools) {
            String k = key.apply(pool);
            byKey.computeIfAbsent(k == null || k.equals(clusterCidr) ? "" : k, x -> new ArrayList<>()).add(pool);
        }
        List<SubnetGroup> groups = new ArrayList<>();
        List<NodePool> shared = byKey.remove("");
        if (shared != null) {
            groups.add(new SubnetGroup(clusterCidr, true, shared));
        }
        byKey.values().forEach(g -> groups.add(new SubnetGroup(cidr.apply(g.get(0)), false, g)));
        return groups;
    }

    // ---- sizing ----

    /** For every option, one fit per range (per subnet, where pools take different ones) it uses, in facts order. */
    public List<AddressFit> fits(Request request) {
        request = withDefaults(request);
        List<SubnetGroup> nodeSubnets = nodeSubnets(request);
        List<SubnetGroup> podSubnets = podSubnets(request);
        List<AddressFit> fits = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            for (SubnetGroup group : nodeSubnets) {
                fits.add(nodeSubnetFit(request, group, option));
            }
            switch (option.podAddresses()) {
                case POD_CIDR -> fits.add(podCidrFit(request, option));
                case POD_SUBNET -> {
                    for (SubnetGroup group : podSubnets) {
                        fits.add(dynamicPodSubnetFit(request, group, option));
                        fits.add(staticPodSubnetFit(request, group, option));
                    }
                }
                default -> { }
            }
        }
        return fits;
    }

    AddressFit nodeSubnetFit(Request request, SubnetGroup group, PluginOption option) {
        boolean podsInSubnet = option.podAddresses().equals(NODE_SUBNET);
        long needed = 0;
        int highestMaxPods = 0;
        List<String> terms = new ArrayList<>();
        for (NodePool pool : group.pools()) {
            int maxPods = maxPods(pool, option.id());
            highestMaxPods = Math.max(highestMaxPods, maxPods);
            long perNode = podsInSubnet ? maxPods + 1L : 1L;
            long poolNeed = pool.peakNodes() * perNode;
            needed += poolNeed;
            terms.add(pool.name() + " " + nodes(pool) + (podsInSubnet ? " x (" + maxPods + " pods + 1 node IP)"
                    : " x 1 node IP") + " = " + grouped(poolNeed));
        }
        String formula = !request.nodePoolsGiven()
                ? nodes(group.pools().get(0)) + (podsInSubnet ? " x (" + highestMaxPods + " pods + 1 node IP)"
                : " x 1 node IP") + " = " + grouped(needed) + " addresses"
                : String.join(" + ", terms) + (terms.size() > 1 ? "; " + grouped(needed) + " addresses in all"
                : " addresses");
        String cidr = group.cidr();
        long available = cidr == null ? 0 : usable(Cidrs.prefixLength(cidr));
        Long capacity = cidr == null ? null : available / (podsInSubnet ? highestMaxPods + 1L : 1L);
        return AddressFit.of(option.id(), NODE_SUBNET, highestMaxPods, needed, "addresses", formula,
                smallestSubnetPrefix(needed), cidr, available, capacity, null, group.poolNames(),
                podCapacity(group.pools(), option.id()),
                room(group, available - needed, pool -> podsInSubnet ? maxPods(pool, option.id()) + 1L : 1L, cidr));
    }

    /** How many more nodes of each pool the headroom holds; empty when the range is not known or too small. */
    private static List<PoolRoom> room(SubnetGroup group, long headroom,
                                       java.util.function.ToLongFunction<NodePool> perNode, String cidr) {
        if (cidr == null || headroom < 0) {
            return List.of();
        }
        return group.pools().stream().map(p -> new PoolRoom(p.name(), headroom / perNode.applyAsLong(p))).toList();
    }

    /** Against the given pod CIDR, or against AKS's default when the request gives none. */
    AddressFit podCidrFit(Request request, PluginOption option) {
        int blockPrefix = (int) knowledge.requiredLimit(option.id(), "podBlockPrefix").value();
        int peak = request.peakNodes();
        String formula = "one /" + blockPrefix + " per node: " + request.nodeCount() + " nodes + "
                + surge(request) + " = " + grouped(peak) + " blocks";
        int maxPods = request.nodePools().stream().mapToInt(p -> maxPods(p, option.id())).max().orElse(0);
        int smallest = smallestBlockPrefix(peak, blockPrefix);
        List<String> pools = request.nodePools().stream().map(NodePool::name).toList();
        long pods = podCapacity(request.nodePools(), option.id());
        if (request.podCidr() != null) {
            long available = blocks(Cidrs.prefixLength(request.podCidr()), blockPrefix);
            return AddressFit.of(option.id(), POD_CIDR, maxPods, peak, "nodes", formula, smallest,
                    request.podCidr(), available, available, null, pools, pods, List.of());
        }
        String defaultCidr = defaultRange("default-pod-cidr");
        return AddressFit.ofDefault(option.id(), POD_CIDR, maxPods, peak, "nodes", formula, smallest, defaultCidr,
                blocks(Cidrs.prefixLength(defaultCidr), blockPrefix), null, pools, pods);
    }

    /** The one range of a default kind in facts/ (validated at load). */
    public String defaultRange(String kind) {
        return knowledge.ranges(kind).get(0).cidr();
    }

    AddressFit dynamicPodSubnetFit(Request request, SubnetGroup group, PluginOption option) {
        long batch = knowledge.requiredLimit(option.id(), "allocationBatch").value();
        long needed = 0;
        long peakNodes = 0;
        int highestMaxPods = 0;
        List<String> terms = new ArrayList<>();
        for (NodePool pool : group.pools()) {
            int maxPods = maxPods(pool, option.id());
            highestMaxPods = Math.max(highestMaxPods, maxPods);
            long batchesPerNode = ceilDiv(maxPods, batch);
            long poolNeed = pool.peakNodes() * batchesPerNode * batch;
            needed += poolNeed;
            peakNodes += pool.peakNodes();
            terms.add((request.nodePoolsGiven() ? pool.name() + " " : "") + nodes(pool) + " x " + batchesPerNode
                    + " batches of " + batch + " (for " + maxPods + " pods) = " + grouped(poolNeed));
        }
        String formula = String.join(" + ", terms) + (terms.size() > 1 ? "; " + grouped(needed) + " addresses in all"
                : " addresses");
        String note = "dynamic allocation: at least " + batch + " addresses per node (" + grouped(peakNodes * batch)
                + " in all); a /24 holds " + usable(24) / batch + " nodes at one batch each";
        String cidr = group.cidr();
        long available = cidr == null ? 0 : usable(Cidrs.prefixLength(cidr));
        return AddressFit.of(option.id(), POD_SUBNET, highestMaxPods, needed, "addresses", formula,
                smallestSubnetPrefix(needed), cidr, available, null, note, group.poolNames(),
                podCapacity(group.pools(), option.id()), List.of());
    }

    AddressFit staticPodSubnetFit(Request request, SubnetGroup group, PluginOption option) {
        int blockPrefix = (int) knowledge.requiredLimit(option.id(), "staticBlockPrefix").value();
        long blockSize = 1L << (IPV4_BITS - blockPrefix);
        long needed = 0;
        int highestMaxPods = 0;
        List<String> terms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (NodePool pool : group.pools()) {
            int maxPods = maxPods(pool, option.id());
            highestMaxPods = Math.max(highestMaxPods, maxPods);
            // each node reserves one address of its blocks for itself, so a node needs maxPods + 1
            long blocksPerNode = ceilDiv(maxPods + 1L, blockSize);
            long podIps = blocksPerNode * blockSize - 1;
            long poolNeed = pool.peakNodes() * blocksPerNode * blockSize;
            needed += poolNeed;
            String prefix = request.nodePoolsGiven() ? pool.name() + " " : "";
            terms.add(prefix + nodes(pool) + " x " + blocksPerNode + " /" + blockPrefix + " blocks = "
                    + grouped(poolNeed));
            notes.add((request.nodePoolsGiven() ? pool.name() + ": " : "") + blocksPerNode + " blocks give "
                    + podIps + " pod IPs per node, " + (podIps - maxPods) + " unused at " + maxPods + " max pods");
        }
        String formula = String.join(" + ", terms) + (terms.size() > 1 ? "; " + grouped(needed) + " addresses in all"
                : " addresses");
        String note = "static block allocation: " + String.join("; ", notes) + "; ideal max pods are " + blockSize
                + " x blocks - 1";
        String cidr = group.cidr();
        long available = cidr == null ? 0 : usable(Cidrs.prefixLength(cidr));
        return AddressFit.of(option.id(), POD_SUBNET_STATIC, highestMaxPods, needed, "addresses", formula,
                smallestSubnetPrefix(needed), cidr, available, null, note, group.poolNames(),
                podCapacity(group.pools(), option.id()), List.of());
    }

    // ---- the request's ranges and their relations ----

    /**
     * The ranges of the request, each with its role: the ones it gave, plus AKS's defaults for the cluster-internal
     * ranges it left out (marked not given), since those defaults are what a deployment would get.
     */
    public List<RequestRange> requestRanges(Request request) {
        List<RequestRange> ranges = new ArrayList<>();
        request.vnetCidr().forEach(space -> addRange(ranges, VNET, space, true));
        addRange(ranges, NODE_SUBNET, request.nodeSubnetCidr(), true);
        java.util.Set<String> subnets = new java.util.HashSet<>();
        if (request.nodeSubnetCidr() != null) {
            subnets.add(request.nodeSubnetCidr());
        }
        addPoolRanges(ranges, NODE_SUBNET, request.nodePools(), NodePool::nodeSubnetCidr, subnets);
        addPoolRanges(ranges, POD_SUBNET, request.nodePools(), NodePool::podSubnetCidr, subnets);
        addRange(ranges, API_SERVER_SUBNET, request.apiServerSubnetCidr(), true);
        addRange(ranges, AGC_SUBNET, request.appGatewayForContainersSubnetCidr(), true);
        addRange(ranges, APPGW_SUBNET, request.applicationGatewaySubnetCidr(), true);
        addRange(ranges, ACI_SUBNET, request.virtualNodesSubnetCidr(), true);
        addRange(ranges, POD_CIDR, orDefault(request.podCidr(), "default-pod-cidr"), request.podCidr() != null);
        boolean serviceGiven = request.serviceCidr() != null;
        addRange(ranges, SERVICE_CIDR, orDefault(request.serviceCidr(), "default-service-cidr"), serviceGiven);
        // AKS's default DNS IP belongs to its default service CIDR only
        addRange(ranges, DNS_SERVICE_IP, request.dnsServiceIp() != null ? request.dnsServiceIp()
                : serviceGiven ? null : defaultRange("default-dns-service-ip"), request.dnsServiceIp() != null);
        request.connectedNetworks().forEach(network -> addRange(ranges, CONNECTED_NETWORK, network, true));
        return ranges;
    }

    private String orDefault(String given, String defaultKind) {
        return given != null ? given : defaultRange(defaultKind);
    }

    /** The pools' own subnets of a role, each once, with the pools that take it. */
    private static void addPoolRanges(List<RequestRange> ranges, String role, List<NodePool> pools,
                                      java.util.function.Function<NodePool, String> cidrOf,
                                      java.util.Set<String> seen) {
        java.util.Map<String, List<String>> owners = new java.util.LinkedHashMap<>();
        for (NodePool pool : pools) {
            String cidr = cidrOf.apply(pool);
            if (cidr != null && (owners.containsKey(cidr) || !seen.contains(cidr))) {
                owners.computeIfAbsent(cidr, c -> new ArrayList<>()).add(pool.label());
            }
        }
        owners.forEach((cidr, labels) -> {
            seen.add(cidr);
            Cidrs.Texts texts = Cidrs.texts(cidr);
            ranges.add(new RequestRange(role, texts.block(), Cidrs.prefixLength(cidr), texts.network(),
                    texts.firstHost(), true, labels));
        });
    }

    private static void addRange(List<RequestRange> ranges, String role, String cidr, boolean given) {
        if (cidr != null) {
            Cidrs.Texts texts = Cidrs.texts(cidr);
            ranges.add(new RequestRange(role, texts.block(), Cidrs.prefixLength(cidr), texts.network(),
                    texts.firstHost(), given));
        }
    }

    /**
     * Every overlap between two of the request's ranges (once per pair; connected networks are the team's own
     * business among themselves), every overlap with a reserved range, and every "within" relation (a range
     * inside another of the request's ranges, or inside a supported pod range).
     */
    public List<RangeRelation> relations(List<RequestRange> ranges) {
        List<Span> spans = ranges.stream().map(r -> Span.of(r.cidr())).toList();
        List<RangeRelation> relations = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            RequestRange a = ranges.get(i);
            Span aSpan = spans.get(i);
            for (int j = 0; j < ranges.size(); j++) {
                RequestRange b = ranges.get(j);
                if (i == j || a.role().equals(CONNECTED_NETWORK) && b.role().equals(CONNECTED_NETWORK)) {
                    continue;
                }
                boolean subnetOfVnet = a.role().equals(VNET) && SUBNET_ROLES.contains(b.role())
                        || b.role().equals(VNET) && SUBNET_ROLES.contains(a.role());
                // a subnet inside the VNet is where it belongs; one partly outside is a rule's business ("within")
                if (i < j && !subnetOfVnet && aSpan.overlaps(spans.get(j))) {
                    // an AKS default comes first in a pair, so rules can tell "default clashes" from "given clash"
                    RequestRange first = a.given() && !b.given() ? b : a;
                    RequestRange second = first == a ? b : a;
                    relations.add(new RangeRelation(first.role(), first.cidr(), first.given(), second.role(),
                            second.cidr(), second.given(), "overlaps"));
                }
                if (spans.get(j).contains(aSpan)) {
                    relations.add(new RangeRelation(a.role(), a.cidr(), a.given(), b.role(), b.cidr(), b.given(),
                            "within"));
                }
            }
            for (KnownRange known : reserved) {
                if (aSpan.overlaps(known.span())) {
                    relations.add(new RangeRelation(a.role(), a.cidr(), a.given(), RESERVED, known.range().cidr(),
                            false, "overlaps"));
                }
            }
            for (KnownRange known : supportedPodRanges) {
                if (known.span().contains(aSpan)) {
                    relations.add(new RangeRelation(a.role(), a.cidr(), a.given(), SUPPORTED_POD_RANGE,
                            known.range().cidr(), false, "within"));
                }
            }
        }
        return relations;
    }

    // ---- arithmetic ----

    /** Usable addresses in a subnet of this prefix length, after Azure's reserved addresses. */
    public long usable(int prefix) {
        return Math.max(0, (1L << (IPV4_BITS - prefix)) - reservedPerSubnet);
    }

    /** The longest prefix (smallest subnet) whose usable addresses hold {@code needed}; -1 if none does. */
    public int smallestSubnetPrefix(long needed) {
        for (int prefix = IPV4_BITS; prefix >= 0; prefix--) {
            if (usable(prefix) >= needed) {
                return prefix;
            }
        }
        return -1;
    }

    /** How many per-node blocks of {@code blockPrefix} a range of {@code prefix} holds. */
    public static long blocks(int prefix, int blockPrefix) {
        return prefix > blockPrefix ? 0 : 1L << (blockPrefix - prefix);
    }

    /** The longest prefix that holds {@code count} blocks of {@code blockPrefix}. */
    public static int smallestBlockPrefix(long count, int blockPrefix) {
        int prefix = blockPrefix;
        while (prefix > 0 && blocks(prefix, blockPrefix) < count) {
            prefix--;
        }
        return prefix;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** "(50 nodes + 1 surge)", "(60 nodes + 6 surge at 10%)" for one pool. */
    private String nodes(NodePool pool) {
        String setting = pool.maxSurge() != null ? pool.maxSurge() : defaultMaxSurge;
        return "(" + pool.maxCount() + " nodes + " + pool.surgeNodes() + " surge"
                + (MaxSurge.isPercentage(setting) ? " at " + setting : "") + ")";
    }

    /** "1 surge", or with the percentage it comes from: "6 surge at 10%" (the request's, or AKS's default). */
    private String surge(Request request) {
        if (request.nodePoolsGiven()) {
            return request.surgeNodes() + " surge"; // each pool's own setting: the node subnet fits show them
        }
        String setting = request.maxSurge() != null ? request.maxSurge() : defaultMaxSurge;
        return request.surgeNodes() + " surge" + (MaxSurge.isPercentage(setting) ? " at " + setting : "");
    }

    /**
     * Thousands separated by commas, as {@code %,d} writes them. By hand because the formulas are built for every
     * request of a batch, and NumberFormat and Formatter cost several times more than the grouping itself.
     */
    static String grouped(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        int first = start + (digits.length() - start - 1) % 3 + 1; // end of the leading group of 1 to 3 digits
        StringBuilder s = new StringBuilder(digits.length() + 6).append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            s.append(',').append(digits, i, i + 3);
        }
        return s.toString();
    }
}
