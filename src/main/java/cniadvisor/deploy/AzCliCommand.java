package cniadvisor.deploy;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Candidate;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Request;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the {@code az aks create} line for a chosen configuration. The option's own flags come from facts/;
 * the rest follow from the request. Resource ids the tool cannot know are left as {@code <placeholders>}.
 */
public final class AzCliCommand {

    /** Compiled once: a batch builds this command for every request. */
    private static final Pattern NOT_IN_NAMES = Pattern.compile("[^A-Za-z0-9_-]");

    private AzCliCommand() {
    }

    public static String create(Knowledge knowledge, AddressPlanner planner, Request request, Candidate choice) {
        PluginOption option = knowledge.option(choice.option()).orElseThrow();
        List<String> args = new ArrayList<>(List.of("az aks create", "--resource-group <resource-group>",
                "--name " + shellWord(request.name())));
        args.addAll(option.azCliFlags());
        if (choice.dataplane().equals("cilium")) {
            args.add("--network-dataplane cilium");
        }
        if (!choice.policy().equals("none")) {
            args.add("--network-policy " + choice.policy());
        }
        switch (option.podAddresses()) {
            case AddressPlanner.POD_SUBNET -> {
                args.add("--vnet-subnet-id <node-subnet-id>");
                args.add("--pod-subnet-id <pod-subnet-id>");
            }
            case AddressPlanner.NODE_SUBNET -> args.add("--vnet-subnet-id <node-subnet-id>");
            default -> {
                if (request.nodeSubnetCidr() != null) {
                    args.add("--vnet-subnet-id <node-subnet-id>");
                }
                if (request.podCidr() != null) {
                    args.add("--pod-cidr " + request.podCidr());
                }
            }
        }
        if (request.serviceCidr() != null) {
            args.add("--service-cidr " + request.serviceCidr());
        }
        if (request.dnsServiceIp() != null) {
            args.add("--dns-service-ip " + request.dnsServiceIp());
        }
        if (!option.podAddresses().equals("none")) {
            args.add("--max-pods " + planner.maxPods(request, option.id()));
        }
        if (request.dualStack()) {
            args.add("--ip-families ipv4,ipv6");
        }
        return String.join(" ", args);
    }

    /** Cluster names are letters, digits, '-' and '_'; anything else is replaced so the line stays pasteable. */
    static String shellWord(String name) {
        String cleaned = NOT_IN_NAMES.matcher(name).replaceAll("-");
        return cleaned.isEmpty() ? "<cluster-name>" : cleaned;
    }
}
