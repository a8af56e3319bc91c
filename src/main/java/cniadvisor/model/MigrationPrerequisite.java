package cniadvisor.model;

import java.util.List;

/**
 * One thing the docs say an existing cluster's migration needs or breaks (facts/lifecycle.yaml
 * {@code migrationPrerequisites:}); the rules in rules/migration.drl decide when it applies to a cluster.
 * {@code step} is the runbook step it concerns, {@code clearedBy} the step the runbook adds before it to clear it
 * (null: nothing in the runbook clears it, so a blocker leaves the step out), {@code kubernetesMinor} a Kubernetes
 * minimum (1.NN), and {@code note} what the docs say, for reason texts.
 */
public record MigrationPrerequisite(String id, String step, String clearedBy, Integer kubernetesMinor, String note,
                                   List<String> sources) implements Cited {

    /** The in-place Overlay update (IPAM mode), from kubenet or Azure CNI Node Subnet. */
    public static final String OVERLAY = "overlay";
    /** The Cilium data plane update, a separate later operation. */
    public static final String DATAPLANE = "dataplane";
    /** Installing the target's policy engine after the plugin change. */
    public static final String POLICY = "policy";
    /** Steps the runbook adds to clear a prerequisite. */
    public static final String KUBERNETES_UPGRADE = "kubernetes-upgrade";
    public static final String ASSIGN_IDENTITY = "assign-identity";
    public static final String REMOVE_POLICY = "remove-policy";
    public static final String NAP_OFF = "nap-off";
    /** No in-place path: a new cluster, and the workloads moved to it. */
    public static final String REBUILD = "rebuild";

    /** Steps a prerequisite can concern. */
    public static final List<String> STEPS = List.of(OVERLAY, DATAPLANE, POLICY);
    /** Steps that clear a prerequisite. */
    public static final List<String> CLEARING_STEPS = List.of(KUBERNETES_UPGRADE, ASSIGN_IDENTITY, REMOVE_POLICY,
            NAP_OFF, REBUILD);

    /** "1.27", for reason texts; null when the entry has no Kubernetes minimum. */
    public String kubernetesVersion() {
        return kubernetesMinor == null ? null : "1." + kubernetesMinor;
    }
}
