package cniadvisor.model;

import java.util.List;

/**
 * How an existing cluster gets to its target: {@code inPlace} is false when the target needs a new cluster;
 * {@code blockers} are what must be cleared first (each reason names what clears it, with its rule and sources);
 * {@code steps} the commands in order, as structured steps (see {@link Deployment.Step}), each with a title and
 * the sources it follows; {@code variables} the shell variables the steps read whose values the data gives (the
 * cluster's resource group and name), so the runbook pastes as it is; {@code terraform} what the same steps change
 * in an azurerm_kubernetes_cluster resource, and whether the provider updates or replaces the cluster for each.
 * Empty steps and blockers: the cluster stays as it is.
 */
public record MigrationPlan(String from, String to, boolean inPlace, List<Reason> blockers,
                            List<RunbookStep> steps, List<Variable> variables, List<TerraformStep> terraform) {

    public MigrationPlan {
        blockers = List.copyOf(blockers);
        steps = List.copyOf(steps);
        variables = List.copyOf(variables);
        terraform = List.copyOf(terraform);
    }

    /**
     * One attribute of azurerm_kubernetes_cluster the runbook changes, from and to (null: not set), with the runbook
     * step (1-based) whose change it mirrors, so each is applied with its step and in its order, and how the provider
     * applies it: {@code inPlace} true (updates), false (replaces the cluster) or null (no source says).
     */
    public record TerraformStep(int step, String attribute, String from, String to, Boolean inPlace, String note,
                                List<String> sources) {
        public TerraformStep {
            sources = List.copyOf(sources);
        }
    }

    /** A shell variable the steps read, and its value. */
    public record Variable(String name, String value) {
    }

    /** One step of the runbook: what it does, the command (null for a manual step) and the sources it follows. */
    public record RunbookStep(String title, Deployment.Step command, List<String> sources) {
        public RunbookStep {
            sources = List.copyOf(sources);
        }
    }
}
