package cniadvisor.engine;

import cniadvisor.ipplan.AddressPlanner;
import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.Context;
import cniadvisor.model.Deployment;
import cniadvisor.model.Deployment.Arg;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.MigrationPlan.RunbookStep;
import cniadvisor.model.MigrationPrerequisite;
import cniadvisor.model.MigrationTarget;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;
import cniadvisor.model.Request;
import cniadvisor.model.Source;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an existing cluster gets to the configuration the advice recommends for it. The migration rules
 * (rules/migration.drl, compiled with the other rules) run in a session of their own over the knowledge, the
 * {@link ClusterState} the cluster reports and the {@link MigrationTarget} taken from the advice (and the request's
 * Windows pools); they record blockers, warnings and manual checks, each for a runbook step. The planner turns those
 * into the runbook, in the order the docs require: a Kubernetes upgrade when the cluster is below the Overlay
 * minimum, the policy engine removed, the in-place Overlay update with the pod CIDR the advice's address plan
 * checked, then the Cilium data plane as a separate operation, then the policy engine of the target. A step whose
 * blocker nothing in the runbook clears is left out, and the blocker says what clears it. A target with no in-place
 * path is a new cluster (the advice's deployment) and the workloads moved to it.
 *
 * <p>Thread-safe, like {@link Advisor}: every plan runs in its own session.
 */
public final class MigrationPlanner {

    /** The shell variables the runbook's commands read, besides {@link Deployment#RESOURCE_GROUP}. */
    public static final String CLUSTER_NAME = "CLUSTER_NAME";
    public static final String KUBERNETES_VERSION = "KUBERNETES_VERSION";
    public static final String POD_CIDR = "POD_CIDR";
    public static final String IDENTITY_ID = "IDENTITY_ID";

    private static final String NONE = "none";
    private static final String CILIUM = "cilium";

    private final Advisor advisor;

    public MigrationPlanner(Advisor advisor) {
        this.advisor = advisor;
    }

    /** The plan for {@code current} to reach {@code advice}'s recommendation; the advice is for {@code request}. */
    public MigrationPlan plan(ClusterState current, Request request, Advice advice, LocalDate asOf) {
        return plan(current, request, advice, asOf, null);
    }

    /** The same, with {@code listener} (may be null) seeing every rule firing (rules test, --explain). */
    public MigrationPlan plan(ClusterState current, Request request, Advice advice, LocalDate asOf,
                              AgendaEventListener listener) {
        return plan(current, request, advice, (target, verdict) -> fire(current, target, asOf, verdict, listener));
    }

    /**
     * A planner for one thread that keeps its rule session between clusters: the knowledge facts and the date are
     * inserted once, and only a cluster's {@link ClusterState} and {@link MigrationTarget} come and go (every
     * migration rule matches both). Should a rule change the session's facts itself, or record a migration finding
     * without a cluster, the session falls back to a fresh one per cluster, which is what {@link #plan} does.
     * Not thread-safe; close it when done.
     */
    public Session newSession(LocalDate asOf) {
        return new Session(asOf);
    }

    public final class Session implements AutoCloseable {

        private final LocalDate asOf;
        private KieSession session;
        private boolean fresh;
        /** Set while this class inserts or deletes a cluster's facts: the only changes a plan may make. */
        private boolean ours;
        private boolean changedByRules;

        private Session(LocalDate asOf) {
            this.asOf = asOf;
        }

        public MigrationPlan plan(ClusterState current, Request request, Advice advice) {
            return MigrationPlanner.this.plan(current, request, advice, (target, verdict) -> {
                if (!fresh && session == null) {
                    open();
                }
                if (fresh) {
                    fire(current, target, asOf, verdict, null);
                    return;
                }
                fireReused(current, target, verdict);
                if (changedByRules) {
                    // the session's state may now differ from a fresh one: this cluster and the rest go fresh
                    close();
                    fresh = true;
                    verdict.migrationFindings().clear();
                    fire(current, target, asOf, verdict, null);
                }
            });
        }

        private void open() {
            session = advisor.rules().kieBase().newKieSession();
            Verdict shared = advisor.newVerdict(null);
            try {
                session.setGlobal("verdict", shared);
                session.insert(new Context(asOf));
                advisor.knowledge().facts().forEach(session::insert);
                session.fireAllRules(advisor.maxFirings());
            } catch (ConsequenceException e) {
                close();
                throw advisor.located(RuleAuthorException.of(e));
            } catch (RuntimeException e) {
                close();
                throw RuleAuthorException.ofCondition(e, advisor.rules());
            }
            if (!shared.migrationFindings().isEmpty()) {
                // a migration rule that needs no cluster: only a fresh session per cluster records it each time
                close();
                fresh = true;
                return;
            }
            session.addEventListener(new RuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    changedByRules |= !ours;
                }

                @Override
                public void objectUpdated(ObjectUpdatedEvent event) {
                    changedByRules |= !ours;
                }

                @Override
                public void objectDeleted(ObjectDeletedEvent event) {
                    changedByRules |= !ours;
                }
            });
        }

        private void fireReused(ClusterState current, MigrationTarget target, Verdict verdict) {
            FactHandle state;
            FactHandle goal;
            int fired;
            try {
                session.setGlobal("verdict", verdict);
                ours = true;
                state = session.insert(current);
                goal = session.insert(target);
                ours = false;
                fired = session.fireAllRules(advisor.maxFirings());
                ours = true;
                session.delete(state);
                session.delete(goal);
                ours = false;
            } catch (ConsequenceException e) {
                close();
                throw advisor.located(RuleAuthorException.of(e));
            } catch (RuntimeException e) {
                close();
                throw RuleAuthorException.ofCondition(e, advisor.rules());
            }
            if (fired >= advisor.maxFirings()) {
                close();
                FiringCounter counting = new FiringCounter();
                MigrationPlanner.this.fire(current, target, asOf, advisor.newVerdict(null), counting);
                throw counting.loop(advisor.maxFirings()).located(advisor.rules());
            }
        }

        @Override
        public void close() {
            if (session != null) {
                session.dispose();
                session = null;
            }
        }
    }

    /** Fires the migration rules for one target into a verdict. */
    @FunctionalInterface
    private interface Firing {
        void fire(MigrationTarget target, Verdict verdict);
    }

    private MigrationPlan plan(ClusterState current, Request request, Advice advice, Firing firing) {
        Objects.requireNonNull(current, "current");
        Recommendation rec = advice.recommendation();
        if (rec == null) {
            return new MigrationPlan(current.option(), null, false, List.of(), List.of(), List.of(), List.of());
        }
        String podCidr = advice.addressPlan().range(AddressPlanner.POD_CIDR).map(ProposedRange::usable)
                .orElse(null);
        List<String> windowsPools = request == null ? List.of() : request.nodePools().stream()
                .filter(cniadvisor.model.NodePool::windows).map(cniadvisor.model.NodePool::label).toList();
        MigrationTarget target = new MigrationTarget(rec.option(), rec.dataplane(), rec.networkPolicy(), podCidr,
                windowsPools);
        Verdict verdict = advisor.newVerdict(null);
        firing.fire(target, verdict);
        List<Verdict.MigrationFinding> findings = verdict.migrationFindings();
        boolean inPlace = findings.stream().noneMatch(f -> MigrationPrerequisite.REBUILD.equals(f.clearedBy()));
        List<RunbookStep> steps = inPlace ? inPlaceSteps(current, target, findings)
                : rebuildSteps(rec, findings);
        List<Reason> blockers = Selection.distinctSorted(findings.stream().map(Verdict.MigrationFinding::reason)
                .toList());
        return new MigrationPlan(current.option(), rec.option(), inPlace, blockers, steps, variables(current, steps),
                inPlace ? terraform(current, request, steps) : List.of());
    }

    /**
     * What the runbook's az steps change in an azurerm_kubernetes_cluster resource, read off the steps themselves
     * (the flags they pass), each with how the provider applies it (facts/terraform.yaml). An attribute no fact
     * covers is listed with inPlace null: no source says.
     */
    private List<MigrationPlan.TerraformStep> terraform(ClusterState current, Request request,
                                                        List<RunbookStep> steps) {
        List<MigrationPlan.TerraformStep> changes = new ArrayList<>();
        String policy = NONE.equals(current.networkPolicy()) ? null : current.networkPolicy();
        for (int n = 1; n <= steps.size(); n++) {
            Deployment.Step step = steps.get(n - 1).command();
            if (step == null || !step.command().equals("az aks update")) {
                continue;
            }
            int at = n;
            if (step.value("--network-plugin-mode").isPresent()) {
                if (!"azure".equals(pluginOf(current))) {
                    change(changes, at, MigrationPrerequisite.OVERLAY, "network_profile.network_plugin",
                            pluginOf(current), "azure");
                }
                change(changes, at, MigrationPrerequisite.OVERLAY, "network_profile.network_plugin_mode", null,
                        "overlay");
                String podCidr = request == null ? null : request.podCidr();
                step.value("--pod-cidr").filter(to -> !to.equals(podCidr)).ifPresent(to -> change(changes, at,
                        MigrationPrerequisite.OVERLAY, "network_profile.pod_cidr", podCidr, to));
            } else if (step.value("--network-dataplane").isPresent()) {
                change(changes, at, MigrationPrerequisite.DATAPLANE, "network_profile.network_data_plane",
                        current.dataplane() == null ? "azure" : current.dataplane(),
                        step.value("--network-dataplane").get());
                String to = step.value("--network-policy").orElse(policy);
                if (!java.util.Objects.equals(to, policy)) {
                    change(changes, at, MigrationPrerequisite.DATAPLANE, "network_profile.network_policy", policy,
                            to);
                    policy = to;
                }
            } else if (step.value("--network-policy").isPresent()) {
                String to = step.value("--network-policy").get();
                to = NONE.equals(to) ? null : to;
                change(changes, at, to == null ? MigrationPrerequisite.REMOVE_POLICY : MigrationPrerequisite.POLICY,
                        "network_profile.network_policy", policy, to);
                policy = to;
            }
        }
        return changes;
    }

    private void change(List<MigrationPlan.TerraformStep> changes, int at, String step, String attribute,
                        String from, String to) {
        cniadvisor.model.TerraformChange fact = advisor.knowledge().terraformChanges().stream()
                .filter(t -> t.attribute().equals(attribute) && t.step().equals(step)).findFirst().orElse(null);
        if (fact == null) {
            changes.add(new MigrationPlan.TerraformStep(at, attribute, from, to, null, "no source here says whether "
                    + "the provider updates this in place: run terraform plan and look for '# forces replacement'",
                    List.of()));
            return;
        }
        Boolean inPlace = fact.inPlace();
        if (Boolean.TRUE.equals(inPlace) && cniadvisor.model.TerraformChange.CHANGED.equals(fact.replacesWhen())
                && from != null) {
            inPlace = false; // a value it had is changed or removed
        }
        changes.add(new MigrationPlan.TerraformStep(at, attribute, from, to, inPlace, fact.note(), fact.sources()));
    }

    /** The AKS networkPlugin of the cluster's option (kubenet, azure, none), from facts/options.yaml. */
    private String pluginOf(ClusterState current) {
        return advisor.knowledge().option(current.option()).map(cniadvisor.model.PluginOption::networkPlugin)
                .orElse(null);
    }

    /** The values the data gives for the variables the steps read: the resource group and the cluster's name. */
    private static List<MigrationPlan.Variable> variables(ClusterState current, List<RunbookStep> steps) {
        if (steps.stream().allMatch(step -> step.command() == null)) {
            return List.of();
        }
        List<MigrationPlan.Variable> variables = new ArrayList<>();
        if (current.resourceGroup() != null) {
            variables.add(new MigrationPlan.Variable(Deployment.RESOURCE_GROUP, current.resourceGroup()));
        }
        if (current.name() != null) {
            variables.add(new MigrationPlan.Variable(CLUSTER_NAME, current.name()));
        }
        // what only the team can choose: named with no value, so the runbook stops with a message until it is set
        for (String variable : List.of(KUBERNETES_VERSION, IDENTITY_ID, POD_CIDR)) {
            boolean read = steps.stream().map(RunbookStep::command).filter(Objects::nonNull)
                    .anyMatch(step -> step.args().stream().anyMatch(a -> a.kind().equals(Arg.VARIABLE)
                            && variable.equals(a.value())));
            if (read) {
                variables.add(new MigrationPlan.Variable(variable, null));
            }
        }
        return variables;
    }

    private void fire(ClusterState current, MigrationTarget target, LocalDate asOf, Verdict verdict,
                      AgendaEventListener listener) {
        KieSession session = advisor.rules().kieBase().newKieSession();
        int fired;
        try {
            if (listener != null) {
                session.addEventListener(listener);
            }
            session.setGlobal("verdict", verdict);
            session.insert(new Context(asOf));
            advisor.knowledge().facts().forEach(session::insert);
            session.insert(current);
            session.insert(target);
            fired = session.fireAllRules(advisor.maxFirings());
        } catch (ConsequenceException e) {
            throw advisor.located(RuleAuthorException.of(e));
        } catch (RuntimeException e) {
            throw RuleAuthorException.ofCondition(e, advisor.rules());
        } finally {
            session.dispose();
        }
        if (fired >= advisor.maxFirings()) {
            FiringCounter counting = new FiringCounter();
            fire(current, target, asOf, advisor.newVerdict(null), counting);
            throw counting.loop(advisor.maxFirings()).located(advisor.rules());
        }
    }

    /** The runbook of an in-place migration: each phase only when the target changes it and nothing blocks it. */
    private List<RunbookStep> inPlaceSteps(ClusterState current, MigrationTarget target,
                                           List<Verdict.MigrationFinding> findings) {
        List<RunbookStep> steps = new ArrayList<>();
        String option = current.option();
        String dataplane = current.dataplane() == null ? "azure" : current.dataplane();
        String policy = current.networkPolicy() == null ? NONE : current.networkPolicy();
        if (!target.option().equals(option)) {
            if (!blocked(findings, MigrationPrerequisite.OVERLAY)) {
                if (cleared(findings, MigrationPrerequisite.KUBERNETES_UPGRADE)) {
                    List<String> sources = sourcesOf(findings, MigrationPrerequisite.KUBERNETES_UPGRADE);
                    steps.add(new RunbookStep("List the Kubernetes versions AKS offers this cluster",
                            update("az aks get-upgrades", List.of(Arg.value("--output", "table")), null), sources));
                    steps.add(new RunbookStep("Upgrade Kubernetes to " + minimum(findings) + " or later first: set "
                            + KUBERNETES_VERSION + " to a version the list offers (AKS skips minor versions only "
                            + "from an unsupported version back to a supported one)",
                            update("az aks upgrade", List.of(Arg.variable("--kubernetes-version", KUBERNETES_VERSION),
                                    Arg.on("--yes")), null), sources));
                }
                if (cleared(findings, MigrationPrerequisite.ASSIGN_IDENTITY)) {
                    steps.add(new RunbookStep("Give the cluster a user-assigned managed identity: set " + IDENTITY_ID
                            + " to its resource id (az identity create, then az identity show --query id)",
                            update("az aks update", List.of(Arg.on("--enable-managed-identity"),
                                    Arg.variable("--assign-identity", IDENTITY_ID), Arg.on("--yes")), null),
                            sourcesOf(findings, MigrationPrerequisite.ASSIGN_IDENTITY)));
                }
                // the checks by hand first, the engine last: network policies go unenforced for as short a time as
                // the update allows
                manualChecks(steps, findings, MigrationPrerequisite.OVERLAY);
                if (cleared(findings, MigrationPrerequisite.REMOVE_POLICY)) {
                    steps.add(new RunbookStep("Uninstall the " + policy + " network policy engine: network policies "
                            + "are not enforced from here until the target's engine runs",
                            update("az aks update", List.of(Arg.value("--network-policy", NONE)), null),
                            sourcesOf(findings, MigrationPrerequisite.REMOVE_POLICY)));
                    policy = NONE;
                }
                List<Arg> args = new ArrayList<>(List.of(Arg.value("--network-plugin", "azure"),
                        Arg.value("--network-plugin-mode", "overlay")));
                args.add(target.podCidr() == null ? Arg.variable("--pod-cidr", POD_CIDR)
                        : Arg.value("--pod-cidr", target.podCidr()));
                steps.add(new RunbookStep("Update the IPAM mode to Azure CNI Overlay in place (one-way; every node "
                        + "pool is reimaged at once)" + (target.podCidr() == null ? ": set " + POD_CIDR
                        + " to a free range first" : ", with the pod CIDR the address plan checked"),
                        update("az aks update", args, null), sourcesOf(findings, MigrationPrerequisite.OVERLAY)));
                option = target.option();
            } else {
                return steps; // the rest follows the plugin change
            }
        }
        boolean toCilium = CILIUM.equals(target.dataplane()) && !CILIUM.equals(dataplane);
        if (toCilium && !blocked(findings, MigrationPrerequisite.DATAPLANE)) {
            boolean napOff = cleared(findings, MigrationPrerequisite.NAP_OFF);
            List<String> napSources = sourcesOf(findings, MigrationPrerequisite.NAP_OFF);
            if (napOff) {
                steps.add(new RunbookStep("Disable node auto-provisioning for the data plane update (AKS cannot "
                        + "update a cluster with it on to Cilium)", null, napSources));
            }
            manualChecks(steps, findings, MigrationPrerequisite.DATAPLANE);
            List<Arg> args = new ArrayList<>(List.of(Arg.value("--network-dataplane", CILIUM)));
            if (CILIUM.equals(target.networkPolicy())) {
                args.add(Arg.value("--network-policy", CILIUM));
            }
            steps.add(new RunbookStep("Update the data plane to Azure CNI Powered by Cilium, a separate operation"
                    + " (every node pool is reimaged; Cilium enforces network policies once every node is)",
                    update("az aks update", args, null), sourcesOf(findings, MigrationPrerequisite.DATAPLANE)));
            if (napOff) {
                steps.add(new RunbookStep("Re-enable node auto-provisioning once the data plane update completes",
                        null, napSources));
            }
            dataplane = CILIUM;
            policy = CILIUM.equals(target.networkPolicy()) ? CILIUM : policy;
        }
        String wanted = target.networkPolicy() == null ? NONE : target.networkPolicy();
        boolean reachable = !CILIUM.equals(wanted) || CILIUM.equals(dataplane);
        if (!NONE.equals(wanted) && !wanted.equals(policy) && reachable) {
            steps.add(new RunbookStep("Install the " + wanted + " network policy engine" + (policy.equals(NONE)
                    && !NONE.equals(current.networkPolicy() == null ? NONE : current.networkPolicy())
                    ? ": network policies are enforced again once it runs" : ""),
                    update("az aks update", List.of(Arg.value("--network-policy", wanted)), null),
                    sourcesOf(findings, MigrationPrerequisite.POLICY, "learn-network-policies")));
        }
        return steps;
    }

    /** No in-place path: the new cluster is the advice's deployment; moving the workloads is by hand. */
    private List<RunbookStep> rebuildSteps(Recommendation rec, List<Verdict.MigrationFinding> findings) {
        List<String> sources = sourcesOf(findings, MigrationPrerequisite.REBUILD);
        List<RunbookStep> steps = new ArrayList<>();
        manualChecks(steps, findings, MigrationPrerequisite.OVERLAY);
        int commands = rec.deployment() == null ? 0 : rec.deployment().steps().size();
        steps.add(new RunbookStep("Create the new cluster on " + rec.option() + " (" + rec.dataplane()
                + " data plane, " + rec.networkPolicy() + " network policy): run the advice's deployment ("
                + commands + " az " + (commands == 1 ? "step" : "steps") + ", under a new cluster name)", null,
                sources));
        steps.add(new RunbookStep("Move the workloads to the new cluster, switch traffic to it, then delete the old "
                + "cluster", null, sources));
        return steps;
    }

    private static Deployment.Step update(String command, List<Arg> extra, String comment) {
        List<Arg> args = new ArrayList<>(List.of(Arg.variable("--resource-group", Deployment.RESOURCE_GROUP),
                Arg.variable("--name", CLUSTER_NAME)));
        args.addAll(extra);
        return new Deployment.Step(command, args, comment, null);
    }

    /** The manual checks for a step, in firing order, each once. */
    private static void manualChecks(List<RunbookStep> steps, List<Verdict.MigrationFinding> findings, String step) {
        Set<String> seen = new LinkedHashSet<>();
        for (Verdict.MigrationFinding f : findings) {
            if (f.manual() && step.equals(f.step()) && seen.add(f.reason().text())) {
                steps.add(new RunbookStep("Check by hand: " + f.reason().text(), null, ids(f.reason())));
            }
        }
    }

    /** Whether an error-level finding blocks the step and nothing in the runbook clears it. */
    private static boolean blocked(List<Verdict.MigrationFinding> findings, String step) {
        return findings.stream().anyMatch(f -> step.equals(f.step()) && f.clearedBy() == null
                && Reason.ERROR.equals(f.reason().level()));
    }

    private static boolean cleared(List<Verdict.MigrationFinding> findings, String clearingStep) {
        return findings.stream().anyMatch(f -> clearingStep.equals(f.clearedBy())
                && Reason.ERROR.equals(f.reason().level()));
    }

    /** The source ids of the findings a step is for (or cleared by); the fallback when none fired. */
    private static List<String> sourcesOf(List<Verdict.MigrationFinding> findings, String step) {
        return sourcesOf(findings, step, "learn-update-cni");
    }

    private static List<String> sourcesOf(List<Verdict.MigrationFinding> findings, String step, String fallback) {
        Set<String> ids = new LinkedHashSet<>();
        findings.stream().filter(f -> !f.manual() && (step.equals(f.clearedBy())
                        || step.equals(f.step()) && f.clearedBy() == null))
                .forEach(f -> ids.addAll(ids(f.reason())));
        if (ids.isEmpty()) {
            ids.add(fallback);
        }
        return List.copyOf(ids);
    }

    private static List<String> ids(Reason reason) {
        return reason.sources().stream().map(Source::id).toList();
    }

    /** "1.27": the Kubernetes minimum of the prerequisite the upgrade clears (facts/lifecycle.yaml). */
    private static String minimum(List<Verdict.MigrationFinding> findings) {
        return findings.stream().filter(f -> MigrationPrerequisite.KUBERNETES_UPGRADE.equals(f.clearedBy()))
                .map(f -> f.prerequisite().kubernetesVersion()).filter(Objects::nonNull).findFirst()
                .orElse("the minimum");
    }
}
