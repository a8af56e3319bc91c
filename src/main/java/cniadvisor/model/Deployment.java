package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How to deploy a recommendation, as data: the subnets to create, the node pools, the cluster settings the request
 * asks for, and the az CLI steps that do it (command, flags, values). The engine decides it; the writers turn it into
 * bash, Terraform or Bicep ({@code cniadvisor.deploy}). Nothing here is text for a shell or a template: values are
 * what the flags take, and which of them are the caller's own (the resource group, the virtual network) says
 * {@link Arg#kind}.
 *
 * @param cluster        the cluster's name as the commands give it (letters, digits, '-' and '_')
 * @param subnets        the subnets to create, in the order the steps create them
 * @param pools          the node pools: the first is the one {@code az aks create} makes (the first system pool)
 * @param privateCluster whether the API server has a private endpoint only
 * @param outboundType   the AKS outbound type, or null for AKS's default
 * @param nodeAutoProvisioning whether AKS provisions nodes itself (node auto-provisioning, Karpenter)
 * @param steps          the az CLI steps, in order
 */
@JsonPropertyOrder({"cluster", "subnets", "pools", "privateCluster", "outboundType", "nodeAutoProvisioning", "steps"})
public record Deployment(String cluster, List<Subnet> subnets, List<Pool> pools, boolean privateCluster,
                         String outboundType, boolean nodeAutoProvisioning, List<Step> steps) {

    /** Shell variables the steps read: the caller sets them. */
    public static final String RESOURCE_GROUP = "RESOURCE_GROUP";
    public static final String VNET_NAME = "VNET_NAME";

    public Deployment {
        subnets = List.copyOf(subnets);
        pools = List.copyOf(pools);
        steps = List.copyOf(steps);
    }

    /** The subnet of a role (api-server-subnet, aci-subnet, ...), when the deployment creates one. */
    public java.util.Optional<Subnet> subnet(String role) {
        return subnets.stream().filter(s -> s.role().equals(role)).findFirst();
    }

    /** The subnet with a name, when the deployment creates it. */
    public java.util.Optional<Subnet> subnetNamed(String name) {
        return subnets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The same deployment for a cluster of another name: the cluster name is the only value that names it. */
    public Deployment renamed(String newCluster) {
        UnaryOperator<Arg> rename = a -> Arg.CLUSTER.equals(a.kind()) ? new Arg(a.flag(), newCluster, a.kind()) : a;
        return new Deployment(newCluster, subnets, pools, privateCluster, outboundType, nodeAutoProvisioning,
                steps.stream().map(s -> new Step(s.command(), s.args().stream().map(rename).toList(), s.comment(),
                        s.assign())).toList());
    }

    /**
     * A subnet to create in the cluster's virtual network.
     *
     * @param role       node-subnet, pod-subnet, api-server-subnet, agc-subnet, appgw-subnet or aci-subnet
     * @param name       its name in the virtual network (letters, digits and '-')
     * @param cidr       its address prefix: the value given (even when rejected), else the plan's
     * @param origin     given, default, proposed or rejected, as the address plan says
     * @param delegation the service it is delegated to, or null
     * @param pools      the node pools that take it (node and pod subnets), in pool order
     * @param remark     why a rejected given prefix stays and what the plan proposes instead; null otherwise
     * @param variable   the shell variable the az steps keep its resource id in
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "name", "cidr", "origin", "delegation", "pools", "remark", "variable"})
    public record Subnet(String role, String name, String cidr, String origin, String delegation, List<String> pools,
                         String remark, String variable) {
        public Subnet {
            pools = pools == null ? List.of() : List.copyOf(pools);
        }
    }

    /**
     * A node pool as AKS takes it. A subnet is one the deployment creates (by name: {@code nodeSubnet},
     * {@code podSubnet}), or one the request named by resource id ({@code nodeSubnetId}, {@code podSubnetId}), or
     * none (null): AKS's own virtual network, or no pod subnet.
     *
     * @param declared whether the request listed the pool (false: the one pool of the flat keys, whose settings the
     *                 cluster-wide flags carry)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "mode", "osType", "osSku", "minCount", "maxCount", "maxPods", "maxSurge",
            "nodeSubnet", "nodeSubnetId", "podSubnet", "podSubnetId", "declared"})
    public record Pool(String name, String mode, String osType, String osSku, Integer minCount, int maxCount,
                       int maxPods, String maxSurge, String nodeSubnet, String nodeSubnetId, String podSubnet,
                       String podSubnetId, boolean declared) {

        public static final String LINUX = "Linux";
        public static final String WINDOWS = "Windows";

        @JsonIgnore
        public boolean windows() {
            return WINDOWS.equals(osType);
        }

        /** Whether the autoscaler runs it: a minimum below its maximum. */
        @JsonIgnore
        public boolean autoscaled() {
            return minCount != null && minCount < maxCount;
        }
    }

    /**
     * One az CLI command: {@code command} ("az aks create"), its arguments in order, a one-line comment to show
     * before it (or null), and the shell variable that keeps the id the command prints (or null).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"command", "args", "comment", "assign"})
    public record Step(String command, List<Arg> args, String comment, String assign) {
        public Step {
            args = List.copyOf(args);
        }

        /** The value of a flag, when the step has it. */
        public java.util.Optional<String> value(String flag) {
            return args.stream().filter(a -> a.flag().equals(flag)).map(Arg::value).findFirst();
        }
    }

    /**
     * One flag and its value. {@code kind} says what the value is: {@link #VALUE} a value as AKS takes it,
     * {@link #VARIABLE} the name of a shell variable the caller sets or an earlier step assigned, {@link #CLUSTER}
     * the cluster's name, {@link #ID} a resource id the request gave (free text: quote it), {@link #SWITCH} a flag
     * without a value (value null).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"flag", "value", "kind"})
    public record Arg(String flag, String value, String kind) {
        public static final String VALUE = "value";
        public static final String VARIABLE = "variable";
        public static final String CLUSTER = "cluster";
        public static final String ID = "id";
        public static final String SWITCH = "switch";

        public static Arg value(String flag, String value) {
            return new Arg(flag, value, VALUE);
        }

        public static Arg variable(String flag, String variable) {
            return new Arg(flag, variable, VARIABLE);
        }

        public static Arg on(String flag) {
            return new Arg(flag, null, SWITCH);
        }
    }
}
