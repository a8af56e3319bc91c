package cniadvisor.model;

/**
 * Where an existing cluster's migration goes: the configuration the advice recommends (option, data plane, policy
 * engine) and the pod CIDR its address plan checked for that option (null when the option has none, or the plan
 * found no free range). Inserted with a {@link ClusterState} only when a migration is planned.
 */
public record MigrationTarget(String option, String dataplane, String networkPolicy, String podCidr) {
}
