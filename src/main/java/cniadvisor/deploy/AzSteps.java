package cniadvisor.deploy;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.model.Deployment;
import cniadvisor.model.Deployment.Arg;
import cniadvisor.model.NetworkProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The az CLI steps that deploy a recommendation, as data: the subnets come first (each
 * {@code az network vnet subnet create} keeps the new subnet's id in a shell variable), then {@code az aks create}
 * for the cluster and its first pool (the first system pool), then {@code az aks nodepool add} for each further
 * pool. What the tool cannot know is a shell variable the caller sets: {@code RESOURCE_GROUP}, {@code VNET_NAME},
 * and {@code ..._PREFIX} for a subnet whose prefix neither the request nor the plan gives. Names are cleaned to
 * words the shell takes as they are; {@code cniadvisor.render.AzCliCommand} renders the steps as bash.
 */
public final class AzSteps {

    /** The cluster name of a request whose name has no letter or digit; bash reads it from CLUSTER_NAME. */
    public static final String NO_NAME = "<cluster-name>";

    static final String SUBNET_CREATE = "az network vnet subnet create";
    static final String AKS_CREATE = "az aks create";
    static final String NODEPOOL_ADD = "az aks nodepool add";
    static final String NODEPOOL_UPDATE = "az aks nodepool update";

    private AzSteps() {
    }

    /** The steps for a deployment's subnets and pools ({@code deployment.steps()} is not read). */
    public static List<Deployment.Step> steps(Deployment deployment, NetworkProfile network) {
        List<Deployment.Step> steps = new ArrayList<>();
        for (Deployment.Subnet subnet : deployment.subnets()) {
            List<Arg> args = new ArrayList<>(List.of(Arg.variable("--resource-group", Deployment.RESOURCE_GROUP),
                    Arg.variable("--vnet-name", Deployment.VNET_NAME), Arg.value("--name", subnet.name()),
                    subnet.cidr() != null ? Arg.value("--address-prefixes", subnet.cidr())
                            : Arg.variable("--address-prefixes", prefixVariable(subnet))));
            if (subnet.delegation() != null) {
                args.add(Arg.value("--delegations", subnet.delegation()));
            }
            args.add(Arg.value("--query", "id"));
            args.add(Arg.value("--output", "tsv"));
            steps.add(new Deployment.Step(SUBNET_CREATE, args, subnetComment(subnet), subnet.variable()));
        }
        steps.add(create(deployment, network));
        Deployment.Pool first = deployment.pools().get(0);
        if (first.declared() && first.maxSurge() != null) {
            // az aks create takes no max surge: the first pool gets it right after
            steps.add(new Deployment.Step(NODEPOOL_UPDATE, List.of(
                    Arg.variable("--resource-group", Deployment.RESOURCE_GROUP),
                    new Arg("--cluster-name", deployment.cluster(), Arg.CLUSTER),
                    Arg.value("--name", first.name()), Arg.value("--max-surge", first.maxSurge())), null, null));
        }
        for (Deployment.Pool pool : deployment.pools().subList(1, deployment.pools().size())) {
            List<Arg> args = new ArrayList<>(List.of(Arg.variable("--resource-group", Deployment.RESOURCE_GROUP),
                    new Arg("--cluster-name", deployment.cluster(), Arg.CLUSTER), Arg.value("--name", pool.name()),
                    Arg.value("--mode", pool.mode()), Arg.value("--os-type", pool.osType())));
            add(args, "--os-sku", pool.osSku());
            count(args, pool);
            args.add(Arg.value("--max-pods", Integer.toString(pool.maxPods())));
            add(args, "--max-surge", pool.maxSurge());
            subnets(args, deployment, pool, network);
            steps.add(new Deployment.Step(NODEPOOL_ADD, args, null, null));
        }
        return steps;
    }

    /** az aks create: the network flags, then the first pool's, then the cluster's features. */
    private static Deployment.Step create(Deployment deployment, NetworkProfile network) {
        List<Arg> args = new ArrayList<>(List.of(Arg.variable("--resource-group", Deployment.RESOURCE_GROUP),
                new Arg("--name", deployment.cluster(), Arg.CLUSTER), Arg.value("--network-plugin",
                        network.networkPlugin())));
        add(args, "--network-plugin-mode", network.networkPluginMode());
        add(args, "--network-dataplane", "cilium".equals(network.networkDataplane()) ? "cilium" : null);
        add(args, "--network-policy", network.networkPolicy());
        add(args, "--pod-cidr", network.podCidr());
        add(args, "--service-cidr", network.serviceCidr());
        add(args, "--dns-service-ip", network.dnsServiceIp());
        Deployment.Pool first = deployment.pools().get(0);
        if (first.declared()) {
            args.add(Arg.value("--nodepool-name", first.name()));
            add(args, "--os-sku", first.osSku());
            count(args, first);
        }
        args.add(Arg.value("--max-pods", Integer.toString(first.maxPods())));
        subnets(args, deployment, first, network);
        add(args, "--ip-families", network.ipFamilies() == null ? null
                : String.join(",", network.ipFamilies()).toLowerCase(Locale.ROOT));
        add(args, "--outbound-type", deployment.outboundType());
        if (deployment.privateCluster()) {
            args.add(Arg.on("--enable-private-cluster"));
        }
        if (deployment.nodeAutoProvisioning()) {
            args.add(Arg.value("--node-provisioning-mode", "Auto"));
        }
        deployment.subnet(AddressPlanner.API_SERVER_SUBNET).ifPresent(s -> {
            args.add(Arg.on("--enable-apiserver-vnet-integration"));
            args.add(Arg.variable("--apiserver-subnet-id", s.variable()));
        });
        List<String> addons = new ArrayList<>();
        deployment.subnet(AddressPlanner.ACI_SUBNET).ifPresent(s -> addons.add("virtual-node"));
        deployment.subnet(AddressPlanner.APPGW_SUBNET).ifPresent(s -> addons.add("ingress-appgw"));
        if (!addons.isEmpty()) {
            args.add(Arg.value("--enable-addons", String.join(",", addons)));
        }
        deployment.subnet(AddressPlanner.ACI_SUBNET).ifPresent(s -> args.add(Arg.value("--aci-subnet-name",
                s.name())));
        deployment.subnet(AddressPlanner.APPGW_SUBNET).ifPresent(s -> args.add(Arg.variable("--appgw-subnet-id",
                s.variable())));
        String comment = null;
        if (!first.declared() && Deployment.Pool.WINDOWS.equals(first.osType())) {
            // the flat keys say the cluster has Windows pools, not which: nothing here creates one
            comment = "windowsNodePools: true without nodePools: this creates the Linux system pool only; add the "
                    + "Windows pool with az aks nodepool add --os-type Windows" + (first.osSku() == null ? ""
                    : " --os-sku " + first.osSku()) + ", or list the pools in nodePools to have it planned and created";
        }
        return new Deployment.Step(AKS_CREATE, args, comment, null);
    }

    /** A fixed node count, or the autoscaler's range starting at its minimum. */
    private static void count(List<Arg> args, Deployment.Pool pool) {
        if (pool.autoscaled()) {
            args.add(Arg.on("--enable-cluster-autoscaler"));
            args.add(Arg.value("--node-count", pool.minCount().toString()));
            args.add(Arg.value("--min-count", pool.minCount().toString()));
            args.add(Arg.value("--max-count", Integer.toString(pool.maxCount())));
        } else {
            args.add(Arg.value("--node-count", Integer.toString(pool.maxCount())));
        }
    }

    private static void subnets(List<Arg> args, Deployment deployment, Deployment.Pool pool,
                                NetworkProfile network) {
        subnet(args, "--vnet-subnet-id", deployment, pool.nodeSubnet(), pool.nodeSubnetId());
        subnet(args, "--pod-subnet-id", deployment, pool.podSubnet(), pool.podSubnetId());
        add(args, "--pod-ip-allocation-mode", network.podIpAllocationMode());
    }

    private static void subnet(List<Arg> args, String flag, Deployment deployment, String name, String id) {
        if (name != null) {
            args.add(Arg.variable(flag, deployment.subnetNamed(name).orElseThrow().variable()));
        } else if (id != null) {
            args.add(new Arg(flag, id, Arg.ID));
        }
    }

    static String subnetComment(Deployment.Subnet subnet) {
        String what = switch (subnet.role()) {
            case AddressPlanner.NODE_SUBNET -> "Node subnet" + pools(subnet);
            case AddressPlanner.POD_SUBNET -> "Pod subnet" + pools(subnet);
            case AddressPlanner.API_SERVER_SUBNET -> "API server subnet, for API Server VNet Integration";
            case AddressPlanner.AGC_SUBNET -> "Application Gateway for Containers subnet";
            case AddressPlanner.APPGW_SUBNET -> "Application Gateway subnet, for the ingress-appgw add-on";
            case AddressPlanner.ACI_SUBNET -> "Virtual nodes (ACI) subnet";
            default -> subnet.role();
        };
        String prefix = subnet.cidr() == null ? " (set " + prefixVariable(subnet) + " to its prefix)"
                : " (" + subnet.origin() + ")";
        return what + prefix + (subnet.remark() == null ? "" : ": " + subnet.remark());
    }

    private static String pools(Deployment.Subnet subnet) {
        return subnet.pools().isEmpty() ? "" : " for " + String.join(", ", subnet.pools());
    }

    /** The shell variable for a subnet prefix nothing gives: NODE_SUBNET_PREFIX beside NODE_SUBNET_ID. */
    public static String prefixVariable(Deployment.Subnet subnet) {
        String v = subnet.variable();
        return (v.endsWith("_ID") ? v.substring(0, v.length() - 3) : v) + "_PREFIX";
    }

    private static void add(List<Arg> args, String flag, String value) {
        if (value != null) {
            args.add(Arg.value(flag, value));
        }
    }

    /**
     * Cluster names are letters, digits, '-' and '_'; anything else becomes '-', so the line stays one pasteable
     * shell command whatever the name holds (no quote, space, '$', ';', newline or control character gets through).
     * Leading '-' (what any other leading character became too) are dropped, so the name cannot be read as a flag ({@code --name --yes}); AKS names start with a
     * letter or digit anyway. A name with nothing left is the {@code <cluster-name>} placeholder.
     */
    public static String clusterWord(String name) {
        String word = cleanWord(name);
        int dashes = 0;
        while (dashes < word.length() && word.charAt(dashes) == '-') {
            dashes++;
        }
        return dashes == word.length() ? NO_NAME : dashes == 0 ? word : word.substring(dashes);
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
