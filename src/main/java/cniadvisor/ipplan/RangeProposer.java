package cniadvisor.ipplan;

import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.model.AddressFit;
import cniadvisor.model.PluginOption;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Request;
import cniadvisor.model.RequestRange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the ranges a deployment of an option should use. A range the request gave is always the one deployed: when a
 * rule rejected it, or it does not fit the option, it is marked {@code rejected} and a free replacement is offered
 * as its {@code proposal}, never put in its place. A missing range gets AKS's default when that is large enough and
 * overlaps nothing the request names (and, for the service CIDR, always when it holds the given DNS service IP), else
 * the first free aligned block of the right size from the supported ranges in facts/, in facts order. Proposals never
 * overlap each other, the request's ranges or the reserved ranges.
 */
public final class RangeProposer {

    private final AddressPlanner planner;

    public RangeProposer(AddressPlanner planner) {
        this.planner = planner;
    }

    /**
     * @param requestRanges the request's ranges, as {@link AddressPlanner#requestRanges} gives them
     * @param rejectedRoles roles of given ranges a rule rejected
     */
    public List<ProposedRange> propose(Request request, PluginOption option, List<AddressFit> fits,
                                       List<RequestRange> requestRanges,
                                       Map<String, ? extends Collection<String>> rejectedRoles) {
        List<Span> taken = new ArrayList<>();
        List<Span> vnet = new ArrayList<>();
        for (RequestRange range : requestRanges) {
            if (range.given()) {
                (range.role().equals(AddressPlanner.VNET) ? vnet : taken).add(Span.of(range.cidr()));
            }
        }
        planner.reserved().forEach(reserved -> taken.add(reserved.span()));
        // cluster-private ranges (pod CIDR, service CIDR) must stay clear of the VNet; its subnets lie inside it
        List<Span> takenWithVnet = new ArrayList<>(taken);
        takenWithVnet.addAll(vnet);
        Map<String, String> rejected = new java.util.TreeMap<>();
        rejectedRoles.forEach((role, rules) -> rejected.put(role, "rejected by " + String.join(", ", rules)
                + " (see the findings)"));
        // a given subnet too small for this option cannot be used for it either (plan --option names any option)
        Map<String, String> tooSmall = new java.util.TreeMap<>();
        fits.stream().filter(f -> f.option().equals(option.id()) && f.given() && !f.fits())
                .forEach(f -> tooSmall.putIfAbsent(role(f) + " " + f.cidr(), "too small for " + option.id()
                        + ": it needs " + f.formula()));
        fits.stream().filter(f -> f.option().equals(option.id()) && f.given() && !f.fits()
                        && f.range().equals(AddressPlanner.POD_CIDR))
                .forEach(f -> rejected.putIfAbsent(AddressPlanner.POD_CIDR, tooSmall.get(role(f) + " " + f.cidr())));
        // AKS's defaults are claimed first, so a proposed subnet never pushes a usable default aside
        Optional<ProposedRange> podCidr = Optional.empty();
        if (option.podAddresses().equals(AddressPlanner.POD_CIDR) || option.podAddresses().equals("none")) {
            int prefix = fit(fits, option, AddressPlanner.POD_CIDR).map(AddressFit::smallestPrefix)
                    .orElse(Cidrs.prefixLength(planner.defaultRange("default-pod-cidr")));
            podCidr = clusterRange(AddressPlanner.POD_CIDR, request.podCidr(), "default-pod-cidr", prefix,
                    rejected, false, takenWithVnet);
        }
        // a proposed service CIDR takes the size of AKS's default
        String defaultService = planner.defaultRange("default-service-cidr");
        int servicePrefix = Cidrs.prefixLength(defaultService);
        boolean dnsKept = request.dnsServiceIp() != null && !rejected.containsKey(AddressPlanner.DNS_SERVICE_IP);
        boolean dnsPinsDefault = request.serviceCidr() == null && dnsKept
                && Cidrs.contains(defaultService, request.dnsServiceIp());
        Optional<ProposedRange> service = clusterRange(AddressPlanner.SERVICE_CIDR, request.serviceCidr(),
                "default-service-cidr", servicePrefix, rejected, dnsPinsDefault, takenWithVnet);
        Optional<ProposedRange> dns = service.map(svc -> dnsServiceIp(request, svc, rejected));
        // what the cluster-private ranges took is taken for the subnets too
        podCidr.map(ProposedRange::usable).filter(java.util.Objects::nonNull).ifPresent(c -> taken.add(Span.of(c)));
        service.map(ProposedRange::usable).filter(java.util.Objects::nonNull).ifPresent(c -> taken.add(Span.of(c)));

        Subnets subnets = new Subnets(taken, vnet, rejected, tooSmall, request.nodePoolsGiven());
        List<ProposedRange> ranges = new ArrayList<>();
        boolean aksVnet = inAksManagedVnet(request);
        for (AddressFit nodeFit : fits(fits, option, AddressPlanner.NODE_SUBNET)) {
            boolean cluster = nodeFit.cidr() == null || nodeFit.cidr().equals(request.nodeSubnetCidr());
            if (aksVnet && nodeFit.cidr() == null) {
                continue; // AKS creates the VNet and its subnet: there is nothing to propose
            }
            if (nodeFit.cidr() == null && !sharesClusterSubnet(request, nodeFit)) {
                continue; // the pools' own subnet, known only by its resource id: it exists
            }
            subnets.add(ranges, AddressPlanner.NODE_SUBNET, nodeFit.cidr(), nodeFit, cluster,
                    "no node subnet given; sized for " + nodeFit.formula());
        }
        if (option.podAddresses().equals(AddressPlanner.POD_SUBNET)) {
            String row = planner.staticBlock(request, option.id()) ? AddressPlanner.POD_SUBNET_STATIC
                    : AddressPlanner.POD_SUBNET;
            for (AddressFit podFit : fits(fits, option, row)) {
                subnets.add(ranges, AddressPlanner.POD_SUBNET, podFit.cidr(), podFit, podFit.cidr() == null,
                        "sized for " + podFit.formula() + "; it must lie in the cluster's virtual network");
            }
        }
        if (request.apiServerVnetIntegration()) {
            subnets.other(ranges, AddressPlanner.API_SERVER_SUBNET, request.apiServerSubnetCidr(),
                    limitPrefix("apiServerSubnet", "longestPrefix"),
                    "API server VNet integration takes a subnet of its own, delegated to the cluster");
        }
        if (request.uses("appGatewayForContainers")) {
            subnets.other(ranges, AddressPlanner.AGC_SUBNET, request.appGatewayForContainersSubnetCidr(),
                    limitPrefix("appGatewayForContainersSubnet", "exactPrefix"),
                    "Application Gateway for Containers takes a delegated subnet of its own");
        }
        if (request.uses("applicationGatewayIngress")) {
            subnets.other(ranges, AddressPlanner.APPGW_SUBNET, request.applicationGatewaySubnetCidr(),
                    limitPrefix("applicationGatewaySubnet", "longestPrefix"),
                    "the Application Gateway takes a subnet of its own");
        }
        if (request.virtualNodesSubnetCidr() != null) {
            subnets.other(ranges, AddressPlanner.ACI_SUBNET, request.virtualNodesSubnetCidr(), null, null);
        }
        podCidr.ifPresent(ranges::add);
        service.ifPresent(ranges::add);
        dns.ifPresent(ranges::add);
        return ranges;
    }

