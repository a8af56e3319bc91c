package cniadvisor.contract;

import static cniadvisor.contract.ContractKey.ADDRESSES;
import static cniadvisor.contract.ContractKey.CLUSTER;
import static cniadvisor.contract.ContractKey.FEATURE;
import static cniadvisor.contract.ContractKey.POOL;
import static cniadvisor.contract.ContractKey.define;

import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Component;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.NodePool;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Request;
import cniadvisor.model.WindowsVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request contract: every key a request file, a batch row or the questionnaire can give, with its type,
 * bounds, allowed values, default, question and help. It is the one place the contract is written: the binder reads
 * requests by it, the questionnaire asks by it, {@code cni-advisor schema} prints it as JSON Schema and the README's
 * key table is made from it. Allowed values and bounds that are platform facts (option ids, policy engines, Windows
 * Server versions, outbound types, max pods per node) come from facts/, so editing facts/ changes what requests
 * may say without recompiling.
 */
public final class RequestContract {

    /** Values of trafficPattern: a team's own description, not a platform fact. */
    public static final List<String> TRAFFIC_PATTERNS = List.of("intra-cluster", "external", "mixed");
    /** networkPolicy values besides the policy engines of facts/. */
    public static final List<String> POLICY_WORDS = List.of("none", "any");
    /** AKS's rule for node pool names: lowercase letters and digits, starting with a letter (lengths: facts/). */
    public static final String POOL_NAME_PATTERN = "[a-z][a-z0-9]*";
    public static final List<String> POOL_MODES = List.of(NodePool.SYSTEM, NodePool.USER);
    public static final List<String> POOL_OSES = List.of(NodePool.LINUX, NodePool.WINDOWS);

    /**
     * Keys of an agent pool in the AKS API that the binder reads into pool keys: count (the maximum of a pool that
     * does not autoscale), osSKU (a Windows SKU gives the Windows Server version) and upgradeSettings (its maxSurge).
     */
    public static final List<String> READ_AKS_POOL_KEYS = List.of("count", "osSKU", "upgradeSettings");

    /**
     * Keys of an agent pool in the AKS API that say nothing about its network: a pool copied from
     * {@code az aks nodepool show} or an ARM template has them, and they are ignored rather than refused.
     */
    public static final List<String> IGNORED_AKS_POOL_KEYS = List.of("availabilityZones", "capacityReservationGroupID",
            "creationData", "currentOrchestratorVersion", "eTag", "enableAutoScaling", "enableCustomCATrust",
            "enableEncryptionAtHost", "enableFIPS", "enableNodePublicIP", "enableUltraSSD", "gatewayProfile",
            "gpuInstanceProfile", "gpuProfile", "hostGroupID", "id", "kubeletConfig", "kubeletDiskType",
            "linuxOSConfig", "messageOfTheDay", "networkProfile", "nodeImageVersion", "nodeLabels",
            "nodePublicIPPrefixID", "nodeTaints", "orchestratorVersion", "osDiskSizeGB", "osDiskType",
            "podIPAllocationMode", "powerState", "provisioningState", "proximityPlacementGroupID", "resourceGroup",
            "scaleDownMode", "scaleSetEvictionPolicy", "scaleSetPriority", "securityProfile", "spotMaxPrice", "status",
            "tags", "type", "virtualMachineNodesStatus", "virtualMachinesProfile", "vmSize",
            "windowsProfile", "workloadRuntime");

    private final Map<String, ContractKey> keys;
    private final Map<String, ContractKey> poolKeys;
    private final Map<String, String> choiceTexts;
    private final Map<String, String> windowsVersionsBySku;
    private final String defaultWindowsVersion;
    private final List<String> windowsSkus;

    private RequestContract(Map<String, ContractKey> keys, Map<String, ContractKey> poolKeys,
                            Map<String, String> choiceTexts, Map<String, String> windowsVersionsBySku,
                            String defaultWindowsVersion, List<String> windowsSkus) {
        this.keys = keys;
        this.poolKeys = poolKeys;
        this.choiceTexts = choiceTexts;
        this.windowsVersionsBySku = windowsVersionsBySku;
        this.defaultWindowsVersion = defaultWindowsVersion;
        this.windowsSkus = List.copyOf(windowsSkus);
    }

