package cniadvisor.ipplan;

import cniadvisor.model.AddressFit;
import cniadvisor.model.AddressPlan;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.ProposedRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a request's plan the VNet-routable ranges it needs and did not give, from the organisation's pool: each
 * subnet the plan proposed (node and pod subnets, the API server, Application Gateway and virtual-node subnets)
 * becomes an aligned block of the pool, sized for the pools' max counts and surge with {@code headroom} percent more,
 * so the cluster can grow into it; a fixed-size subnet (API server /28, AGC /24) keeps its size. A plan whose
 * request names its own VNet keeps its proposals: they lie inside that VNet, which the request's given ranges
 * reserved. Cluster-private ranges (pod CIDR, service CIDR) are not taken from the pool: they may repeat across
 * clusters. Not thread-safe: one per batch, called in input order.
 */
public final class PoolAllocation {

    /** The roles that take addresses of the virtual network, and so of the organisation's pool. */
    public static final Set<String> ROUTABLE = Set.of(AddressPlanner.NODE_SUBNET, AddressPlanner.POD_SUBNET,
            AddressPlanner.API_SERVER_SUBNET, AddressPlanner.AGC_SUBNET, AddressPlanner.APPGW_SUBNET,
            AddressPlanner.ACI_SUBNET);

    /** A plan with its allocated ranges in place of the proposals, and what was allocated (or could not be). */
    public record Result(AddressPlan plan, List<AllocatedRange> allocated) {
        public boolean exhausted() {
            return allocated.stream().anyMatch(a -> !a.allocated());
        }
    }

    private final AddressAllocator allocator;
    private final AddressPlanner planner;
    private final int headroomPercent;

    public PoolAllocation(AddressAllocator allocator, AddressPlanner planner, int headroomPercent) {
        this.allocator = allocator;
        this.planner = planner;
        this.headroomPercent = headroomPercent;
    }

    public AddressAllocator allocator() {
        return allocator;
    }

    /** Allocates what the plan of {@code option} proposed; {@code ownVnet}: the request names its VNet. */
    public Result allocate(AddressPlan plan, String option, boolean ownVnet) {
        if (ownVnet) {
            return new Result(plan, List.of());
        }
        List<ProposedRange> ranges = new ArrayList<>();
        List<AllocatedRange> allocated = new ArrayList<>();
        for (ProposedRange range : plan.ranges()) {
            if (!"proposed".equals(range.origin()) || !ROUTABLE.contains(range.role())) {
                ranges.add(range);
                continue;
            }
            Sizing sizing = sizing(plan, option, range);
            Optional<String> block = allocator.allocate(sizing.prefix());
            if (block.isPresent()) {
                allocated.add(new AllocatedRange(range.role(), block.get(), sizing.prefix(), sizing.why(),
                        range.pools(), null));
                ranges.add(new ProposedRange(range.role(), block.get(), "allocated", null, "allocated from the "
                        + "address pool: " + sizing.why(), null, range.pools()));
            } else {
                String left = allocator.largestFreePrefix().map(p -> "the largest free block is a /" + p)
                        .orElse("the pool is full");
                allocated.add(new AllocatedRange(range.role(), null, sizing.prefix(), sizing.why(), range.pools(),
                        "needs a /" + sizing.prefix() + "; " + left));
                ranges.add(range);
            }
        }
        return new Result(new AddressPlan(plan.sizing(), ranges, plan.findings()), allocated);
    }

    private record Sizing(int prefix, String why) {
    }

    /** Node and pod subnets: the need with the headroom; the others: the size the plan proposed. */
    private Sizing sizing(AddressPlan plan, String option, ProposedRange range) {
        int proposed = Cidrs.prefixLength(range.cidr());
        if (!range.role().equals(AddressPlanner.NODE_SUBNET) && !range.role().equals(AddressPlanner.POD_SUBNET)) {
            return new Sizing(proposed, "a /" + proposed + ", the size this subnet takes");
        }
        Optional<AddressFit> fit = plan.sizing().stream().filter(f -> f.option().equals(option)
                && (f.range().equals(range.role()) || range.role().equals(AddressPlanner.POD_SUBNET)
                && f.range().equals(AddressPlanner.POD_SUBNET_STATIC))
                && f.cidr() == null && f.pools().equals(range.pools().isEmpty() ? f.pools() : range.pools()))
                .findFirst();
        if (fit.isEmpty() || !"addresses".equals(fit.get().unit())) {
            return new Sizing(proposed, "a /" + proposed + ", as the plan sized it");
        }
        long needed = fit.get().needed();
        long withHeadroom = (long) Math.ceil(needed * (100 + headroomPercent) / 100.0);
        int prefix = Math.min(proposed, planner.smallestSubnetPrefix(withHeadroom));
        return new Sizing(prefix, String.format(Locale.ROOT, "%,d addresses (%s) + %d%% headroom = %,d; a /%d "
                + "holds %,d", needed, fit.get().formula(), headroomPercent, withHeadroom, prefix,
                planner.usable(prefix)));
    }
}
