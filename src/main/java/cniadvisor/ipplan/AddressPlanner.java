package cniadvisor.ipplan;

import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressRange;
import cniadvisor.model.MaxSurge;
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
        return request.surgeNodes() != null ? request
                : request.withSurgeNodes(MaxSurge.nodes(defaultMaxSurge, request.nodeCount()));
    }

    /**
     * Pods per node for the option, as the plan sizes ranges and the deployment sets --max-pods: the request's
     * value, else the option's default from facts/, but with Windows node pools never above the recommended maximum
     * for Windows Server containers (a cluster with Windows pools is not planned and deployed at Overlay's 250).
     */
    public int maxPods(Request request, String option) {
        if (request.maxPodsPerNode() != null) {
            return request.maxPodsPerNode();
        }
        long optionDefault = knowledge.requiredLimit(option, "defaultMaxPods").value();
        return (int) (request.windowsNodePools() ? Math.min(optionDefault, windowsMaxPods) : optionDefault);
    }

    /**
     * Whether a pod-subnet cluster should use static block allocation: when its pods (nodes x max pods) exceed what
     * dynamic allocation supports (the option's maxPodIps limit in facts/).
     */
    public boolean staticBlock(Request request, String option) {
        return knowledge.limit(option, "maxPodIps")
                .map(limit -> (long) request.nodeCount() * maxPods(request, option) > limit.value())
                .orElse(false);
    }

    // ---- sizing ----

    /** For every option, one fit per range it uses, in facts order. */
    public List<AddressFit> fits(Request request) {
        request = withDefaults(request);
        List<AddressFit> fits = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            fits.add(nodeSubnetFit(request, option));
            switch (option.podAddresses()) {
                case POD_CIDR -> fits.add(podCidrFit(request, option));
                case POD_SUBNET -> {
                    fits.add(dynamicPodSubnetFit(request, option));
                    fits.add(staticPodSubnetFit(request, option));
                }
                default -> { }
            }
        }
        return fits;
    }

    AddressFit nodeSubnetFit(Request request, PluginOption option) {
        int peak = request.peakNodes();
        int maxPods = maxPods(request, option.id());
        boolean podsInSubnet = option.podAddresses().equals(NODE_SUBNET);
        long perNode = podsInSubnet ? maxPods + 1L : 1L;
        long needed = peak * perNode;
        String formula = podsInSubnet
                ? nodes(request) + " x (" + maxPods + " pods + 1 node IP) = " + grouped(needed) + " addresses"
                : nodes(request) + " x 1 node IP = " + grouped(needed) + " addresses";
        String cidr = request.nodeSubnetCidr();
        long available = cidr == null ? 0 : usable(Cidrs.prefixLength(cidr));
        Long capacity = cidr == null ? null : available / perNode;
        return AddressFit.of(option.id(), NODE_SUBNET, maxPods, needed, "addresses", formula,
                smallestSubnetPrefix(needed), cidr, available, capacity, null);
    }

    /** Against the given pod CIDR, or against AKS's default when the request gives none. */
    AddressFit podCidrFit(Request request, PluginOption option) {
        int blockPrefix = (int) knowledge.requiredLimit(option.id(), "podBlockPrefix").value();
        int peak = request.peakNodes();
        String formula = "one /" + blockPrefix + " per node: " + request.nodeCount() + " nodes + "
                + surge(request) + " = " + grouped(peak) + " blocks";
        int maxPods = maxPods(request, option.id());
        int smallest = smallestBlockPrefix(peak, blockPrefix);
        if (request.podCidr() != null) {
            long available = blocks(Cidrs.prefixLength(request.podCidr()), blockPrefix);
            return AddressFit.of(option.id(), POD_CIDR, maxPods, peak, "nodes", formula, smallest,
                    request.podCidr(), available, available, null);
        }
        String defaultCidr = defaultRange("default-pod-cidr");
        return AddressFit.ofDefault(option.id(), POD_CIDR, maxPods, peak, "nodes", formula, smallest, defaultCidr,
                blocks(Cidrs.prefixLength(defaultCidr), blockPrefix), null);
    }

    /** The one range of a default kind in facts/ (validated at load). */
    public String defaultRange(String kind) {
        return knowledge.ranges(kind).get(0).cidr();
    }

    AddressFit dynamicPodSubnetFit(Request request, PluginOption option) {
        long batch = knowledge.requiredLimit(option.id(), "allocationBatch").value();
        int maxPods = maxPods(request, option.id());
        int peak = request.peakNodes();
        long batchesPerNode = ceilDiv(maxPods, batch);
        long needed = peak * batchesPerNode * batch;
        String formula = nodes(request) + " x " + batchesPerNode + " batches of " + batch + " (for " + maxPods
                + " pods) = " + grouped(needed) + " addresses";
        String note = "dynamic allocation: at least " + batch + " addresses per node (" + grouped(peak * batch)
                + " in all); a /24 holds " + usable(24) / batch + " nodes at one batch each";
        return AddressFit.of(option.id(), POD_SUBNET, maxPods, needed, "addresses", formula,
                smallestSubnetPrefix(needed), null, 0, null, note);
    }

    AddressFit staticPodSubnetFit(Request request, PluginOption option) {
        int blockPrefix = (int) knowledge.requiredLimit(option.id(), "staticBlockPrefix").value();
        long blockSize = 1L << (IPV4_BITS - blockPrefix);
        int maxPods = maxPods(request, option.id());
        int peak = request.peakNodes();
        // each node reserves one address of its blocks for itself, so a node needs maxPods + 1
        long blocksPerNode = ceilDiv(maxPods + 1L, blockSize);
        long podIps = blocksPerNode * blockSize - 1;
        long needed = peak * blocksPerNode * blockSize;
        String formula = nodes(request) + " x " + blocksPerNode + " /" + blockPrefix + " blocks = " + grouped(needed)
                + " addresses";
        String note = "static block allocation: " + blocksPerNode + " blocks give " + podIps + " pod IPs per node, "
                + (podIps - maxPods) + " unused at " + maxPods + " max pods; ideal max pods are " + blockSize
                + " x blocks - 1 (here " + podIps + ")";
        return AddressFit.of(option.id(), POD_SUBNET_STATIC, maxPods, needed, "addresses", formula,
                smallestSubnetPrefix(needed), null, 0, null, note);
    }

    // ---- the request's ranges and their relations ----

    /**
     * The ranges of the request, each with its role: the ones it gave, plus AKS's defaults for the cluster-internal
     * ranges it left out (marked not given), since those defaults are what a deployment would get.
     */
    public List<RequestRange> requestRanges(Request request) {
        List<RequestRange> ranges = new ArrayList<>();
        addRange(ranges, NODE_SUBNET, request.nodeSubnetCidr(), true);
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
                if (i < j && aSpan.overlaps(spans.get(j))) {
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

    /** "(50 nodes + 1 surge)", "(60 nodes + 6 surge at 10%)" */
    private String nodes(Request request) {
        return "(" + request.nodeCount() + " nodes + " + surge(request) + ")";
    }

    /** "1 surge", or with the percentage it comes from: "6 surge at 10%" (the request's, or AKS's default). */
    private String surge(Request request) {
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
