package cniadvisor.ipplan;

import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.model.AddressFit;
import cniadvisor.model.PluginOption;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Request;
import cniadvisor.model.RequestRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the ranges a deployment of the recommended option should use. A range the request gave is kept unless a
 * rule found it invalid (then only cluster-internal ranges are replaced: pod CIDR, service CIDR, DNS IP; the node
 * subnet and connected networks are real networks, which the findings ask the team to fix). A missing range gets
 * AKS's default when that is large enough and overlaps nothing the request names, else the first free aligned block
 * of the right size from the supported ranges in facts/, in facts order. Proposals never overlap each other, the
 * request's ranges or the reserved ranges.
 */
public final class RangeProposer {

    private final AddressPlanner planner;

    public RangeProposer(AddressPlanner planner) {
        this.planner = planner;
    }

    /** @param requestRanges the request's ranges, as {@link AddressPlanner#requestRanges} gives them */
    public List<ProposedRange> propose(Request request, PluginOption option, List<AddressFit> fits,
                                       List<RequestRange> requestRanges, Set<String> invalidRoles) {
        List<Span> taken = new ArrayList<>();
        requestRanges.stream().filter(RequestRange::given).map(r -> Span.of(r.cidr())).forEach(taken::add);
        planner.reserved().forEach(reserved -> taken.add(reserved.span()));
        // AKS's defaults are claimed first, so a proposed subnet never pushes a usable default aside
        Optional<ProposedRange> podCidr = Optional.empty();
        if (option.podAddresses().equals(AddressPlanner.POD_CIDR) || option.podAddresses().equals("none")) {
            int prefix = fit(fits, option, AddressPlanner.POD_CIDR).map(AddressFit::smallestPrefix)
                    .orElse(Cidrs.prefixLength(planner.defaultRange("default-pod-cidr")));
            podCidr = clusterRange(AddressPlanner.POD_CIDR, request.podCidr(), "default-pod-cidr", prefix,
                    invalidRoles, taken);
        }
        // a proposed service CIDR takes the size of AKS's default
        int servicePrefix = Cidrs.prefixLength(planner.defaultRange("default-service-cidr"));
        Optional<ProposedRange> service = clusterRange(AddressPlanner.SERVICE_CIDR, request.serviceCidr(),
                "default-service-cidr", servicePrefix, invalidRoles, taken);
        Optional<ProposedRange> dns = service.map(s -> dnsServiceIp(request, s, invalidRoles));

        List<ProposedRange> ranges = new ArrayList<>();
        Optional<AddressFit> nodeFit = fit(fits, option, AddressPlanner.NODE_SUBNET);
        if (request.nodeSubnetCidr() != null) {
            ranges.add(new ProposedRange(AddressPlanner.NODE_SUBNET, request.nodeSubnetCidr(), "given", null, null));
        } else {
            nodeFit.flatMap(f -> free(f.smallestPrefix(), taken)).ifPresent(cidr -> ranges.add(new ProposedRange(
                    AddressPlanner.NODE_SUBNET, take(cidr, taken), "proposed", null,
                    "no node subnet given; sized for " + nodeFit.get().formula())));
        }
        if (option.podAddresses().equals(AddressPlanner.POD_SUBNET)) {
            String row = planner.staticBlock(request, option.id()) ? AddressPlanner.POD_SUBNET_STATIC
                    : AddressPlanner.POD_SUBNET;
            AddressFit podFit = fit(fits, option, row).orElseThrow();
            free(podFit.smallestPrefix(), taken).ifPresent(cidr -> ranges.add(new ProposedRange(
                    AddressPlanner.POD_SUBNET, take(cidr, taken), "proposed", null,
                    "sized for " + podFit.formula() + "; it must lie in the cluster's virtual network")));
        }
        podCidr.ifPresent(ranges::add);
        service.ifPresent(ranges::add);
        dns.ifPresent(ranges::add);
        return ranges;
    }

