package cniadvisor.interview;

import static cniadvisor.interview.Kind.ADDRESS;
import static cniadvisor.interview.Kind.CHOICE;
import static cniadvisor.interview.Kind.CIDR;
import static cniadvisor.interview.Kind.CIDR_LIST;
import static cniadvisor.interview.Kind.NUMBER;
import static cniadvisor.interview.Kind.SURGE;
import static cniadvisor.interview.Kind.TEXT;
import static cniadvisor.interview.Kind.YES_NO;
import static cniadvisor.interview.Question.contract;
import static cniadvisor.interview.Question.of;

import cniadvisor.io.RequestBinder;
import cniadvisor.model.Request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The questionnaire: every request key, in the order a person thinks about a cluster, with two gates that skip
 * the rarely needed features and the address ranges in the common case. Explanations say what a question is for;
 * what the platform does with the answer comes from the rules' own metadata ({@code ?} help), so it stays true
 * when the rules change.
 */
public final class Questions {

    /** Gate: any of the rarely needed features? */
    static final String SPECIAL_FEATURES = "specialFeatures";
    /** Gate: does the user know the address ranges? */
    static final String KNOWS_ADDRESSES = "knowsAddressRanges";
    static final String DEFAULT_NAME = "my-cluster";

    private Questions() {
    }

