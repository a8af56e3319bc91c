package cniadvisor.inventory;

import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.ClusterState;
import cniadvisor.model.Retirement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps one AKS managed cluster, as Azure reports it, to a {@link ClusterState} (what it runs) and to the request
 * keys that describe it ({@link Field}s, bound later by the request contract like any request file). Keys match
 * without regard to case and unknown fields are ignored: API responses grow.
 *
 * <p>What the API says: the option (kubenet; azure with overlay mode: azure-cni-overlay; azure with pod subnets:
 * azure-cni-pod-subnet; azure otherwise: azure-cni-node-subnet; none: byo-cni), data plane, policy engine, ranges,
 * every pool, outbound type, private cluster, API server VNet integration, the virtual-node and AGIC add-ons, node
 * auto-provisioning and the SKU. What it cannot say (traffic pattern, direct pod access, ...) is left to the
 * contract's defaults and listed as {@link Assumption}s.
 */
public final class Clusters {

    public static final String TYPE = "Microsoft.ContainerService/managedClusters";

    /** A request key the API cannot know, the value the assessment takes, and why. */
    public record Assumption(String key, Object value, String note) {
    }

    /** One cluster as read: its state, the request keys made from it, and what was assumed. */
    /** A cluster as read: {@code file} and {@code line} say where its JSON starts (line 0 when not known). */
    public record Imported(ClusterState state, String file, int line, List<Field> fields, List<Assumption> assumptions,
                           Map<String, Integer> poolCounts, Map<String, String> poolOsSkus, String ipv6PodCidr,
                           String ipv6ServiceCidr) {
        public Imported {
            fields = List.copyOf(fields);
            assumptions = List.copyOf(assumptions);
        }
    }

    /** Request keys the API cannot know, with why they take their default. */
    static final Map<String, String> NOT_IN_THE_API = notInTheApi();

    private static Map<String, String> notInTheApi() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("trafficPattern", "where pod traffic goes is not in the cluster's settings");
        keys.put("directPodAccess", "whether clients outside the cluster reach pods directly is not in the "
                + "cluster's settings");
        keys.put("podSourceIpVisible", "whether firewalls or partners allow-list pod IPs is not in the cluster's "
                + "settings");
        keys.put("advancedPolicy", "whether policies go beyond IP addresses and ports is not in the cluster's "
                + "settings");
        keys.put("sharedSubnet", "whether other clusters share the node subnet is not in the cluster's settings");
        keys.put("appGatewayForContainers", "Application Gateway for Containers is a resource of its own, not in "
                + "the cluster's settings");
        keys.put("connectedNetworks", "on-premises and peered ranges are not in the cluster's settings");
        return keys;
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Knowledge knowledge;
    private final VirtualNetworks vnets;
    private final LocalDate asOf;

    public Clusters(Knowledge knowledge, VirtualNetworks vnets, LocalDate asOf) {
        this.knowledge = knowledge;
        this.vnets = vnets;
        this.asOf = asOf;
    }

    /** Whether a resource is a managed cluster: by its type, or (without one) by a cluster's settings. */
    static boolean isCluster(JsonNode resource) {
        if (!resource.isObject()) {
            return false;
        }
        String type = AzureJson.text(resource, "type");
        if (type != null) {
            return type.equalsIgnoreCase(TYPE);
        }
        JsonNode settings = AzureJson.settings(resource);
        return AzureJson.get(settings, "agentPoolProfiles").isArray()
                || AzureJson.get(settings, "networkProfile").isObject();
    }

    /** The message for a resource that is not a managed cluster. */
    static String notACluster(JsonNode resource) {
        String type = resource.isObject() ? AzureJson.text(resource, "type") : null;
        String got;
        if (type != null) {
            got = "a " + type + (type.equalsIgnoreCase(VirtualNetworks.TYPE)
                    ? " (give virtual networks with --vnets FILE)" : "");
        } else if (resource.isObject()) {
            List<String> keys = new ArrayList<>();
            resource.fieldNames().forEachRemaining(keys::add);
            got = keys.isEmpty() ? "an empty object" : "an object with " + String.join(", ",
                    keys.subList(0, Math.min(6, keys.size()))) + (keys.size() > 6 ? ", ..." : "");
        } else {
            got = AzureJson.describe(resource);
        }
        return "not a managed cluster: expected an AKS cluster (type " + TYPE + ", with networkProfile and "
                + "agentPoolProfiles) as az aks show/list -o json, az rest, an ARM export or az graph query give it; "
                + "got " + got;
    }