    private Optional<ProposedRange> clusterRange(String role, String given, String defaultKind, int prefix,
                                                 Set<String> invalidRoles, List<Span> taken) {
        if (given != null && !invalidRoles.contains(role)) {
            return Optional.of(new ProposedRange(role, given, "given", null, null));
        }
        String defaultCidr = planner.defaultRange(defaultKind);
        Span defaultSpan = Span.of(defaultCidr);
        if (given == null && Cidrs.prefixLength(defaultCidr) <= prefix && taken.stream().noneMatch(defaultSpan::overlaps)) {
            taken.add(defaultSpan);
            return Optional.of(new ProposedRange(role, defaultCidr, "default", null, null));
        }
        String replaced = given != null ? given : defaultCidr;
        String why = given != null ? "the given range failed validation (see the findings)"
                : Cidrs.prefixLength(defaultCidr) > prefix ? "AKS's default is too small; a /" + prefix + " is needed"
                : "AKS's default overlaps a range the request names";
        return free(prefix, taken).map(cidr -> new ProposedRange(role, take(cidr, taken), "proposed", replaced, why));
    }

    private ProposedRange dnsServiceIp(Request request, ProposedRange service, Set<String> invalidRoles) {
        boolean keepGiven = request.dnsServiceIp() != null && service.origin().equals("given")
                && !invalidRoles.contains(AddressPlanner.DNS_SERVICE_IP);
        if (keepGiven) {
            return new ProposedRange(AddressPlanner.DNS_SERVICE_IP, request.dnsServiceIp(), "given", null, null);
        }
        String defaultIp = planner.defaultRange("default-dns-service-ip");
        if (service.origin().equals("default")) {
            return new ProposedRange(AddressPlanner.DNS_SERVICE_IP, defaultIp, "default", null, null);
        }
        // the convention: the .10 of the service CIDR, as AKS's default 10.0.0.10 is of 10.0.0.0/16
        long offset = Cidrs.block(defaultIp).getLower().getValue().longValueExact()
                - Cidrs.block(planner.defaultRange("default-service-cidr")).getLower().getValue().longValueExact();
        return new ProposedRange(AddressPlanner.DNS_SERVICE_IP, Cidrs.hostAt(service.cidr(), offset), "proposed",
                request.dnsServiceIp(), "the same offset in the service CIDR as AKS's default DNS IP");
    }

    /**
     * The first aligned block of {@code prefix} in the supported ranges (facts order) that overlaps nothing taken.
     * Rather than trying every block, the search jumps past each range it runs into.
     */
    private Optional<String> free(int prefix, List<Span> taken) {
        long size = 1L << (Integer.SIZE - prefix);
        for (AddressPlanner.KnownRange pool : planner.supportedPodRanges()) {
            if (pool.prefixLength() > prefix) {
                continue;
            }
            Span span = pool.span(); // aligned to its own size, so to any smaller block size too
            long cursor = span.first();
            while (cursor + size - 1 <= span.last()) {
                Span candidate = new Span(cursor, cursor + size - 1);
                long blockedUntil = -1;
                for (Span range : taken) {
                    if (candidate.overlaps(range)) {
                        blockedUntil = Math.max(blockedUntil, range.last());
                    }
                }
                if (blockedUntil < 0) {
                    return Optional.of(Cidrs.blockAt(cursor, prefix));
                }
                long past = blockedUntil + 1 - span.first();
                cursor = span.first() + (past + size - 1) / size * size;
            }
        }
        return Optional.empty();
    }

    private static String take(String cidr, List<Span> taken) {
        taken.add(Span.of(cidr));
        return cidr;
    }

    private static Optional<AddressFit> fit(List<AddressFit> fits, PluginOption option, String range) {
        return fits.stream().filter(f -> f.option().equals(option.id()) && f.range().equals(range)).findFirst();
    }
}
