package cniadvisor.deploy;

import cniadvisor.model.NetworkProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the {@code az aks create} line for a network profile, with every network flag. Resource ids the tool
 * cannot know are {@code <placeholders>}; the address plan says which CIDR each subnet should have.
 */
public final class AzCliCommand {

    /** Everything before the cluster name. */
    private static final String HEAD = "az aks create --resource-group <resource-group> --name ";

    private AzCliCommand() {
    }

    public static String create(String clusterName, NetworkProfile network) {
        List<String> args = new ArrayList<>(List.of("--network-plugin", network.networkPlugin()));
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
        return HEAD + clusterWord(clusterName) + " " + String.join(" ", args);
    }

    /**
     * The same command for another cluster name: {@code command} is what {@link #create} made for
     * {@code clusterName}. The network flags do not depend on the name, so a batch that met the same request under
     * another name swaps the name instead of rendering the flags again.
     */
    public static String renamed(String command, String clusterName, String newName) {
        String made = HEAD + clusterWord(clusterName) + " ";
        if (!command.startsWith(made)) {
            throw new IllegalArgumentException("not the command made for cluster " + clusterName + ": " + command);
        }
        return HEAD + clusterWord(newName) + command.substring(made.length() - 1);
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }

    /**
     * Cluster names are letters, digits, '-' and '_'; anything else becomes '-', so the line stays one pasteable
     * shell command whatever the name holds (no quote, space, '$', ';', newline or control character gets through).
     * Leading '-' (what any other leading character became too) are dropped, so the name cannot be read as a flag ({@code --name --yes}); AKS names start with a
     * letter or digit anyway. A name with nothing left is the {@code <cluster-name>} placeholder.
     */
    static String clusterWord(String name) {
        String word = cleanWord(name);
        int dashes = 0;
        while (dashes < word.length() && word.charAt(dashes) == '-') {
            dashes++;
        }
        return dashes == word.length() ? "<cluster-name>" : dashes == 0 ? word : word.substring(dashes);
    }

    private static String cleanWord(String name) {
        StringBuilder word = null; // made only when a character must change: most names are clean
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
                    || c == '-';
            if (!allowed && word == null) {
                word = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (word != null) {
                word.append(allowed ? (char) c : '-'); // one '-' per character, as for one outside the BMP
            }
            i += Character.charCount(c);
        }
        return word == null ? name : word.toString();
    }
}