    /**
     * Whether the cluster goes in the VNet AKS creates: its outbound type works only there (facts/egress.yaml,
     * vnet: managed) and the request names no VNet or subnet of its own (with one, a rule says they clash).
     */
    private boolean inAksManagedVnet(Request request) {
        boolean managedOnly = request.outboundType() != null && planner.knowledge().outboundTypes().stream()
                .anyMatch(o -> o.id().equals(request.outboundType()) && "managed".equals(o.vnet()));
        boolean namesOwn = request.nodeSubnetCidr() != null || !request.vnetCidr().isEmpty()
                || request.nodePools().stream().anyMatch(p -> p.nodeSubnetKey() != null || p.podSubnetCidr() != null
                || p.podSubnetId() != null);
        return managedOnly && !namesOwn;
    }

    /** The prefix length a limit of facts/ gives a subnet, when facts/ has it. */
    private Integer limitPrefix(String subject, String name) {
        return planner.knowledge().limit(subject, name).map(l -> (int) l.value()).orElse(null);
    }

    private static boolean sharesClusterSubnet(Request request, AddressFit fit) {
        return request.nodePools().stream().filter(p -> fit.pools().contains(p.name()))
                .anyMatch(p -> p.nodeSubnetKey() == null);
    }

    private static String role(AddressFit fit) {
        return fit.range().equals(AddressPlanner.POD_SUBNET_STATIC) ? AddressPlanner.POD_SUBNET : fit.range();
    }

