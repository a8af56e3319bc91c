package cniadvisor.deploy;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AddressPlan;
import cniadvisor.model.Candidate;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.PluginOption;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Request;

import java.util.List;

/** Derives the network settings of a chosen configuration from facts/, the request and its address plan. */
public final class NetworkProfiles {

    private NetworkProfiles() {
    }

    public static NetworkProfile of(Knowledge knowledge, AddressPlanner planner, Request request, Candidate choice,
                                    AddressPlan plan) {
        PluginOption option = knowledge.option(choice.option()).orElseThrow();
        boolean ownCni = option.podAddresses().equals("none");
        boolean podSubnet = option.podAddresses().equals(AddressPlanner.POD_SUBNET);
        boolean podCidr = option.podAddresses().equals(AddressPlanner.POD_CIDR) || ownCni;
        return new NetworkProfile(
                option.networkPlugin(),
                option.networkPluginMode(),
                ownCni ? null : choice.dataplane(),
                choice.policy().equals("none") ? null : choice.policy(),
                podCidr ? cidr(plan, AddressPlanner.POD_CIDR) : null,
                cidr(plan, AddressPlanner.SERVICE_CIDR),
                cidr(plan, AddressPlanner.DNS_SERVICE_IP),
                planner.maxPods(request, option.id()),
                cidr(plan, AddressPlanner.NODE_SUBNET),
                podSubnet ? cidr(plan, AddressPlanner.POD_SUBNET) : null,
                podSubnet ? (planner.staticBlock(request, option.id()) ? "StaticBlock" : "DynamicIndividual") : null,
                request.uses("dualStack") ? List.of("IPv4", "IPv6") : null,
                request.outboundType());
    }

    private static String cidr(AddressPlan plan, String role) {
        return plan.range(role).map(ProposedRange::cidr).orElse(null);
    }
}
