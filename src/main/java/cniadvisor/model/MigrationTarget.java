package cniadvisor.model;

/**
 * Where an existing cluster's migration goes: the configuration the advice recommends (option, data plane, policy
 * engine), the pod CIDR its address plan checked for that option (null when the option has none, or the plan
 * found no free range), and how reason texts name the request's Windows node pools ("node pool 'win'
 * (nodePools[1])"; empty when it lists none). Inserted with a {@link ClusterState} only when a migration is
 * planned.
 */
public record MigrationTarget(String option, String dataplane, String networkPolicy, String podCidr,
                              java.util.List<String> windowsPools) {

    public MigrationTarget {
        windowsPools = windowsPools == null ? java.util.List.of() : java.util.List.copyOf(windowsPools);
    }

    /** The Windows pools for a text, or the cluster's when the request names none. */
    public String windowsPoolNames() {
        return windowsPools.isEmpty() ? "this cluster has Windows node pools" : String.join(", ", windowsPools);
    }
}
