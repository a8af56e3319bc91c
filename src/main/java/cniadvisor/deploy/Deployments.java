package cniadvisor.deploy;

import cniadvisor.model.Recommendation;





import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.AddressPlan;
import cniadvisor.model.Deployment;
import cniadvisor.model.NetworkProfile;
import cniadvisor.model.NodePool;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Request;
import cniadvisor.model.WindowsVersion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides how a recommendation is deployed ({@link Deployment}): which subnets to create, with which prefixes, which
 * pool takes which subnet, and the az CLI steps. Prefixes come from the address plan: a value the request gave is
 * always the one deployed, a rejected one too (with the plan's proposal in the subnet's remark); a subnet the
 * request left out gets the plan's proposal. Nothing here renders text: see {@code cniadvisor.render.AzCliCommand},
 * {@code TerraformSnippet} and {@code BicepSnippet}.
 */
public final class Deployments {

    public static final String MANAGED_CLUSTERS = "Microsoft.ContainerService/managedClusters";
    public static final String TRAFFIC_CONTROLLERS = "Microsoft.ServiceNetworking/trafficControllers";
    public static final String CONTAINER_GROUPS = "Microsoft.ContainerInstance/containerGroups";

    private Deployments() {
    }

    /**
     * The recommendation with some of its ranges replaced, old to new (a batch allocated them from the address pool):
     * what {@link #of} and {@link NetworkProfiles#of} make from the plan with those ranges, without making it again.
     * A subnet whose prefix changed was allocated; every flag value, network setting and subnet comment follows.
     */
    public static Recommendation withRanges(Recommendation recommendation, Map<String, String> replaced) {
        if (replaced.isEmpty()) {
            return recommendation;
        }
        Deployment deployment = recommendation.deployment();
        List<Deployment.Subnet> subnets = deployment.subnets().stream().map(subnet -> subnet.cidr() != null
                && replaced.containsKey(subnet.cidr()) ? new Deployment.Subnet(subnet.role(), subnet.name(),
                replaced.get(subnet.cidr()),
                "allocated", subnet.delegation(), subnet.pools(), subnet.remark(), subnet.variable()) : subnet)
                .toList();
        List<Deployment.Step> steps = new ArrayList<>();
        for (Deployment.Step step : deployment.steps()) {
            List<Deployment.Arg> args = step.args().stream().map(arg -> Deployment.Arg.VALUE.equals(arg.kind())
                    && arg.value() != null && replaced.containsKey(arg.value()) ? new Deployment.Arg(arg.flag(), replaced.get(arg.value()),
                    arg.kind()) : arg).toList();
            String comment = step.comment();
            if (step.command().equals(AzSteps.SUBNET_CREATE)) {
                String name = step.value("--name").orElse(null);
                comment = subnets.stream().filter(sub -> sub.name().equals(name)).findFirst()
                        .map(AzSteps::subnetComment).orElse(comment);
            }
            steps.add(new Deployment.Step(step.command(), args, comment, step.assign()));
        }
        NetworkProfile n = recommendation.network();
        NetworkProfile network = new NetworkProfile(n.networkPlugin(), n.networkPluginMode(), n.networkDataplane(),
                n.networkPolicy(), swap(replaced, n.podCidr()),
                swap(replaced, n.serviceCidr()),
                swap(replaced, n.dnsServiceIp()), n.maxPods(),
                swap(replaced, n.nodeSubnetCidr()),
                swap(replaced, n.podSubnetCidr()), n.podIpAllocationMode(), n.ipFamilies(),
                n.outboundType());
        return new Recommendation(recommendation.option(), recommendation.title(), recommendation.dataplane(),
                recommendation.networkPolicy(), new Deployment(deployment.cluster(), subnets, deployment.pools(),
                deployment.privateCluster(), deployment.outboundType(), deployment.nodeAutoProvisioning(), steps),
                network);
    }

