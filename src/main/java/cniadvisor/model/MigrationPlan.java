package cniadvisor.model;

import java.util.List;

/**
 * How an existing cluster gets to its target: {@code inPlace} is false when the target needs a new cluster;
 * {@code blockers} are what must be cleared first (each reason names what clears it, with its rule and sources);
 * {@code steps} the commands in order, as structured steps (see {@link Deployment.Step}), each with a title and
 * the sources it follows. Empty steps and blockers: the cluster stays as it is.
 */
public record MigrationPlan(String from, String to, boolean inPlace, List<Reason> blockers,
                            List<RunbookStep> steps) {

    public MigrationPlan {
        blockers = List.copyOf(blockers);
        steps = List.copyOf(steps);
    }

    /** One step of the runbook: what it does, the command (null for a manual step) and the sources it follows. */
    public record RunbookStep(String title, Deployment.Step command, List<String> sources) {
        public RunbookStep {
            sources = List.copyOf(sources);
        }
    }
}
