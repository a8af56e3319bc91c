package cniadvisor.render;

import cniadvisor.model.AddressRange;
import cniadvisor.model.PlanReport;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.RangeRelation;
import cniadvisor.render.AddressMapSvg.Block;
import cniadvisor.render.AddressMapSvg.Lane;
import cniadvisor.render.AddressMapSvg.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The address plan as an {@link AddressMapSvg} figure (for {@code plan -o svg} and {@code plan -o html}): up to three
 * lanes, each to scale.
 *
 * <ul>
 *   <li><b>VNet</b>: the request's {@code vnetCidr} (or, when it gives none, the smallest block that holds the plan's
 *       subnets, which the lane says) with every subnet of the plan: node and pod subnets, and the feature subnets.
 *       </li>
 *   <li><b>Cluster-private</b>: the pod CIDR and service CIDR, with the DNS service IP; they are not in the VNet, so
 *       they have a lane of their own.</li>
 *   <li><b>Connected networks</b>, when the request names some.</li>
 * </ul>
 *
 * Every range of the plan is one block; a rejected range is drawn at its given value (status {@code misfit}, or
 * {@code overlap} when it shares addresses with something drawn) and its proposal beside it as a second block. A
 * range that shares addresses with another range of the plan, a connected network, a reserved range or (for the
 * cluster-private ranges) the VNet is an {@code overlap}; the DNS service IP inside its service CIDR is not. Connected
 * networks and reserved ranges that reach into a lane are drawn in it too (groups "connected network" and
 * "reserved range"), so the clash shows where it is. Blocks' groups are the ranges' role labels ("node subnet").
 */
public final class AddressPlanFigure {

    /** Groups of the blocks that are not ranges of the plan. */
    public static final String CONNECTED_GROUP = RangeRelation.label("connected-network");
    public static final String RESERVED_GROUP = RangeRelation.label("reserved");

    private static final Set<String> CLUSTER_PRIVATE = Set.of("pod-cidr", "service-cidr", "dns-service-ip");

    private AddressPlanFigure() {
    }

    /** One range drawn: a plan range at its value, or a rejected range's proposal. */
    private record Item(ProposedRange range, String cidr, boolean proposal) {
        boolean clusterPrivate() {
            return CLUSTER_PRIVATE.contains(range.role());
        }
    }

    /**
     * {@code vnetCidr} and {@code connectedNetworks} as the request gives them; {@code reserved} the reserved ranges
     * from facts. IPv6 ranges are left out (the figure draws IPv4).
     */
    public static AddressMapSvg of(PlanReport report, List<String> vnetCidr, List<String> connectedNetworks,
                                   List<AddressRange> reserved) {
        List<String> vnet = vnetCidr.stream().filter(AddressPlanFigure::ipv4).toList();
        List<String> connected = connectedNetworks.stream().filter(AddressPlanFigure::ipv4).toList();
        List<AddressRange> reservedV4 = reserved.stream().filter(r -> ipv4(r.cidr())).toList();
        List<Item> items = new ArrayList<>();
        for (ProposedRange r : report.addressPlan().ranges()) {
            if (ipv4(r.cidr())) {
                items.add(new Item(r, r.cidr(), false));
            }
            if (r.isRejected() && ipv4(r.proposal())) {
                items.add(new Item(r, r.proposal(), true));
            }
        }

        List<Lane> lanes = new ArrayList<>();
        List<Item> subnets = items.stream().filter(i -> !i.clusterPrivate()).toList();
        List<Item> clusterPrivate = items.stream().filter(Item::clusterPrivate).toList();
        if (!subnets.isEmpty() || !vnet.isEmpty()) {
            boolean given = !vnet.isEmpty();
            List<String> containers = given ? vnet
                    : List.of(AddressMapSvg.covering(subnets.stream().map(Item::cidr).toList()));
            List<Block> blocks = new ArrayList<>();
            subnets.forEach(i -> blocks.add(block(i, items, vnet, connected, reservedV4)));
            List<String> reach = given ? containers : subnets.stream().map(Item::cidr).toList();
            addContext(blocks, reach, connected, reservedV4, vnet);
            lanes.add(new Lane("VNet " + (given ? String.join(", ", containers) : "(no vnetCidr given)"), containers,
                    blocks, given ? "the virtual network's address space, with the plan's subnets"
                    : "no vnetCidr given: drawn in " + containers.get(0)
                    + ", the smallest block that holds the plan's subnets"));
        }
        if (!clusterPrivate.isEmpty()) {
            List<String> containers = clusterPrivate.stream().filter(i -> !"dns-service-ip".equals(i.range().role()))
                    .map(Item::cidr).toList();
            if (containers.isEmpty()) {
                containers = clusterPrivate.stream().map(Item::cidr).toList();
            }
            List<Block> blocks = new ArrayList<>();
            clusterPrivate.forEach(i -> blocks.add(block(i, items, vnet, connected, reservedV4)));
            addContext(blocks, containers, connected, reservedV4, vnet);
            lanes.add(new Lane("Cluster-private: pod and service CIDRs", containers, blocks,
                    "not in the VNet: they must not overlap it, or any network the cluster reaches"));
        }
        if (!connected.isEmpty()) {
            List<Block> blocks = new ArrayList<>();
            for (String c : connected) {
                List<String> clashes = new ArrayList<>();
                vnet.stream().filter(v -> overlaps(v, c)).forEach(v -> clashes.add(RangeRelation.label("vnet")
                        + " " + v));
                items.stream().filter(i -> overlaps(i.cidr(), c)).forEach(i -> clashes.add(name(i)));
                blocks.add(new Block(c, CONNECTED_GROUP, CONNECTED_GROUP,
                        clashes.isEmpty() ? Status.OK : Status.OVERLAP, CONNECTED_GROUP + " " + c
                        + "\ngiven in connectedNetworks" + overlapLine(clashes)));
            }
            lanes.add(new Lane("Connected networks", connected, blocks,
                    "networks the cluster reaches: no range of the plan may overlap them"));
        }
        List<String> notes = new ArrayList<>();
        notes.add("As of " + report.asOf() + "; each lane to scale; hover a block for its range, role and origin.");
        if (report.option() == null) {
            notes.add("No option satisfies the requirements, so no ranges were planned.");
        }
        return new AddressMapSvg("Address plan: " + report.name()
                + (report.option() == null ? "" : " (" + report.option() + ")"), notes, lanes);
    }