    /** The questions in the order they are asked. */
    public static final List<Question> ALL = List.of(
            contract("name", TEXT, "Name",
                    "What should the report call this cluster?",
                    "Only used as the title of the report.")
                    .defaultsTo(DEFAULT_NAME),
            contract("nodeCount", NUMBER, "Nodes (at most)",
                    "How many nodes may the cluster reach at most?",
                    "All node pools at their autoscaler maximum; scale limits and address space are checked against it.")
                    .mandatory()
                    .feeds("SCALE-MAX-NODES", "SCALE-CLUSTER-MAX-NODES", "IP-NODE-SUBNET-CAPACITY",
                            "IP-POD-CIDR-CAPACITY", "IP-DEFAULT-POD-CIDR-TOO-SMALL"),
            contract("maxSurge", SURGE, "Upgrade max surge",
                    "How many extra nodes may an upgrade add at once (max surge: a count, or a percentage of the nodes)?",
                    "Surge nodes need addresses too, on top of the node count; Enter keeps AKS's default.")
                    .noneMeans("AKS's default")
                    .feeds("IP-NODE-SUBNET-CAPACITY", "IP-POD-CIDR-CAPACITY", "IP-DEFAULT-POD-CIDR-TOO-SMALL",
                            "IP-DEFAULT-MAX-SURGE", "SCALE-MAX-NODES"),
            contract("maxPodsPerNode", NUMBER, "Pods per node",
                    "How many pods may run on one node?",
                    "Decides how many addresses each node takes; Enter keeps each option's own default.")
                    .noneMeans("each option's default")
                    .feeds("IP-NODE-SUBNET-CAPACITY", "IP-POD-CIDR-CAPACITY", "SCALE-WINDOWS-MAX-PODS"),
            contract("windowsNodePools", YES_NO, "Windows node pools",
                    "Will the cluster have Windows Server node pools?",
                    "Not every plugin, data plane and policy engine runs Windows nodes.")
                    .feeds("ELIG-WINDOWS", "POL-WINDOWS-VERSION", "LIFE-RETIRED-POLICY-ENGINE",
                            "SCALE-WINDOWS-MAX-PODS"),
            contract("windowsServerVersion", CHOICE, "Windows Server version",
                    "Which Windows Server version do the Windows pools run?",
                    "Policy engine support and retirement dates differ by version.")
                    .choosing(Request.WINDOWS_VERSIONS.stream()
                            .map(version -> Choice.of(version, "Windows Server " + version)).toList())
                    .defaultsTo(RequestBinder.WINDOWS_DEFAULT_VERSION)
                    .when(answers -> answers.yes("windowsNodePools"))
                    .feeds("LIFE-WINDOWS-RETIRED", "LIFE-WINDOWS-RETIRING", "POL-WINDOWS-VERSION",
                            "POL-WINDOWS-VERSION-PARTIAL", "LIFE-RETIRED-POLICY-ENGINE"),
            contract("networkPolicy", CHOICE, "Network policies",
                    "Do you need Kubernetes network policies, and from which engine?",
                    "Policies limit which pods may talk to which; the engine must run on every node pool.")
                    .choosing(choices(Request.NETWORK_POLICIES, Map.of(
                            "none", "no network policies",
                            "any", "policies needed; any engine will do",
                            "azure", "Azure Network Policy Manager",
                            "calico", "Calico",
                            "cilium", "Cilium")))
                    .feeds("POL-REQUIRED", "POL-NONE-REQUESTED", "POL-ENGINE-REQUESTED",
                            "POL-CILIUM-NEEDS-CILIUM-DATAPLANE", "POL-ANY-PREFERS-CILIUM", "POL-NPM-RETIRING"),
            contract("advancedPolicy", YES_NO, "FQDN or L7 policies",
                    "Do the policies need to filter by domain name (FQDN) or HTTP request (layer 7)?",
                    "Only some policy engines go beyond IP addresses and ports.")
                    .when(answers -> !"none".equals(answers.value("networkPolicy")))
                    .feeds("POL-ADVANCED", "POL-ADVANCED-NEEDS-ACNS"),
            contract("trafficPattern", CHOICE, "Traffic pattern",
                    "Where does most pod traffic go?",
                    "Tilts the choice between overlay and flat pod networking.")
                    .choosing(choices(Request.TRAFFIC_PATTERNS, Map.of(
                            "intra-cluster", "mostly between pods of the cluster",
                            "external", "mostly to and from things outside the cluster",
                            "mixed", "both, or not sure")))
                    .feeds("PREF-TRAFFIC-INTRA-CLUSTER", "PREF-TRAFFIC-EXTERNAL"),
            contract("directPodAccess", YES_NO, "Direct pod access",
                    "Must anything outside the cluster open connections straight to pod IPs?",
                    "For example on-premises clients or VMs that bypass Services and load balancers.")
                    .feeds("ELIG-DIRECT-POD-ACCESS"),
            contract("podSourceIpVisible", YES_NO, "Pod IP visible as source",
                    "Must destinations outside the cluster see each pod's own IP as the source?",
                    "For example firewalls or partners that allow-list pod IPs rather than node IPs.")
                    .feeds("ELIG-POD-SOURCE-IP", "PREF-POD-SOURCE-IP-PARTIAL"),
            of(SPECIAL_FEATURES, YES_NO, "Special features",
                    "Any of: virtual nodes, dual-stack IPv6, Application Gateway, several clusters in one subnet, "
                            + "node auto-provisioning, a CNI you run yourself?",
                    "Answer n to skip the questions about them (all no).")
                    .defaultsTo(false)
                    .feeds("ELIG-VIRTUAL-NODES", "ELIG-DUAL-STACK", "ELIG-APP-GATEWAY-FOR-CONTAINERS",
                            "ELIG-APP-GATEWAY-INGRESS", "ELIG-SHARED-SUBNET", "ELIG-NODE-AUTO-PROVISIONING",
                            "ELIG-CUSTOM-CNI"),
            special(contract("virtualNodes", YES_NO, "Virtual nodes",
                    "Will the cluster use virtual nodes (pods on Azure Container Instances)?",
                    "Virtual nodes add burst capacity without VMs.")
                    .feeds("ELIG-VIRTUAL-NODES", "ELIG-CONFLICT-ERROR", "ELIG-CONFLICT-WARNING")),
            special(contract("dualStack", YES_NO, "Dual-stack",
                    "Do pods and services need IPv6 as well as IPv4 (dual-stack)?",
                    "Only some options give pods both address families.")
                    .feeds("ELIG-DUAL-STACK", "ELIG-CONFLICT-ERROR")),
            special(contract("appGatewayForContainers", YES_NO, "App Gateway for Containers",
                    "Will you use Application Gateway for Containers?",
                    "The Gateway API load balancer that sends traffic straight to pods.")
                    .feeds("ELIG-APP-GATEWAY-FOR-CONTAINERS", "PREF-APP-GATEWAY-FOR-CONTAINERS-PARTIAL")),
            special(contract("applicationGatewayIngress", YES_NO, "App Gateway Ingress Controller",
                    "Will you use the Application Gateway Ingress Controller (AGIC)?",
                    "The add-on that configures an Application Gateway from Ingress resources.")
                    .feeds("ELIG-APP-GATEWAY-INGRESS")),
            special(contract("sharedSubnet", YES_NO, "Shared node subnet",
                    "Will several clusters share one node subnet?",
                    "Some options need a subnet (and route table) per cluster.")
                    .feeds("ELIG-SHARED-SUBNET")),
            special(contract("nodeAutoProvisioning", YES_NO, "Node auto-provisioning",
                    "Will you use node auto-provisioning (Karpenter)?",
                    "AKS then picks VM sizes and creates nodes as pods need them.")
                    .feeds("ELIG-NODE-AUTO-PROVISIONING", "ELIG-CONFLICT-ERROR")),
            special(contract("customCni", TEXT, "Your own CNI",
                    "Which CNI must your team run itself, if any (e.g. cilium-oss)?",
                    "Name it only if no AKS-managed plugin will do; Enter for none.")
                    .noneMeans("none")
                    .feeds("ELIG-CUSTOM-CNI", "ELIG-BYO-NEEDS-CUSTOM-CNI", "PREF-BYO-SUPPORT")),
            contract("currentPlugin", CHOICE, "Current plugin",
                    "Is this a new cluster, or which network plugin does it run today?",
                    "An existing cluster is judged on its migration path and any retirement deadline.")
                    .choosing(currentPlugins())
                    .feeds("LIFE-RETIRING-PLUGIN-NEW-CLUSTER", "LIFE-RETIRING-PLUGIN-MIGRATE",
                            "LIFE-RETIRED-PLUGIN-IN-USE", "LIFE-MIGRATION-PATH", "LIFE-REBUILD-NEEDED"),
            of(KNOWS_ADDRESSES, YES_NO, "Address ranges known",
                    "Do you know the address ranges (node subnet, pod CIDR, service CIDR, connected networks)?",
                    "Answer y to have them checked and used; n skips them.")
                    .defaultsTo(false)
                    .feeds("IP-NODE-SUBNET-CAPACITY", "IP-POD-CIDR-CAPACITY"),
            addresses(contract("nodeSubnetCidr", CIDR, "Node subnet",
                    "Which subnet will the nodes use?",
                    "The virtual network subnet the nodes (and, with flat networking, the pods) take addresses from.")
                    .noneMeans("not known")
                    .feeds("IP-NODE-SUBNET-CAPACITY", "IP-RANGES-OVERLAP", "IP-RESERVED-RANGE")),
            addresses(contract("podCidr", CIDR, "Pod CIDR",
                    "Which pod CIDR should pods use (overlay and kubenet)?",
                    "The private range pods take addresses from when they are not in the virtual network.")
                    .noneMeans("not known")
                    .feeds("IP-POD-CIDR-CAPACITY", "IP-DEFAULT-POD-CIDR-TOO-SMALL", "IP-RANGES-OVERLAP",
                            "IP-RESERVED-RANGE", "IP-POD-CIDR-UNSUPPORTED-RANGE", "IP-ONE-WAY-POD-CIDR")),
            addresses(contract("serviceCidr", CIDR, "Service CIDR",
                    "Which service CIDR should Kubernetes Services use?",
                    "Service IPs exist only inside the cluster; Enter keeps the AKS default.")
                    .noneMeans("AKS default")
                    .feeds("IP-SERVICE-CIDR-TOO-LARGE", "IP-RANGES-OVERLAP", "IP-DEFAULT-RANGE-CONFLICT",
                            "IP-ONE-WAY-SERVICE-CIDR")
                    .helping("Goes into the suggested az aks create command as --service-cidr.")),
            addresses(contract("dnsServiceIp", ADDRESS, "DNS service IP",
                    "Which address should the cluster DNS service have?",
                    "It must lie inside the service CIDR; Enter keeps the AKS default.")
                    .noneMeans("AKS default")
                    .feeds("IP-DNS-OUTSIDE-SERVICE-CIDR", "IP-DNS-FIRST-ADDRESS")
                    .helping("Goes into the suggested az aks create command as --dns-service-ip.")),
            addresses(contract("connectedNetworks", CIDR_LIST, "Connected networks",
                    "Which networks does the cluster connect to (peered VNets, on-premises)?",
                    "Their ranges must not overlap the cluster's; e.g. 10.0.0.0/16, 192.168.0.0/20.")
                    .noneMeans("none")
                    .feeds("IP-RANGES-OVERLAP", "IP-DEFAULT-RANGE-CONFLICT")));

    private static Question special(Question question) {
        return question.when(answers -> answers.yes(SPECIAL_FEATURES));
    }

    private static Question addresses(Question question) {
        return question.when(answers -> answers.yes(KNOWS_ADDRESSES));
    }

    /** Choices in the contract's order; a value without a description still gets offered. */
    private static List<Choice> choices(List<String> values, Map<String, String> descriptions) {
        return values.stream().map(v -> Choice.of(v, descriptions.getOrDefault(v, ""))).toList();
    }

    private static List<Choice> currentPlugins() {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("new", null, "a new cluster"));
        choices.addAll(choices(RequestBinder.CURRENT_PLUGINS, Map.of(
                "azure-cni-overlay", "Azure CNI Overlay",
                "azure-cni-pod-subnet", "Azure CNI Pod Subnet",
                "azure-cni-node-subnet", "Azure CNI Node Subnet",
                "kubenet", "kubenet",
                "byo-cni", "bring your own CNI")));
        return List.copyOf(choices);
    }
}