    /** @param name the request's name, which names the cluster in the steps */
    public static Deployment of(Knowledge knowledge, AddressPlanner planner, String name, Request request,
                                String option, AddressPlan plan, NetworkProfile network) {
        Builder b = new Builder(knowledge, planner, name, request, option, plan, network);
        return b.build();
    }

    private static final class Builder {
        private final Knowledge knowledge;
        private final AddressPlanner planner;
        private final String requestName;
        private final Request request;
        private final String option;
        private final AddressPlan plan;
        private final NetworkProfile network;
        private final List<Deployment.Subnet> subnets = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        /** Pool index to the subnet (by name) or resource id its nodes and pods take. */
        private final Map<Integer, String> nodeSubnet = new LinkedHashMap<>();
        private final Map<Integer, String> nodeSubnetId = new LinkedHashMap<>();
        private final Map<Integer, String> podSubnet = new LinkedHashMap<>();
        private final Map<Integer, String> podSubnetId = new LinkedHashMap<>();

        Builder(Knowledge knowledge, AddressPlanner planner, String name, Request request, String option,
                AddressPlan plan, NetworkProfile network) {
            this.knowledge = knowledge;
            this.planner = planner;
            this.requestName = name;
            this.request = request;
            this.option = option;
            this.plan = plan;
            this.network = network;
        }

        Deployment build() {
            for (AddressPlanner.SubnetGroup group : planner.nodeSubnets(request)) {
                subnetFor(group, AddressPlanner.NODE_SUBNET, "aks-nodes", "NODE_SUBNET", nodeSubnet, nodeSubnetId,
                        NodePool::nodeSubnetId);
            }
            if (network.podSubnetCidr() != null) {
                for (AddressPlanner.SubnetGroup group : planner.podSubnets(request)) {
                    subnetFor(group, AddressPlanner.POD_SUBNET, "aks-pods", "POD_SUBNET", podSubnet, podSubnetId,
                            NodePool::podSubnetId);
                }
            }
            if (request.apiServerVnetIntegration()) {
                featureSubnet(AddressPlanner.API_SERVER_SUBNET, "aks-apiserver", "APISERVER_SUBNET",
                        request.apiServerSubnetCidr(), MANAGED_CLUSTERS);
            }
            if (request.uses("appGatewayForContainers")) {
                featureSubnet(AddressPlanner.AGC_SUBNET, "appgw-for-containers", "AGC_SUBNET",
                        request.appGatewayForContainersSubnetCidr(), TRAFFIC_CONTROLLERS);
            }
            if (request.uses("applicationGatewayIngress")) {
                featureSubnet(AddressPlanner.APPGW_SUBNET, "appgw", "APPGW_SUBNET",
                        request.applicationGatewaySubnetCidr(), null);
            }
            if (request.uses("virtualNodes")) {
                featureSubnet(AddressPlanner.ACI_SUBNET, "aks-virtual-nodes", "ACI_SUBNET",
                        request.virtualNodesSubnetCidr(), CONTAINER_GROUPS);
            }
            List<Deployment.Pool> pools = new ArrayList<>();
            for (NodePool pool : firstSystemPoolFirst(request.nodePools())) {
                pools.add(new Deployment.Pool(poolWord(pool), capitalized(pool.mode()),
                        pool.windows() ? Deployment.Pool.WINDOWS : Deployment.Pool.LINUX, osSku(pool),
                        pool.minCount(), pool.maxCount(), planner.maxPods(pool, option), pool.maxSurge(),
                        nodeSubnet.get(pool.index()), nodeSubnetId.get(pool.index()), podSubnet.get(pool.index()),
                        podSubnetId.get(pool.index()), pool.declared()));
            }
            String cluster = AzSteps.clusterWord(requestName);
            boolean nap = request.uses("nodeAutoProvisioning");
            Deployment draft = new Deployment(cluster, subnets, pools, request.privateCluster(),
                    request.outboundType(), nap, List.of());
            return new Deployment(cluster, subnets, pools, request.privateCluster(), request.outboundType(), nap,
                    AzSteps.steps(draft, network));
        }

