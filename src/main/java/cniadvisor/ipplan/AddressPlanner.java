package cniadvisor.ipplan;

import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AddressFit;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes the address ranges each option needs for a request and checks them against the ranges the request gave.
 * Every constant (reserved addresses, per-node pod blocks, default max pods) comes from facts/.
 */
public final class AddressPlanner {

    public static final String NODE_SUBNET = "node-subnet";
    public static final String POD_CIDR = "pod-cidr";
    public static final String POD_SUBNET = "pod-subnet";
    private static final int IPV4_BITS = 32;

    private final Knowledge knowledge;
    private final long reservedPerSubnet;

    public AddressPlanner(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.reservedPerSubnet = knowledge.requiredLimit("subnet", "reservedAddresses").value();
    }

    /** Pods per node for the option: the request's value, else the option's default from facts/. */
    public int maxPods(Request request, String option) {
        return request.maxPodsPerNode() != null ? request.maxPodsPerNode()
                : (int) knowledge.requiredLimit(option, "defaultMaxPods").value();
    }

    /** One fit per option and range the option uses. */
    public List<AddressFit> fits(Request request) {
        List<AddressFit> fits = new ArrayList<>();
        for (PluginOption option : knowledge.options()) {
            fits.add(nodeSubnetFit(request, option));
            if (option.podAddresses().equals(POD_CIDR)) {
                fits.add(podCidrFit(request, option));
            }
        }
        return fits;
    }

    AddressFit nodeSubnetFit(Request request, PluginOption option) {
        int peak = request.peakNodes();
        String nodes = "(" + request.nodeCount() + " nodes + " + request.surgeNodes() + " surge)";
        long needed;
        String formula;
        if (option.podAddresses().equals(NODE_SUBNET)) {
            int maxPods = maxPods(request, option.id());
            needed = (long) peak * (maxPods + 1);
            formula = String.format(java.util.Locale.ROOT, "%s x (%d pods + 1 node IP) = %,d addresses",
                    nodes, maxPods, needed);
        } else {
            needed = peak;
            formula = String.format(java.util.Locale.ROOT, "%s = %,d node addresses", nodes, needed);
        }
        String cidr = request.nodeSubnetCidr();
        long available = cidr == null ? 0 : usable(Cidrs.prefixLength(cidr));
        return AddressFit.of(option.id(), NODE_SUBNET, cidr, needed, available, "addresses",
                smallestSubnetPrefix(needed), formula);
    }

    AddressFit podCidrFit(Request request, PluginOption option) {
        int blockPrefix = (int) knowledge.requiredLimit(option.id(), "podBlockPrefix").value();
        int peak = request.peakNodes();
        String cidr = request.podCidr();
        long available = cidr == null ? 0 : blocks(Cidrs.prefixLength(cidr), blockPrefix);
        String formula = String.format(java.util.Locale.ROOT,
                "one /%d per node: (%d nodes + %d surge) = %,d blocks", blockPrefix, request.nodeCount(),
                request.surgeNodes(), peak);
        return AddressFit.of(option.id(), POD_CIDR, cidr, peak, available, "nodes",
                smallestBlockPrefix(peak, blockPrefix), formula);
    }

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
}
