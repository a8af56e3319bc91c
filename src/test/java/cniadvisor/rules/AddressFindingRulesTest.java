package cniadvisor.rules;

import cniadvisor.ipplan.Cidrs;

import cniadvisor.model.Advice;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.cites;
import static cniadvisor.testing.Fixtures.option;
import static cniadvisor.testing.Fixtures.reasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IP-space rules beyond capacity: each address finding with the offending values, a request that makes it fire
 * and one that does not, and what the plan does about it (the az command never uses a range that failed).
 */
class AddressFindingRulesTest {

    private static List<Reason> findings(Advice advice, String rule) {
        return advice.addressPlan().findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static Reason only(Advice advice, String rule) {
        List<Reason> found = findings(advice, rule);
        assertEquals(1, found.size(), rule + " in " + advice.addressPlan().findings());
        return found.get(0);
    }

    private static ProposedRange range(Advice advice, String role) {
        return advice.addressPlan().range(role).orElseThrow(() -> new AssertionError("no " + role + " range"));
    }

    @Test
    void nodeSubnetTooSmallExcludesTheFlatOptionWithTheNumbers() {
        Advice advice = advise("nodeCount: 50", "maxPodsPerNode: 30", "surgeNodes: 1", "nodeSubnetCidr: 10.1.0.0/22",
                "trafficPattern: external");
        assertEquals("excluded", option(advice, "azure-cni-node-subnet").status());
        Reason r = reasons(advice, "azure-cni-node-subnet", "IP-NODE-SUBNET-CAPACITY").get(0);
        assertTrue(r.text().contains("node subnet 10.1.0.0/22 has 1,019 usable addresses"), r.text());
        assertTrue(r.text().contains("= 1,581 addresses. Use a /21 or larger."), r.text());
        assertTrue(cites(r, "learn-ip-planning"));
        assertEquals("recommended", option(advice, "azure-cni-pod-subnet").status());
    }

    @Test
    void nodeSubnetLargeEnoughLeavesTheFlatOptionEligible() {
        Advice advice = advise("nodeCount: 50", "maxPodsPerNode: 30", "nodeSubnetCidr: 10.1.0.0/21");
        assertEquals("eligible", option(advice, "azure-cni-node-subnet").status());
        assertTrue(reasons(advice, "azure-cni-node-subnet", "IP-NODE-SUBNET-CAPACITY").isEmpty());
    }

    @Test
    void givenPodCidrTooSmallExcludesOverlay() {
        Advice advice = advise("nodeCount: 100", "podCidr: 10.244.0.0/18");
        assertEquals("excluded", option(advice, "azure-cni-overlay").status());
        Reason r = reasons(advice, "azure-cni-overlay", "IP-POD-CIDR-CAPACITY").get(0);
        assertTrue(r.text().contains("pod CIDR 10.244.0.0/18 holds 64 nodes"), r.text());
        assertTrue(r.text().contains("Use a /17 or larger"), r.text());
    }

    @Test
    void defaultPodCidrTooSmallIsReplacedByALargerProposal() {
        Advice advice = advise("nodeCount: 300");
        Reason r = only(advice, "IP-DEFAULT-POD-CIDR-TOO-SMALL");
        assertEquals("info", r.level());
        assertTrue(r.text().contains("10.244.0.0/16 holds 256 nodes"), r.text());
        ProposedRange pod = range(advice, "pod-cidr");
        assertEquals("proposed", pod.origin());
        assertEquals(15, Cidrs.prefixLength(pod.cidr()));
        assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).contains("--pod-cidr " + pod.cidr()));
    }

    @Test
    void reservedRangeInThePodCidrIsAnErrorAndTheGivenRangeIsKeptWithAProposal() {
        Advice advice = advise("nodeCount: 10", "podCidr: 172.16.0.0/12");
        List<Reason> found = findings(advice, "IP-RESERVED-RANGE");
        assertEquals(2, found.size(), found.toString()); // 172.30.0.0/16 and 172.31.0.0/16
        assertEquals("error", found.get(0).level());
        assertTrue(found.stream().anyMatch(f -> f.text().contains("pod CIDR 172.16.0.0/12 overlaps 172.30.0.0/16")));
        ProposedRange pod = range(advice, "pod-cidr");
        assertEquals(new ProposedRange("pod-cidr", "172.16.0.0/12", "rejected", null,
                "rejected by IP-RESERVED-RANGE (see the findings)", "10.244.0.0/16"), pod);
        // nothing the user gave is replaced silently: the command keeps it, and the run fails on the error
        assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).contains("--pod-cidr 172.16.0.0/12"));
        assertTrue(advice.hasErrors());
    }

    @Test
    void aPodCidrClearOfReservedRangesIsKept() {
        Advice advice = advise("nodeCount: 10", "podCidr: 192.168.0.0/16");
        assertTrue(findings(advice, "IP-RESERVED-RANGE").isEmpty());
        assertEquals("given", range(advice, "pod-cidr").origin());
        assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).contains("--pod-cidr 192.168.0.0/16"));
    }

    @Test
    void overlappingNodeSubnetAndPodCidrIsAnError() {
        Advice advice = advise("nodeCount: 10", "nodeSubnetCidr: 10.244.1.0/24");
        Reason r = only(advice, "IP-DEFAULT-RANGE-CONFLICT");
        assertEquals("info", r.level());
        Advice given = advise("nodeCount: 10", "nodeSubnetCidr: 10.244.1.0/24", "podCidr: 10.244.0.0/16");
        Reason error = only(given, "IP-RANGES-OVERLAP");
        assertEquals("error", error.level());
        assertEquals("The node subnet 10.244.1.0/24 overlaps the pod CIDR 10.244.0.0/16; these ranges must not "
                + "share addresses (routing breaks, or AKS rejects the cluster).", error.text());
        assertEquals("rejected", range(given, "pod-cidr").origin());
        assertEquals("rejected", range(given, "node-subnet").origin());
        assertEquals("10.244.0.0/16", range(given, "pod-cidr").cidr());
        assertFalse(Cidrs.overlaps(range(given, "pod-cidr").proposal(), "10.244.0.0/16"));
    }

    @Test
    void serviceCidrOverlappingAConnectedNetworkIsAnError() {
        Advice advice = advise("nodeCount: 10", "serviceCidr: 10.0.0.0/16", "dnsServiceIp: 10.0.0.10",
                "connectedNetworks: [10.0.0.0/8]");
        Reason r = only(advice, "IP-RANGES-OVERLAP");
        assertTrue(r.text().contains("service CIDR 10.0.0.0/16 overlaps the connected network 10.0.0.0/8"), r.text());
        ProposedRange service = range(advice, "service-cidr");
        assertEquals("rejected", service.origin());
        assertEquals("10.0.0.0/16", service.cidr());
        assertFalse(Cidrs.overlaps(service.proposal(), "10.0.0.0/8"));
        // the DNS IP itself broke no rule: it stays, though the service CIDR around it must move
        assertEquals("given", range(advice, "dns-service-ip").origin());
        assertEquals("10.0.0.10", range(advice, "dns-service-ip").cidr());
    }

    @Test
    void disjointRangesRaiseNoOverlapFinding() {
        Advice advice = advise("nodeCount: 10", "nodeSubnetCidr: 10.10.0.0/24", "podCidr: 192.168.0.0/16",
                "serviceCidr: 172.20.0.0/16", "dnsServiceIp: 172.20.0.10", "connectedNetworks: [10.0.0.0/16]");
        assertTrue(findings(advice, "IP-RANGES-OVERLAP").isEmpty());
        assertTrue(findings(advice, "IP-DEFAULT-RANGE-CONFLICT").isEmpty());
        assertFalse(advice.hasErrors());
    }

    @Test
    void defaultServiceCidrClashingWithTheHubIsReplacedWithAnInfoFinding() {
        Advice advice = advise("nodeCount: 10", "connectedNetworks: [10.0.0.0/16]");
        Reason r = only(advice, "IP-DEFAULT-RANGE-CONFLICT");
        assertEquals("AKS's default service CIDR 10.0.0.0/16 overlaps the connected network 10.0.0.0/16, so the "
                + "plan uses another range and the az command sets it explicitly.", r.text());
        assertEquals("10.0.0.0/16", range(advice, "service-cidr").replaces());
    }

    @Test
    void publicPodCidrIsAWarning() {
        Reason r = only(advise("nodeCount: 10", "podCidr: 8.8.0.0/16"), "IP-POD-CIDR-UNSUPPORTED-RANGE");
        assertEquals("warning", r.level());
        assertTrue(findings(advise("nodeCount: 10", "podCidr: 100.64.0.0/16"), "IP-POD-CIDR-UNSUPPORTED-RANGE")
                .isEmpty());
    }

    @Test
    void serviceCidrMustBeSmallerThanSlash12() {
        Reason r = only(advise("nodeCount: 10", "serviceCidr: 10.96.0.0/12", "dnsServiceIp: 10.96.0.10"),
                "IP-SERVICE-CIDR-TOO-LARGE");
        assertEquals("The service CIDR 10.96.0.0/12 is a /12; it must be smaller than a /12.", r.text());
        assertTrue(findings(advise("nodeCount: 10", "serviceCidr: 10.96.0.0/13", "dnsServiceIp: 10.96.0.10"),
                "IP-SERVICE-CIDR-TOO-LARGE").isEmpty());
    }

    @Test
    void dnsServiceIpMustBeInsideTheServiceCidr() {
        Reason r = only(advise("nodeCount: 10", "serviceCidr: 10.0.0.0/16", "dnsServiceIp: 10.1.0.10"),
                "IP-DNS-OUTSIDE-SERVICE-CIDR");
        assertEquals("The DNS service IP 10.1.0.10 is outside the service CIDR 10.0.0.0/16; it must be inside it.",
                r.text());
        assertTrue(findings(advise("nodeCount: 10", "serviceCidr: 10.0.0.0/16", "dnsServiceIp: 10.0.0.10"),
                "IP-DNS-OUTSIDE-SERVICE-CIDR").isEmpty());
    }

    @Test
    void dnsServiceIpMustNotBeTheFirstAddress() {
        Advice advice = advise("nodeCount: 10", "serviceCidr: 10.0.0.0/16", "dnsServiceIp: 10.0.0.1");
        Reason r = only(advice, "IP-DNS-FIRST-ADDRESS");
        assertTrue(r.text().startsWith("The DNS service IP 10.0.0.1 is the first address"), r.text());
        assertEquals(new ProposedRange("dns-service-ip", "10.0.0.1", "rejected", null,
                "rejected by IP-DNS-FIRST-ADDRESS (see the findings)", "10.0.0.10"), range(advice, "dns-service-ip"));
        assertEquals("given", range(advice, "service-cidr").origin());
        assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).contains("--dns-service-ip 10.0.0.1 "),
                cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()));
    }

    @Test
    void aDnsServiceIpGivenAloneKeepsTheDefaultServiceCidrThatHoldsIt() {
        Advice advice = advise("nodeCount: 10", "nodeSubnetCidr: 10.20.0.0/24", "dnsServiceIp: 10.0.0.53");
        assertEquals(new ProposedRange("service-cidr", "10.0.0.0/16", "default", null,
                "it holds the given DNS service IP", null), range(advice, "service-cidr"));
        assertEquals("given", range(advice, "dns-service-ip").origin());
        assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).contains("--dns-service-ip 10.0.0.53"));
        assertFalse(advice.hasErrors());
    }

    @Test
    void aDnsServiceIpThatHoldsAClashingDefaultServiceCidrIsRejected() {
        Advice advice = advise("nodeCount: 10", "nodeSubnetCidr: 10.0.0.0/24", "dnsServiceIp: 10.0.0.10");
        Reason r = only(advice, "IP-DNS-PINS-DEFAULT-SERVICE-CIDR");
        assertEquals("The DNS service IP 10.0.0.10 lies in AKS's default service CIDR 10.0.0.0/16, which overlaps the "
                + "node subnet 10.0.0.0/24: give a serviceCidr clear of it and a dnsServiceIp inside that.", r.text());
        ProposedRange service = range(advice, "service-cidr");
        assertEquals("proposed", service.origin());
        assertEquals(new ProposedRange("dns-service-ip", "10.0.0.10", "rejected", null,
                "rejected by IP-DNS-PINS-DEFAULT-SERVICE-CIDR (see the findings)",
                Cidrs.hostAt(service.cidr(), 10)), range(advice, "dns-service-ip"));
    }

    @Test
    void oneWayDoorsAreAlwaysListedAsInfo() {
        Advice advice = advise("nodeCount: 10");
        for (String rule : List.of("IP-ONE-WAY-POD-CIDR", "IP-ONE-WAY-MAX-PODS", "IP-ONE-WAY-SERVICE-CIDR")) {
            assertEquals("info", only(advice, rule).level(), rule);
        }
        assertTrue(cites(only(advice, "IP-ONE-WAY-POD-CIDR"), "learn-overlay-pod-expand"));
    }

    @Test
    void nodeSubnetPodIpsAboveTheLimitExcludeNodeSubnet() {
        Advice advice = advise("nodeCount: 300", "maxPodsPerNode: 250", "trafficPattern: external");
        Reason r = reasons(advice, "azure-cni-node-subnet", "SCALE-MAX-POD-IPS").get(0);
        assertEquals("Scale: Azure CNI Node Subnet (legacy) supports 64,000 pod IPs; 300 nodes at up to 250 pods need 75,000.",
                r.text());
        assertEquals("excluded", option(advice, "azure-cni-node-subnet").status());
    }

    @Test
    void podSubnetBeyondDynamicAllocationUsesStaticBlocks() {
        Advice advice = advise("nodeCount: 300", "maxPodsPerNode: 250", "trafficPattern: external",
                "directPodAccess: true");
        assertEquals("azure-cni-pod-subnet", advice.recommendation().option());
        assertEquals(1, reasons(advice, "azure-cni-pod-subnet", "SCALE-STATIC-BLOCK").size());
        assertEquals("StaticBlock", advice.recommendation().network().podIpAllocationMode());
        assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).endsWith("--pod-ip-allocation-mode StaticBlock"),
                cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()));
    }
}