    /**
     * The VNet's subnets: each given one kept (rejected, with a proposal, when a rule rejected it or it is too small
     * for the option), each missing one proposed inside the VNet's address spaces (or, without them, the supported
     * private ranges), clear of every other range.
     */
    private final class Subnets {
        private final List<Span> taken;
        private final List<Span> vnet;
        private final Map<String, String> rejected;
        private final Map<String, String> tooSmall;
        private final boolean poolsGiven;

        Subnets(List<Span> taken, List<Span> vnet, Map<String, String> rejected, Map<String, String> tooSmall,
                boolean poolsGiven) {
            this.taken = taken;
            this.vnet = vnet;
            this.rejected = rejected;
            this.tooSmall = tooSmall;
            this.poolsGiven = poolsGiven;
        }

        void add(List<ProposedRange> ranges, String role, String given, AddressFit fit, boolean cluster,
                 String proposedWhy) {
            List<String> pools = poolsGiven ? fit.pools() : List.of();
            if (given != null) {
                String key = role + " " + given;
                String why = rejected.containsKey(key) ? rejected.get(key) : tooSmall.get(key);
                ranges.add(why == null ? new ProposedRange(role, given, "given", null, null, null, pools)
                        : new ProposedRange(role, given, ProposedRange.REJECTED, null, why,
                        free(fit.smallestPrefix()).orElse(null), pools));
            } else if (cluster) {
                free(fit.smallestPrefix()).ifPresent(cidr -> ranges.add(new ProposedRange(role, cidr, "proposed",
                        null, proposedWhy, null, pools)));
            }
        }

        void other(List<ProposedRange> ranges, String role, String given, Integer prefix, String proposedWhy) {
            if (given != null) {
                String why = rejected.get(role + " " + given);
                ranges.add(why == null ? new ProposedRange(role, given, "given", null, null, null)
                        : new ProposedRange(role, given, ProposedRange.REJECTED, null, why,
                        prefix == null ? null : free(prefix).orElse(null)));
            } else if (prefix != null) {
                free(prefix).ifPresent(cidr -> ranges.add(new ProposedRange(role, cidr, "proposed", null,
                        proposedWhy + "; a /" + prefix + " (facts/)", null)));
            }
        }

        /** A free aligned block, taken: inside the VNet when its address spaces are known. */
        private Optional<String> free(int prefix) {
            Optional<String> cidr = vnet.isEmpty() ? RangeProposer.this.free(prefix, taken)
                    : freeIn(vnet, prefix, taken);
            cidr.ifPresent(c -> take(c, taken));
            return cidr;
        }
    }

    private static ProposedRange rejected(String role, String given, String proposal, String why) {
        return new ProposedRange(role, given, ProposedRange.REJECTED, null, why, proposal);
    }