    /** The contract with the allowed values and bounds of these facts. */
    public static RequestContract of(Knowledge knowledge) {
        List<String> optionIds = knowledge.options().stream().map(PluginOption::id).toList();
        List<String> engines = knowledge.policyEngines().stream().map(Component::id)
                .filter(id -> !POLICY_WORDS.contains(id)).toList();
        List<String> policies = new ArrayList<>(POLICY_WORDS);
        policies.addAll(engines);
        List<String> windowsVersions = knowledge.windowsVersions().stream().map(WindowsVersion::version).toList();
        // the newest version facts/ lists: what a Windows pool that names none runs
        String defaultWindows = windowsVersions.isEmpty() ? null : windowsVersions.get(windowsVersions.size() - 1);
        List<String> outboundTypes = knowledge.outboundTypes().stream().map(o -> o.id()).toList();
        int lowestMaxPods = (int) knowledge.requiredLimit("node", "lowestMaxPods").value();
        int highestMaxPods = (int) knowledge.requiredLimit("node", "highestMaxPods").value();

        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("networkPolicy=none", "no network policies");
        texts.put("networkPolicy=any", "policies needed; any engine will do");
        knowledge.policyEngines().forEach(e -> texts.putIfAbsent("networkPolicy=" + e.id(), e.title()));
        texts.put("trafficPattern=intra-cluster", "mostly between pods of the cluster");
        texts.put("trafficPattern=external", "mostly to and from things outside the cluster");
        texts.put("trafficPattern=mixed", "both, or not sure");
        knowledge.options().forEach(o -> texts.put("currentPlugin=" + o.id(), o.title()));
        knowledge.outboundTypes().forEach(o -> texts.put("outboundType=" + o.id(), o.title()));
        windowsVersions.forEach(v -> texts.put("windowsServerVersion=" + v, "Windows Server " + v));
        texts.put("mode=system", "runs the cluster's system pods (Linux only)");
        texts.put("mode=user", "runs your workloads");
        texts.put("os=linux", "Linux nodes");
        texts.put("os=windows", "Windows Server nodes");
        Map<String, String> bySku = new LinkedHashMap<>();
        knowledge.windowsVersions().forEach(v -> bySku.put(v.osSku().toLowerCase(java.util.Locale.ROOT), v.version()));

        List<ContractKey> cluster = List.of(
                define("name", ValueType.TEXT, CLUSTER, "Name",
                        "What should the report call this cluster?",
                        "Only used as the title of the report and the name in the commands.")
                        .defaults(null, "the file name"),
                define("nodeCount", ValueType.WHOLE_NUMBER, CLUSTER, "Nodes (at most)",
                        "How many nodes may the cluster reach at most?",
                        "All node pools at their autoscaler maximum; scale limits and address space are checked "
                                + "against it. Required unless nodePools is given (then it is the sum of their maxCount).")
                        .bounds(1, null),
                define("maxSurge", ValueType.MAX_SURGE, CLUSTER, "Upgrade max surge",
                        "How many extra nodes may an upgrade add at once (max surge: a count, or a percentage of the nodes)?",
                        "Surge nodes need addresses too, on top of the node count; not given: AKS's default.")
                        .defaults(null, "AKS's default"),
                define("surgeNodes", ValueType.WHOLE_NUMBER, CLUSTER, "Surge nodes",
                        "How many extra nodes may an upgrade add at once?",
                        "maxSurge as a node count (the older key); give one of surgeNodes and maxSurge.")
                        .bounds(0, null).defaults(null, "AKS's default"),
                define("maxPodsPerNode", ValueType.WHOLE_NUMBER, CLUSTER, "Pods per node",
                        "How many pods may run on one node?",
                        "Decides how many addresses each node takes; not given: each option's own default.")
                        .bounds(lowestMaxPods, highestMaxPods).defaults(null, "each option's default"),
                define("windowsNodePools", ValueType.FLAG, CLUSTER, "Windows node pools",
                        "Will the cluster have Windows Server node pools?",
                        "Not every plugin, data plane and policy engine runs Windows nodes. With nodePools, a pool "
                                + "with os: windows says it instead."),
                define("windowsServerVersion", ValueType.CHOICE, CLUSTER, "Windows Server version",
                        "Which Windows Server version do the Windows pools run?",
                        "Policy engine support and retirement dates differ by version.")
                        .allowing(windowsVersions).defaults(null, "Windows Server " + defaultWindows
                                + " when the cluster has Windows pools"),
                define("nodePools", ValueType.POOL_LIST, CLUSTER, "Node pools",
                        "Which node pools will the cluster have?",
                        "Each pool with its own size, max pods, surge and subnets; replaces nodeCount, "
                                + "maxPodsPerNode, maxSurge and windowsNodePools (the one-pool shorthand)."),
                define("networkPolicy", ValueType.CHOICE, CLUSTER, "Network policies",
                        "Do you need Kubernetes network policies, and from which engine?",
                        "Policies limit which pods may talk to which; the engine must run on every node pool.")
                        .allowing(policies).defaults("none", null),
                define("advancedPolicy", ValueType.FLAG, FEATURE, "FQDN or L7 policies",
                        "Do the policies need to filter by domain name (FQDN) or HTTP request (layer 7)?",
                        "Only some policy engines go beyond IP addresses and ports."),
                define("trafficPattern", ValueType.CHOICE, CLUSTER, "Traffic pattern",
                        "Where does most pod traffic go?",
                        "Tilts the choice between overlay and flat pod networking.")
                        .allowing(TRAFFIC_PATTERNS).defaults("mixed", null),
                define("directPodAccess", ValueType.FLAG, FEATURE, "Direct pod access",
                        "Must anything outside the cluster open connections straight to pod IPs?",
                        "For example on-premises clients or VMs that bypass Services and load balancers."),
                define("podSourceIpVisible", ValueType.FLAG, FEATURE, "Pod IP visible as source",
                        "Must destinations outside the cluster see each pod's own IP as the source?",
                        "For example firewalls or partners that allow-list pod IPs rather than node IPs."),
                define("virtualNodes", ValueType.FLAG, FEATURE, "Virtual nodes",
                        "Will the cluster use virtual nodes (pods on Azure Container Instances)?",
                        "Virtual nodes add burst capacity without VMs; they take a subnet of their own."),
                define("dualStack", ValueType.FLAG, FEATURE, "Dual-stack",
                        "Do pods and services need IPv6 as well as IPv4 (dual-stack)?",
                        "Only some options give pods both address families."),
                define("appGatewayForContainers", ValueType.FLAG, FEATURE, "App Gateway for Containers",
                        "Will you use Application Gateway for Containers?",
                        "The Gateway API load balancer that sends traffic straight to pods; it takes a delegated subnet."),
                define("applicationGatewayIngress", ValueType.FLAG, FEATURE, "App Gateway Ingress Controller",
                        "Will you use the Application Gateway Ingress Controller (AGIC)?",
                        "The add-on that configures an Application Gateway from Ingress resources; the gateway takes a subnet."),
                define("sharedSubnet", ValueType.FLAG, FEATURE, "Shared node subnet",
                        "Will several clusters share one node subnet?",
                        "Some options need a subnet (and route table) per cluster."),
                define("nodeAutoProvisioning", ValueType.FLAG, FEATURE, "Node auto-provisioning",
                        "Will you use node auto-provisioning (Karpenter)?",
                        "AKS then picks VM sizes and creates nodes as pods need them."),
                define("privateCluster", ValueType.FLAG, FEATURE, "Private cluster",
                        "Must the API server have no public endpoint (a private cluster)?",
                        "The API server is then reached over a private endpoint or, with VNet integration, an internal load balancer."),
                define("apiServerVnetIntegration", ValueType.FLAG, FEATURE, "API server VNet integration",
                        "Will the API server be projected into your VNet (API server VNet integration)?",
                        "It takes a delegated subnet of its own, at least the size facts/ gives."),
                define("outboundType", ValueType.CHOICE, CLUSTER, "Outbound type",
                        "How does the cluster's traffic leave it (its outbound type)?",
                        "Decides what egress needs: a load balancer, a NAT gateway, or your own route table and firewall.")
                        .allowing(outboundTypes).defaults(null, "AKS's default (loadBalancer)"),
                define("customCni", ValueType.TEXT, CLUSTER, "Your own CNI",
                        "Which CNI must your team run itself, if any (e.g. cilium-oss)?",
                        "Name it only if no AKS-managed plugin will do; not given: none.")
                        .defaults(null, "none"),
                define("currentPlugin", ValueType.CHOICE, CLUSTER, "Current plugin",
                        "Is this a new cluster, or which network plugin does it run today?",
                        "An existing cluster is judged on its migration path and any retirement deadline.")
                        .allowing(optionIds).defaults(null, "a new cluster"),
                define("vnetCidr", ValueType.CIDR_LIST, ADDRESSES, "VNet address spaces",
                        "Which address spaces does the cluster's virtual network have?",
                        "Every subnet the plan proposes lies inside them and clear of the others."),
                define("nodeSubnetCidr", ValueType.CIDR, ADDRESSES, "Node subnet",
                        "Which subnet will the nodes use?",
                        "The subnet the nodes (and, with flat networking, the pods) take addresses from; pools "
                                + "without a subnet of their own share it.")
                        .defaults(null, "not known"),
                define("podCidr", ValueType.CIDR, ADDRESSES, "Pod CIDR",
                        "Which pod CIDR should pods use (overlay and kubenet)?",
                        "The private range pods take addresses from when they are not in the virtual network.")
                        .defaults(null, "not known"),
                define("serviceCidr", ValueType.CIDR, ADDRESSES, "Service CIDR",
                        "Which service CIDR should Kubernetes Services use?",
                        "Service IPs exist only inside the cluster; not given: AKS's default.")
                        .defaults(null, "AKS's default"),
                define("dnsServiceIp", ValueType.ADDRESS, ADDRESSES, "DNS service IP",
                        "Which address should the cluster DNS service have?",
                        "It must lie inside the service CIDR; not given: AKS's default.")
                        .defaults(null, "AKS's default"),
                define("connectedNetworks", ValueType.CIDR_LIST, ADDRESSES, "Connected networks",
                        "Which networks does the cluster connect to (peered VNets, on-premises)?",
                        "Their ranges must not overlap the cluster's; e.g. 10.0.0.0/16, 192.168.0.0/20.")
                        .defaults(List.of(), "none"),
                define("apiServerSubnetCidr", ValueType.CIDR, ADDRESSES, "API server subnet",
                        "Which subnet should the API server take (API server VNet integration)?",
                        "Delegated to the cluster; nothing else may use it.")
                        .defaults(null, "proposed by the plan"),
                define("appGatewayForContainersSubnetCidr", ValueType.CIDR, ADDRESSES, "App Gateway for Containers subnet",
                        "Which subnet should Application Gateway for Containers take?",
                        "Delegated to Application Gateway for Containers.")
                        .defaults(null, "proposed by the plan"),
                define("applicationGatewaySubnetCidr", ValueType.CIDR, ADDRESSES, "Application Gateway subnet",
                        "Which subnet should the Application Gateway (AGIC) take?",
                        "The gateway needs a subnet of its own.")
                        .defaults(null, "proposed by the plan"),
                define("virtualNodesSubnetCidr", ValueType.CIDR, ADDRESSES, "Virtual nodes subnet",
                        "Which subnet should virtual nodes (Azure Container Instances) take?",
                        "Virtual nodes need a subnet of their own.")
                        .defaults(null, "proposed by the plan"));

        List<ContractKey> pool = List.of(
                define("name", ValueType.TEXT, POOL, "Pool name",
                        "What is the pool called?",
                        "As AKS names it: lowercase letters and digits, starting with a letter.")
                        .mandatory(),
                define("mode", ValueType.CHOICE, POOL, "Mode",
                        "Is it a system pool or a user pool?",
                        "Every cluster needs a Linux system pool for its system pods.")
                        .allowing(POOL_MODES).defaults(null, "system for the first pool, user for the others"),
                define("os", ValueType.CHOICE, POOL, "OS",
                        "Which OS do its nodes run?",
                        "Windows pools limit the network options, data planes and policy engines.")
                        .allowing(POOL_OSES).defaults(NodePool.LINUX, null).alias("osType"),
                define("windowsServerVersion", ValueType.CHOICE, POOL, "Windows Server version",
                        "Which Windows Server version does the pool run?",
                        "Policy engine support and retirement dates differ by version; osSKU (Windows2022) says it too.")
                        .allowing(windowsVersions).defaults(null, "Windows Server " + defaultWindows
                                + " for a Windows pool"),
                define("minCount", ValueType.WHOLE_NUMBER, POOL, "Fewest nodes",
                        "How few nodes may the autoscaler scale it to?",
                        "Not given: the pool does not autoscale below maxCount.")
                        .bounds(0, null),
                define("maxCount", ValueType.WHOLE_NUMBER, POOL, "Most nodes",
                        "How many nodes may the pool reach at most?",
                        "Its autoscaler maximum (count, for a pool that does not autoscale); addresses are planned for it.")
                        .bounds(1, null).mandatory(),
                define("maxPodsPerNode", ValueType.WHOLE_NUMBER, POOL, "Pods per node",
                        "How many pods may run on one of its nodes?",
                        "Not given: each option's default (for Windows pools at most the recommended maximum).")
                        .bounds(lowestMaxPods, highestMaxPods).defaults(null, "each option's default")
                        .alias("maxPods"),
                define("maxSurge", ValueType.MAX_SURGE, POOL, "Upgrade max surge",
                        "How many extra nodes may an upgrade add to it at once?",
                        "A count or a percentage of its nodes; upgradeSettings.maxSurge says it too.")
                        .defaults(null, "AKS's default"),
                define("nodeSubnetCidr", ValueType.CIDR, POOL, "Node subnet",
                        "Which subnet do its nodes take?",
                        "Not given: the cluster's nodeSubnetCidr, shared with the other pools that give none.")
                        .defaults(null, "the cluster's node subnet"),
                define("podSubnetCidr", ValueType.CIDR, POOL, "Pod subnet",
                        "Which subnet do its pods take (Azure CNI Pod Subnet)?",
                        "Not given: the plan proposes one when the option uses pod subnets.")
                        .defaults(null, "proposed by the plan"),
                define("nodeSubnetId", ValueType.TEXT, POOL, "Node subnet id",
                        "Which subnet (Azure resource id) do its nodes take?",
                        "As the AKS API gives it (vnetSubnetID); pools with the same id share the subnet.")
                        .alias("vnetSubnetID"),
                define("podSubnetId", ValueType.TEXT, POOL, "Pod subnet id",
                        "Which subnet (Azure resource id) do its pods take?",
                        "As the AKS API gives it (podSubnetID).")
                        .alias("podSubnetID"));

        return new RequestContract(index(cluster), index(pool), Map.copyOf(texts), Map.copyOf(bySku), defaultWindows,
                knowledge.windowsVersions().stream().map(WindowsVersion::osSku).toList());
    }