    /** Connected networks and reserved ranges that reach into the lane's ranges, drawn there too. */
    private static void addContext(List<Block> blocks, List<String> reach, List<String> connected,
                                   List<AddressRange> reserved, List<String> vnet) {
        for (String c : connected) {
            if (reach.stream().anyMatch(r -> overlaps(r, c))) {
                blocks.add(new Block(c, CONNECTED_GROUP, CONNECTED_GROUP, Status.OVERLAP, CONNECTED_GROUP + " " + c
                        + "\ngiven in connectedNetworks; it shares addresses with this lane's ranges"));
            }
        }
        for (AddressRange r : reserved) {
            if (reach.stream().anyMatch(x -> overlaps(x, r.cidr()))) {
                blocks.add(new Block(r.cidr(), RESERVED_GROUP, RESERVED_GROUP, Status.RESERVED, RESERVED_GROUP + " "
                        + r.cidr() + (r.note() == null ? "" : " (" + r.note() + ")")
                        + "\nAKS reserves it: no range of the cluster may overlap it"));
            }
        }
    }

    private static Block block(Item item, List<Item> items, List<String> vnet, List<String> connected,
                               List<AddressRange> reserved) {
        ProposedRange r = item.range();
        List<String> clashes = new ArrayList<>();
        for (Item other : items) {
            if (other.range() != r && overlaps(other.cidr(), item.cidr()) && !nested(item, other)) {
                clashes.add(name(other));
            }
        }
        connected.stream().filter(c -> overlaps(c, item.cidr())).forEach(c -> clashes.add(CONNECTED_GROUP + " " + c));
        reserved.stream().filter(x -> overlaps(x.cidr(), item.cidr()))
                .forEach(x -> clashes.add(RESERVED_GROUP + " " + x.cidr()));
        if (item.clusterPrivate()) {
            vnet.stream().filter(v -> overlaps(v, item.cidr()))
                    .forEach(v -> clashes.add(RangeRelation.label("vnet") + " " + v));
        }
        Status status = !clashes.isEmpty() ? Status.OVERLAP
                : r.isRejected() && !item.proposal() ? Status.MISFIT : Status.OK;
        String role = RangeRelation.label(r.role());
        String pools = r.pools().isEmpty() ? "" : ": " + String.join(", ", r.pools());
        String label = role + pools + (item.proposal() ? " (proposed)" : r.isRejected() ? " (rejected)" : "");
        StringBuilder tooltip = new StringBuilder(role).append(' ').append(item.cidr());
        if (!r.pools().isEmpty()) {
            tooltip.append('\n').append(r.pools().size() == 1 ? "for pool " : "for pools ")
                    .append(String.join(", ", r.pools()));
        }
        tooltip.append('\n').append(origin(item)).append(overlapLine(clashes));
        return new Block(item.cidr(), label, role, status, tooltip.toString());
    }

    /** The DNS service IP in its service CIDR is where it belongs, not a clash. */
    private static boolean nested(Item a, Item b) {
        String ra = a.range().role();
        String rb = b.range().role();
        return "dns-service-ip".equals(ra) && "service-cidr".equals(rb) && contains(b.cidr(), a.cidr())
                || "dns-service-ip".equals(rb) && "service-cidr".equals(ra) && contains(a.cidr(), b.cidr());
    }

    private static String origin(Item item) {
        ProposedRange r = item.range();
        if (item.proposal()) {
            return "proposed instead of the given " + r.cidr() + ", which is " + r.reason();
        }
        return switch (r.origin()) {
            case "given" -> "given";
            case "default" -> "AKS default" + (r.reason() == null ? "" : ": " + r.reason());
            case ProposedRange.REJECTED -> "given, but " + r.reason()
                    + (r.proposal() == null ? "; no free range found to propose" : "; proposed instead: "
                    + r.proposal());
            default -> "proposed" + (r.replaces() == null ? "" : ", instead of " + r.replaces())
                    + (r.reason() == null ? "" : ": " + r.reason());
        };
    }

    private static String name(Item i) {
        return RangeRelation.label(i.range().role()) + " " + i.cidr() + (i.proposal() ? " (proposed)" : "");
    }

    private static String overlapLine(List<String> clashes) {
        return clashes.isEmpty() ? "" : "\noverlaps " + String.join(", ", clashes);
    }

    private static boolean ipv4(String cidr) {
        if (cidr == null || cidr.indexOf(':') >= 0) {
            return false;
        }
        try {
            AddressMapSvg.parse(cidr);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean overlaps(String a, String b) {
        return AddressMapSvg.parse(a).overlaps(AddressMapSvg.parse(b));
    }

    private static boolean contains(String outer, String inner) {
        return AddressMapSvg.parse(outer).contains(AddressMapSvg.parse(inner));
    }
}