    private Optional<ProposedRange> clusterRange(String role, String given, String defaultKind, int prefix,
                                                 Map<String, String> rejected, boolean keepDefault,
                                                 List<Span> taken) {
        if (given != null && !rejected.containsKey(role)) {
            return Optional.of(new ProposedRange(role, given, "given", null, null, null));
        }
        String defaultCidr = planner.defaultRange(defaultKind);
        Span defaultSpan = Span.of(defaultCidr);
        boolean defaultFree = Cidrs.prefixLength(defaultCidr) <= prefix
                && taken.stream().noneMatch(defaultSpan::overlaps);
        // AKS's default when it is free, whether nothing was given or the given range is rejected
        Optional<String> free = defaultFree || keepDefault && given == null
                ? Optional.of(take(defaultCidr, taken)) : free(prefix, taken).map(cidr -> take(cidr, taken));
        if (given != null) {
            return Optional.of(rejected(role, given, free.orElse(null), rejected.get(role)));
        }
        if (defaultFree || keepDefault) {
            return Optional.of(new ProposedRange(role, defaultCidr, "default", null,
                    keepDefault && !defaultFree ? "it holds the given DNS service IP" : null, null));
        }
        String why = Cidrs.prefixLength(defaultCidr) > prefix ? "AKS's default is too small; a /" + prefix
                + " is needed" : "AKS's default overlaps a range the request names";
        return free.map(cidr -> new ProposedRange(role, cidr, "proposed", defaultCidr, why, null));
    }

    /**
     * The DNS service IP: the given one unless rejected, else the .10 (AKS's offset) of the planned service CIDR. A
     * given service CIDR too small for that offset gets its last address instead, and one of two addresses or fewer
     * (the first is the network address, the second the kubernetes service's) gets none.
     */
    private ProposedRange dnsServiceIp(Request request, ProposedRange service, Map<String, String> rejected) {
        String serviceCidr = service.usable();
        String defaultIp = planner.defaultRange("default-dns-service-ip");
        String derived = null;
        String why = "the same offset in the service CIDR as AKS's default DNS IP";
        if (serviceCidr != null && service.origin().equals("default")) {
            derived = defaultIp;
        } else if (serviceCidr != null) {
            long offset = Cidrs.block(defaultIp).getLower().getValue().longValueExact()
                    - Cidrs.block(planner.defaultRange("default-service-cidr")).getLower().getValue().longValueExact();
            derived = Cidrs.hostAt(serviceCidr, offset);
            long size = Cidrs.size(serviceCidr);
            if (derived == null && size > 2) {
                derived = Cidrs.hostAt(serviceCidr, size - 1);
                why = "the last address of the service CIDR, which is too small for AKS's offset (" + offset + ")";
            }
        }
        if (request.dnsServiceIp() == null) {
            return derived == null ? null : service.origin().equals("default")
                    ? new ProposedRange(AddressPlanner.DNS_SERVICE_IP, derived, "default", null, null, null)
                    : new ProposedRange(AddressPlanner.DNS_SERVICE_IP, derived, "proposed", defaultIp, why, null);
        }
        if (!rejected.containsKey(AddressPlanner.DNS_SERVICE_IP)) {
            return new ProposedRange(AddressPlanner.DNS_SERVICE_IP, request.dnsServiceIp(), "given", null, null, null);
        }
        return rejected(AddressPlanner.DNS_SERVICE_IP, request.dnsServiceIp(), derived,
                rejected.get(AddressPlanner.DNS_SERVICE_IP));
    }

    /**
     * The first aligned block of {@code prefix} in the supported ranges (facts order) that overlaps nothing taken.
     * Rather than trying every block, the search jumps past each range it runs into.
     */
    private Optional<String> free(int prefix, List<Span> taken) {
        return freeIn(planner.supportedPodRanges().stream().filter(pool -> pool.prefixLength() <= prefix)
                .map(AddressPlanner.KnownRange::span).toList(), prefix, taken);
    }

    /** The first aligned block of {@code prefix} inside {@code spaces} (in order) that overlaps nothing taken. */
    private static Optional<String> freeIn(List<Span> spaces, int prefix, List<Span> taken) {
        long size = 1L << (Integer.SIZE - prefix);
        for (Span space : spaces) {
            // the first aligned block at or after the space's start
            long start = (space.first() + size - 1) / size * size;
            Span span = new Span(start, space.last());
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

    private static List<AddressFit> fits(List<AddressFit> fits, PluginOption option, String range) {
        return fits.stream().filter(f -> f.option().equals(option.id()) && f.range().equals(range)).toList();
    }
}