    private static Map<String, ContractKey> index(List<ContractKey> list) {
        Map<String, ContractKey> map = new LinkedHashMap<>();
        list.forEach(k -> map.put(k.key(), k));
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The request keys, in contract order. */
    public List<ContractKey> keys() {
        return List.copyOf(keys.values());
    }

    /** The keys of one node pool, in contract order. */
    public List<ContractKey> poolKeys() {
        return List.copyOf(poolKeys.values());
    }

    public ContractKey key(String name) {
        ContractKey key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("not a request key: " + name);
        }
        return key;
    }

    public Optional<ContractKey> findKey(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public Optional<ContractKey> findPoolKey(String name) {
        return Optional.ofNullable(poolKeys.get(name));
    }

    /** The yes/no features a request can turn on, by key. */
    public List<String> featureKeys() {
        return keys.values().stream().filter(k -> k.group().equals(FEATURE)).map(ContractKey::key).toList();
    }

    /** Words for one allowed value of a CHOICE key, or "" when there are none. */
    public String choiceText(String key, String value) {
        return choiceTexts.getOrDefault(key + "=" + value, "");
    }

    /** The Windows Server version of an AKS osSKU (Windows2022 is 2022), if facts/ know it. */
    public Optional<String> windowsVersionOfSku(String osSku) {
        return Optional.ofNullable(windowsVersionsBySku.get(osSku.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The AKS OS SKUs of the Windows Server versions facts/ list (Windows2022), in facts order. */
    public List<String> windowsSkus() {
        return windowsSkus;
    }

    /** What a Windows pool that names no version runs: the newest version facts/ list. */
    public String defaultWindowsVersion() {
        return defaultWindowsVersion;
    }

    /**
     * The request as contract keys and values: what a request file gives to bind to this request. The one-pool
     * shorthand is written with the flat keys, declared pools as nodePools; null values are left out.
     */
    public Map<String, Object> values(NamedRequest named) {
        Request request = named.request();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", named.name());
        if (request.nodePoolsGiven()) {
            List<Map<String, Object>> pools = new ArrayList<>();
            for (NodePool pool : request.nodePools()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", pool.name());
                p.put("mode", pool.mode());
                p.put("os", pool.os());
                p.put("windowsServerVersion", pool.windowsServerVersion());
                p.put("minCount", pool.minCount());
                p.put("maxCount", pool.maxCount());
                p.put("maxPodsPerNode", pool.maxPodsPerNode());
                p.put("maxSurge", pool.maxSurge());
                p.put("nodeSubnetCidr", pool.nodeSubnetCidr());
                p.put("nodeSubnetId", pool.nodeSubnetId());
                p.put("podSubnetCidr", pool.podSubnetCidr());
                p.put("podSubnetId", pool.podSubnetId());
                p.put("osSKU", pool.osSku());
                p.values().removeIf(java.util.Objects::isNull);
                pools.add(p);
            }
            values.put("nodePools", pools);
        } else {
            NodePool pool = request.nodePools().get(0);
            values.put("nodeCount", request.nodeCount());
            values.put("maxPodsPerNode", request.maxPodsPerNode());
            values.put("maxSurge", request.maxSurge());
            values.put("windowsNodePools", pool.windows());
            values.put("windowsServerVersion", pool.windowsServerVersion());
        }
        values.put("networkPolicy", request.networkPolicy());
        values.put("trafficPattern", request.trafficPattern());
        for (String feature : featureKeys()) {
            values.put(feature, request.uses(feature));
        }
        values.put("outboundType", request.outboundType());
        values.put("customCni", request.customCni());
        values.put("currentPlugin", request.currentPlugin());
        values.put("vnetCidr", request.vnetCidr().isEmpty() ? null : request.vnetCidr());
        values.put("nodeSubnetCidr", request.nodeSubnetCidr());
        values.put("podCidr", request.podCidr());
        values.put("serviceCidr", request.serviceCidr());
        values.put("dnsServiceIp", request.dnsServiceIp());
        values.put("connectedNetworks", request.connectedNetworks().isEmpty() ? null : request.connectedNetworks());
        values.put("apiServerSubnetCidr", request.apiServerSubnetCidr());
        values.put("appGatewayForContainersSubnetCidr", request.appGatewayForContainersSubnetCidr());
        values.put("applicationGatewaySubnetCidr", request.applicationGatewaySubnetCidr());
        values.put("virtualNodesSubnetCidr", request.virtualNodesSubnetCidr());
        values.values().removeIf(java.util.Objects::isNull);
        return values;
    }

}