        /** The subnet a group of pools takes: created here when its prefix is known, else by the id given. */
        private void subnetFor(AddressPlanner.SubnetGroup group, String role, String baseName, String baseVariable,
                               Map<Integer, String> byName, Map<Integer, String> byId,
                               java.util.function.Function<NodePool, String> idOf) {
            String cidr;
            String origin;
            String remark = null;
            if (group.cluster()) {
                ProposedRange range = plan.range(role).orElse(null);
                if (range == null) {
                    return; // nothing planned: AKS's own virtual network
                }
                cidr = range.cidr();
                origin = range.origin();
                remark = RejectedRanges.remark(plan, role).orElse(null);
            } else if (group.cidr() != null) {
                cidr = group.cidr();
                origin = "given";
            } else {
                String id = idOf.apply(group.pools().get(0));
                group.pools().forEach(p -> byId.put(p.index(), id));
                return;
            }
            String suffix = group.cluster() ? "" : "-" + poolWord(group.pools().get(0)).toLowerCase(Locale.ROOT);
            String name = unique(baseName + suffix);
            String variable = variable(baseName, baseVariable, name);
            subnets.add(new Deployment.Subnet(role, name, cidr, origin, null, group.poolNames(), remark, variable));
            group.pools().forEach(p -> byName.put(p.index(), name));
        }

        private void featureSubnet(String role, String name, String variable, String given, String delegation) {
            ProposedRange planned = plan.range(role).orElse(null);
            String cidr = given != null ? given : planned == null ? null : planned.cidr();
            String origin = given != null ? "given" : planned == null ? null : planned.origin();
            String remark = given != null ? RejectedRanges.remark(plan, role).orElse(null) : null;
            String unique = unique(name);
            subnets.add(new Deployment.Subnet(role, unique, cidr, origin, delegation, List.of(), remark,
                    variable(name, variable, unique)));
        }

        /** NODE_SUBNET_ID for aks-nodes, NODE_SUBNET_WIN_ID for aks-nodes-win: the name's tail after the base. */
        private static String variable(String baseName, String baseVariable, String name) {
            return baseVariable + name.substring(baseName.length()).toUpperCase(Locale.ROOT).replace('-', '_') + "_ID";
        }

        private String unique(String name) {
            String candidate = name;
            for (int n = 2; !names.add(candidate); n++) {
                candidate = name + "-" + n;
            }
            return candidate;
        }

        private String osSku(NodePool pool) {
            if (!pool.windows() || pool.windowsServerVersion() == null) {
                return pool.osSku(); // a Linux pool's SKU as given, or AKS's default
            }
            return knowledge.windowsVersions().stream()
                    .filter(v -> v.version().equals(pool.windowsServerVersion()))
                    .map(WindowsVersion::osSku).findFirst().orElse(null);
        }
    }

    /** The pools in the order AKS creates them: the first system pool (or the first pool), then the others. */
    static List<NodePool> firstSystemPoolFirst(List<NodePool> pools) {
        NodePool first = pools.stream().filter(NodePool::system).findFirst().orElse(pools.get(0));
        List<NodePool> ordered = new ArrayList<>(pools.size());
        ordered.add(first);
        pools.stream().filter(p -> p != first).forEach(ordered::add);
        return ordered;
    }

    /** A pool's name as the commands give it: letters and digits (AKS allows no more), else "pool" + its place. */
    static String poolWord(NodePool pool) {
        StringBuilder word = new StringBuilder();
        pool.name().codePoints().filter(c -> c < 128 && Character.isLetterOrDigit(c))
                .forEach(c -> word.append((char) c));
        return word.isEmpty() ? "pool" + pool.index() : word.toString();
    }

    private static String capitalized(String mode) {
        return mode == null || mode.isEmpty() ? mode
                : Character.toUpperCase(mode.charAt(0)) + mode.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String swap(Map<String, String> replaced, String value) {
        return value == null ? null : replaced.getOrDefault(value, value);
    }
}
