package cniadvisor.deploy;

import cniadvisor.model.NetworkProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders the {@code az aks create} line for a network profile, with every network flag. Resource ids the tool
 * cannot know are {@code <placeholders>}; the address plan says which CIDR each subnet should have.
 */
public final class AzCliCommand {

    /** Compiled once: a batch builds this command for every request. */
    private static final Pattern NOT_IN_NAMES = Pattern.compile("[^A-Za-z0-9_-]");

    private AzCliCommand() {
    }

    public static String create(String clusterName, NetworkProfile network) {
        List<String> args = new ArrayList<>(List.of("az", "aks", "create",
                "--resource-group", "<resource-group>", "--name", clusterWord(clusterName),
                "--network-plugin", network.networkPlugin()));
        add(args, "--network-plugin-mode", network.networkPluginMode());
        add(args, "--network-dataplane", "cilium".equals(network.networkDataplane()) ? "cilium" : null);
        add(args, "--network-policy", network.networkPolicy());
        add(args, "--pod-cidr", network.podCidr());
        add(args, "--service-cidr", network.serviceCidr());
        add(args, "--dns-service-ip", network.dnsServiceIp());
        add(args, "--max-pods", network.maxPods() == null ? null : network.maxPods().toString());
        add(args, "--vnet-subnet-id", network.nodeSubnetCidr() == null ? null : "<node-subnet-id>");
        add(args, "--pod-subnet-id", network.podSubnetCidr() == null ? null : "<pod-subnet-id>");
        add(args, "--pod-ip-allocation-mode", network.podIpAllocationMode());
        add(args, "--ip-families", network.ipFamilies() == null ? null
                : String.join(",", network.ipFamilies()).toLowerCase(Locale.ROOT));
        return String.join(" ", args);
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }

    /** Cluster names are letters, digits, '-' and '_'; anything else becomes '-', so the line stays pasteable. */
    static String clusterWord(String name) {
        String cleaned = NOT_IN_NAMES.matcher(name).replaceAll("-");
        return cleaned.isEmpty() ? "<cluster-name>" : cleaned;
    }
}