    /**
     * Reads one resource.
     *
     * @throws InputException it is not a managed cluster, or lacks what names its network plugin
     */
    public Imported read(AzureInput.Item item) throws InputException {
        JsonNode cluster = item.node();
        if (!isCluster(cluster)) {
            throw new InputException(new InputError(item.source(), item.line(), null, notACluster(cluster)));
        }
        JsonNode settings = AzureJson.settings(cluster);
        JsonNode network = AzureJson.get(settings, "networkProfile");
        String plugin = AzureJson.text(network, "networkPlugin");
        String name = AzureJson.text(cluster, "name");
        List<InputError> errors = new ArrayList<>();
        if (name == null) {
            errors.add(new InputError(item.source(), item.line(), "name", "required: the cluster's name"));
        }
        if (plugin == null) {
            errors.add(new InputError(item.source(), item.line(), "networkProfile.networkPlugin",
                    "required: it says which network plugin the cluster runs (kubenet, azure or none)"));
        }
        JsonNode profiles = AzureJson.get(settings, "agentPoolProfiles");
        if (!profiles.isArray() || profiles.isEmpty()) {
            errors.add(new InputError(item.source(), item.line(), "agentPoolProfiles",
                    "required: the cluster's node pools (a list), got " + (profiles.isMissingNode() ? "none"
                            : profiles.isArray() ? "an empty list" : AzureJson.describe(profiles))));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        String resourceGroup = AzureJson.text(cluster, "resourceGroup");
        if (resourceGroup == null) {
            resourceGroup = AzureJson.resourceGroupOf(AzureJson.text(cluster, "id"));
        }

        List<Assumption> assumptions = new ArrayList<>();
        Pools pools = pools(profiles, settings, assumptions);
        String option = option(plugin, AzureJson.text(network, "networkPluginMode"), pools.podSubnets);
        if (option == null) {
            throw new InputException(new InputError(item.source(), item.line(), "networkProfile.networkPlugin",
                    "'" + plugin + "' is not a network plugin AKS reports (kubenet, azure or none)"));
        }
        String dataplane = dataplane(option, network);
        String policy = policy(network);
        String version = AzureJson.text(settings, "currentKubernetesVersion");
        if (version == null) {
            version = AzureJson.text(settings, "kubernetesVersion");
        }
        boolean dualStack = false;
        for (JsonNode family : AzureJson.get(network, "ipFamilies")) {
            dualStack |= family.asText().equalsIgnoreCase("IPv6");
        }
        JsonNode access = AzureJson.get(settings, "apiServerAccessProfile");
        JsonNode addons = AzureJson.get(settings, "addonProfiles");
        boolean virtualNodes = AzureJson.flag(addons, "aciConnectorLinux", "enabled");
        boolean agic = AzureJson.flag(addons, "ingressApplicationGateway", "enabled");
        boolean nap = "auto".equalsIgnoreCase(AzureJson.text(settings, "nodeProvisioningProfile", "mode"));
        String sku = AzureJson.text(cluster, "sku", "name");
        String outbound = AzureJson.text(network, "outboundType");
        ClusterState state = new ClusterState(name, resourceGroup, item.source(), option, dataplane, policy, version,
                minor(version), sku, outbound, pools.podIpAllocationMode, virtualNodes, agic, nap,
                AzureJson.flag(access, "enablePrivateCluster"), AzureJson.flag(access, "enableVnetIntegration"),
                dualStack, pools.windows, AzureJson.text(cluster, "identity", "type"));

        List<Field> fields = new ArrayList<>();
        fields.add(field("name", NODES.textNode(name)));
        fields.add(field("currentPlugin", NODES.textNode(option)));
        if ("byo-cni".equals(option)) {
            // a cluster on its own CNI runs one on purpose: the API does not say which
            fields.add(field("customCni", NODES.textNode("the CNI installed on the cluster")));
            assumptions.add(new Assumption("customCni", "the CNI installed on the cluster", "networkPlugin none "
                    + "means the team runs its own CNI; the API does not name it (set customCni to)"));
        }
        fields.add(field("nodePools", pools.json));
        fields.add(field("networkPolicy", NODES.textNode(requestedPolicy(policy, pools, assumptions))));
        if (usesPodCidr(option)) {
            text(fields, "podCidr", ipv4(AzureJson.text(network, "podCidr"), AzureJson.get(network, "podCidrs")));
        }
        text(fields, "serviceCidr", ipv4(AzureJson.text(network, "serviceCidr"),
                AzureJson.get(network, "serviceCidrs")));
        text(fields, "dnsServiceIp", AzureJson.text(network, "dnsServiceIP"));
        text(fields, "outboundType", outbound);
        flag(fields, "dualStack", dualStack);
        flag(fields, "privateCluster", state.privateCluster());
        flag(fields, "apiServerVnetIntegration", state.apiServerVnetIntegration());
        flag(fields, "virtualNodes", virtualNodes);
        flag(fields, "applicationGatewayIngress", agic);
        flag(fields, "nodeAutoProvisioning", nap);
        if (!pools.vnetCidrs.isEmpty()) {
            ArrayNode cidrs = NODES.arrayNode();
            pools.vnetCidrs.forEach(cidrs::add);
            fields.add(field("vnetCidr", cidrs));
        }
        if ("byo-cni".equals(option)) {
            assumptions.add(new Assumption("customCni", null, "the CNI the cluster runs is not in its settings: "
                    + "set customCni to keep it, else the advice looks for an AKS-managed plugin that will do"));
        }
        if (pools.unresolvedSubnets > 0) {
            assumptions.add(new Assumption("nodeSubnetCidr", null, pools.unresolvedSubnets + " pool subnet"
                    + (pools.unresolvedSubnets == 1 ? "" : "s") + " known only by id: give the VNets with --vnets "
                    + "(az network vnet list -o json) to check their address space"));
        }
        return new Imported(state, item.file(), item.line(), fields, assumptions, pools.counts, pools.osSkus,
                ipv6(AzureJson.get(network, "podCidrs")), ipv6(AzureJson.get(network, "serviceCidrs")));
    }

    /** The option id the plugin, its mode and pod subnets make; null for a plugin AKS does not report. */
    static String option(String plugin, String mode, boolean podSubnets) {
        return switch (plugin.toLowerCase(Locale.ROOT)) {
            case "kubenet" -> "kubenet";
            case "none" -> "byo-cni";
            case "azure" -> "overlay".equalsIgnoreCase(mode) ? "azure-cni-overlay"
                    : podSubnets ? "azure-cni-pod-subnet" : "azure-cni-node-subnet";
            default -> null;
        };
    }

    private static String dataplane(String option, JsonNode network) {
        if ("byo-cni".equals(option)) {
            return "none";
        }
        String plane = AzureJson.text(network, "networkDataplane");
        if (plane == null) {
            plane = AzureJson.text(network, "ebpfDataplane"); // the preview's name for it
        }
        return plane == null ? "azure" : plane.toLowerCase(Locale.ROOT);
    }

    /** The engine installed: azure, calico, cilium, or none (absent, "none" or an empty string alike). */
    private static String policy(JsonNode network) {
        String policy = AzureJson.text(network, "networkPolicy");
        return policy == null ? "none" : policy.toLowerCase(Locale.ROOT);
    }

    /**
     * The networkPolicy of the request: the engine installed, as a requirement. An engine retired for the pools the
     * cluster runs (Azure NPM on Windows) asks for any engine that runs on them instead: that one cannot stay.
     */
    private String requestedPolicy(String installed, Pools pools, List<Assumption> assumptions) {
        if ("none".equals(installed)) {
            assumptions.add(new Assumption("networkPolicy", "none", "no policy engine is installed, so policies "
                    + "are taken as not needed; set networkPolicy (any, calico, cilium) if they are"));
            return "none";
        }
        for (Retirement retirement : knowledge.retirements()) {
            boolean applies = ("policy:" + installed).equals(retirement.subject())
                    && ("linux".equals(retirement.appliesTo()) || retirement.appliesTo() == null
                    || "windows".equals(retirement.appliesTo()) && pools.windows);
            if (applies) {
                // a retired engine cannot stay, and a retiring one should not be reinstalled by a migration
                assumptions.add(new Assumption("networkPolicy", "any", installed + " policy is unsupported on "
                        + "this cluster's pools " + (asOf.isBefore(retirement.date()) ? "from " : "since ")
                        + retirement.date() + ", so policies are taken as needed and any engine that runs on the "
                        + "pools is asked for; set networkPolicy to choose one"));
                return "any";
            }
        }
        assumptions.add(new Assumption("networkPolicy", installed, "the engine installed; policies beyond what it "
                + "enforces are taken as not needed (set networkPolicy or advancedPolicy if they are)"));
        return installed;
    }

    private static boolean usesPodCidr(String option) {
        return !"azure-cni-node-subnet".equals(option) && !"azure-cni-pod-subnet".equals(option);
    }

    /** The IPv4 range: the single-stack key, else the IPv4 entry of the dual-stack list. */
    private static String ipv4(String single, JsonNode list) {
        if (single != null && single.contains(".")) {
            return single;
        }
        for (JsonNode entry : list) {
            if (entry.isTextual() && entry.textValue().contains(".")) {
                return entry.textValue().strip();
            }
        }
        return null;
    }

    /** The IPv6 entry of a dual-stack list, or null: the request plans IPv4, the assessment shows both. */
    private static String ipv6(JsonNode list) {
        for (JsonNode entry : list) {
            if (entry.isTextual() && entry.textValue().contains(":")) {
                return entry.textValue().strip();
            }
        }
        return null;
    }

    /** 26 for "1.26.3", -1 when it cannot be read. */
    static int minor(String version) {
        if (version == null) {
            return -1;
        }
        String[] parts = version.strip().replaceFirst("^[vV]", "").split("\\.");
        if (parts.length < 2) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Field field(String key, JsonNode value) {
        return new Field(key, value, 0);
    }

    private static void text(List<Field> fields, String key, String value) {
        if (value != null) {
            fields.add(field(key, NODES.textNode(value)));
        }
    }

    private static void flag(List<Field> fields, String key, boolean value) {
        if (value) {
            fields.add(field(key, NODES.booleanNode(true)));
        }
    }

    /** The pools as the binder reads them, and what they say about the cluster. */
    private static final class Pools {
        ArrayNode json = NODES.arrayNode();
        boolean windows;
        boolean podSubnets;
        String podIpAllocationMode;
        Set<String> vnetCidrs = new LinkedHashSet<>();
        int unresolvedSubnets;
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> osSkus = new LinkedHashMap<>();
    }

    /**
     * Each agent pool with only the keys the request contract reads, in the AKS spelling the binder accepts (so an
     * API that grows new pool fields never makes a pool unreadable): name, mode, osType, osSKU, count or the
     * autoscaler's minCount and maxCount, maxPods, upgradeSettings.maxSurge, vnetSubnetID and podSubnetID, and the
     * subnets' prefixes when --vnets resolves them.
     */
    private Pools pools(JsonNode profiles, JsonNode settings, List<Assumption> assumptions) {
        Pools pools = new Pools();
        int minor = minor(AzureJson.text(settings, "currentKubernetesVersion") != null
                ? AzureJson.text(settings, "currentKubernetesVersion") : AzureJson.text(settings, "kubernetesVersion"));
        if (!profiles.isArray()) {
            return pools;
        }
        for (JsonNode profile : profiles) {
            ObjectNode pool = NODES.objectNode();
            String name = AzureJson.text(profile, "name");
            pool.put("name", name);
            String mode = AzureJson.text(profile, "mode");
            if ("system".equalsIgnoreCase(mode) || "user".equalsIgnoreCase(mode)) {
                pool.put("mode", mode.toLowerCase(Locale.ROOT));
            }
            String os = AzureJson.text(profile, "osType");
            boolean windows = "windows".equalsIgnoreCase(os);
            pools.windows |= windows;
            if (os != null) {
                pool.put("osType", os);
            }
            String osSku = AzureJson.text(profile, "osSKU");
            if (windows && osSku == null) {
                // a Windows pool without an osSKU runs AKS's default: 2019 before Kubernetes 1.25, 2022 from it
                boolean old = minor >= 0 && minor < 25;
                osSku = old ? "Windows2019" : "Windows2022";
                assumptions.add(new Assumption("nodePools[" + (pools.json.size()) + "].windowsServerVersion",
                        old ? "2019" : "2022", "a Windows pool without osSKU on Kubernetes "
                        + (minor >= 0 ? "1." + minor : "of an unknown version") + " runs AKS's default, Windows "
                        + "Server " + (old ? "2019" : "2022") + " (2019 before 1.25, 2022 from it); set "
                        + "windowsServerVersion if the pool runs another"));
            }
            if (osSku != null) {
                pool.put("osSKU", osSku);
                pools.osSkus.put(name, osSku);
            }
            JsonNode count = AzureJson.get(profile, "count");
            boolean autoscaling = AzureJson.flag(profile, "enableAutoScaling");
            JsonNode max = AzureJson.get(profile, "maxCount");
            if (count.isIntegralNumber()) {
                pools.counts.put(name, count.intValue());
            }
            if (autoscaling && max.isIntegralNumber()) {
                pool.set("maxCount", max);
                JsonNode min = AzureJson.get(profile, "minCount");
                if (min.isIntegralNumber()) {
                    pool.set("minCount", min);
                }
            } else if (count.isIntegralNumber()) {
                if (count.intValue() < 1) {
                    pool.put("count", 1);
                    assumptions.add(new Assumption("nodePools[" + pools.json.size() + "].maxCount", 1, "pool '"
                            + name + "' is at 0 nodes; planned for 1"));
                } else {
                    pool.set("count", count);
                }
            } else if (!count.isMissingNode()) {
                pool.set("count", count); // the binder says what is wrong with it
            }
            copy(profile, pool, "maxPods");
            String surge = AzureJson.text(profile, "upgradeSettings", "maxSurge");
            if (surge != null) {
                pool.putObject("upgradeSettings").put("maxSurge", surge);
            }
            String nodeSubnet = AzureJson.text(profile, "vnetSubnetID");
            String podSubnet = AzureJson.text(profile, "podSubnetID");
            if (nodeSubnet != null) {
                pool.put("vnetSubnetID", nodeSubnet);
                resolve(pools, pool, nodeSubnet, "nodeSubnetCidr");
            }
            if (podSubnet != null) {
                pools.podSubnets = true;
                pool.put("podSubnetID", podSubnet);
                resolve(pools, pool, podSubnet, "podSubnetCidr");
            }
            String allocation = AzureJson.text(profile, "podIPAllocationMode");
            if (allocation != null && pools.podIpAllocationMode == null) {
                pools.podIpAllocationMode = allocation;
            }
            pools.json.add(pool);
        }
        return pools;
    }

    private void resolve(Pools pools, ObjectNode pool, String subnetId, String key) {
        var subnet = vnets.subnet(subnetId);
        if (subnet.isPresent() && subnet.get().prefix() != null) {
            pool.put(key, subnet.get().prefix());
            pools.vnetCidrs.addAll(vnets.addressSpaces(subnet.get().vnetId() != null ? subnet.get().vnetId()
                    : VirtualNetworks.vnetIdOf(subnetId)));
        } else {
            pools.unresolvedSubnets++;
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String key) {
        JsonNode value = AzureJson.get(from, key);
        if (!value.isMissingNode()) {
            to.set(key, value);
        }
    }
}
