package cniadvisor.engine;

import cniadvisor.render.AzCliCommand;
import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.MigrationPlan.RunbookStep;
import cniadvisor.model.Reason;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * engine/MigrationPlanner: the runbook an existing cluster follows to the advice's recommendation, in the order
 * update-azure-cni requires, with the commands as structured az steps.
 */
class MigrationPlannerTest {

    /** A cluster as az aks show reports it; the flags not named are off. */
    static ClusterState cluster(String option, String dataplane, String policy, String version, boolean windows,
                                boolean nap, boolean dualStack) {
        int minor = version == null ? -1 : Integer.parseInt(version.split("\\.")[1]);
        return new ClusterState("aks1", "rg1", "test.json", option, dataplane, policy, version, minor, "Base",
                "loadBalancer", null, false, false, nap, false, false, dualStack, windows);
    }

    static MigrationPlan plan(ClusterState cluster, String... request) {
        NamedRequest r = Fixtures.request(request);
        Advice advice = Fixtures.advisor().advise(r, Fixtures.AS_OF);
        return new MigrationPlanner(Fixtures.advisor()).plan(cluster, r.request(), advice, Fixtures.AS_OF);
    }

    /** One step as bash (the way the runbook is pasted), or null for a manual step. */
    static String bash(RunbookStep step) {
        return step.command() == null ? null : AzCliCommand.script(step.command()) + "\n";
    }

    static List<String> commands(MigrationPlan plan) {
        return plan.steps().stream().map(RunbookStep::command).filter(Objects::nonNull)
                .map(s -> s.command() + " " + s.args().stream().filter(a -> !a.flag().equals("--resource-group")
                        && !a.flag().equals("--name")).map(a -> a.flag() + (a.value() == null ? "" : " "
                        + a.value())).reduce((a, b) -> a + " " + b).orElse("")).toList();
    }

    @Test
    void aKubenet125ClusterWithCalicoUpgradesRemovesCalicoMovesToOverlayThenCilium() {
        MigrationPlan plan = plan(cluster("kubenet", "azure", "calico", "1.25.6", false, false, false),
                "nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: any");

        assertEquals("kubenet", plan.from());
        assertEquals("azure-cni-overlay", plan.to());
        assertTrue(plan.inPlace());
        assertEquals(List.of(
                "az aks get-upgrades --output table",
                "az aks upgrade --kubernetes-version KUBERNETES_VERSION --yes",
                "az aks update --network-policy none",
                "az aks update --network-plugin azure --network-plugin-mode overlay --pod-cidr 10.244.0.0/16",
                "az aks update --network-dataplane cilium --network-policy cilium"), commands(plan));
        Reason upgrade = blocker(plan, "MIG-KUBERNETES-MINIMUM");
        assertEquals(Reason.ERROR, upgrade.level());
        assertTrue(upgrade.text().contains("upgrade to Kubernetes 1.27 first"), upgrade.text());
        Reason calico = blocker(plan, "MIG-POLICY-ENGINE");
        assertTrue(calico.text().contains("calico network policy engine is installed"), calico.text());
        Reason gap = plan.blockers().stream().filter(r -> r.rule().equals("MIG-POLICY-ENGINE")
                && Reason.WARNING.equals(r.level())).findFirst().orElseThrow();
        assertTrue(gap.text().startsWith("Network policies are not enforced from the removal of calico until Cilium"),
                gap.text());
        assertTrue(plan.steps().stream().anyMatch(s -> s.title().contains("not enforced")));
        // the manual checks come before the Overlay update, which names the range the plan checked
        int overlay = indexOf(plan, "--network-plugin-mode");
        assertTrue(indexOf(plan, "Check by hand: no custom azure-ip-masq-agent") < overlay);
        assertTrue(indexOf(plan, "Check by hand: the cluster has a user-assigned managed identity") < overlay);
        assertEquals("az aks update \\\n  --resource-group \"$RESOURCE_GROUP\" \\\n  --name \"$CLUSTER_NAME\" \\\n"
                + "  --network-plugin azure \\\n  --network-plugin-mode overlay \\\n  --pod-cidr 10.244.0.0/16\n",
                bash(plan.steps().get(overlay)));
        assertTrue(plan.steps().get(overlay).sources().contains("learn-update-cni"));
    }

    @Test
    void thePodCidrIsTheOneTheAddressPlanCheckedAgainstTheClustersRanges() {
        // the default 10.244.0.0/16 overlaps a connected network, so the plan proposes another range
        MigrationPlan plan = plan(cluster("kubenet", "azure", "none", "1.30.1", false, false, false),
                "nodeCount: 10", "currentPlugin: kubenet", "connectedNetworks: [10.244.0.0/16]");

        String overlay = commands(plan).stream().filter(c -> c.contains("overlay")).findFirst().orElseThrow();
        assertFalse(overlay.contains("10.244.0.0/16"), overlay);
        assertTrue(overlay.matches(".*--pod-cidr \\d+\\.\\d+\\.\\d+\\.\\d+/\\d+"), overlay);
        assertTrue(plan.blockers().stream().noneMatch(r -> r.rule().equals("MIG-KUBERNETES-MINIMUM")));
        assertFalse(commands(plan).stream().anyMatch(c -> c.startsWith("az aks upgrade")));
    }

    @Test
    void aWindowsPoolNodeSubnetClusterKeepsTheAzureDataPlaneAndNamesThePool() {
        MigrationPlan plan = plan(cluster("azure-cni-node-subnet", "azure", "none", "1.31.2", true, false, false),
                "currentPlugin: azure-cni-node-subnet", "networkPolicy: any", "nodeSubnetCidr: 10.20.0.0/26",
                "nodePools:", "  - {name: sys, maxCount: 3}",
                "  - {name: win, os: windows, windowsServerVersion: \"2022\", maxCount: 5}");

        assertEquals("azure-cni-overlay", plan.to());
        Reason later = blocker(plan, "MIG-CILIUM-WINDOWS-LATER");
        assertTrue(later.text().contains("node pool 'win' (nodePools[1])"), later.text());
        assertTrue(commands(plan).stream().noneMatch(c -> c.contains("--network-dataplane")));
        assertTrue(indexOf(plan, "Check by hand: Windows pools must run OS build 20348.1668") >= 0);
    }

    @Test
    void aWindowsPoolClusterWhoseTargetRunsCiliumHasItsCiliumStepBlocked() {
        MigrationPlan plan = plan(cluster("azure-cni-node-subnet", "azure", "none", "1.31.2", true, false, false),
                "nodeCount: 10", "currentPlugin: azure-cni-node-subnet", "networkPolicy: cilium",
                "nodeSubnetCidr: 10.20.0.0/26");

        Reason blocked = blocker(plan, "MIG-CILIUM-WINDOWS");
        assertEquals(Reason.ERROR, blocked.level());
        assertTrue(blocked.text().contains("The Cilium data plane step is blocked"), blocked.text());
        assertTrue(blocked.text().contains("Windows pools are removed"), blocked.text());
        // the Overlay update still runs; the data plane and Cilium policy steps are left out
        assertEquals(List.of("az aks update --network-plugin azure --network-plugin-mode overlay --pod-cidr "
                + "10.244.0.0/16"), commands(plan));
    }

    @Test
    void nodeAutoProvisioningIsTurnedOffAroundTheCiliumUpdate() {
        MigrationPlan plan = plan(cluster("azure-cni-overlay", "azure", "none", "1.31.2", false, true, false),
                "nodeCount: 10", "currentPlugin: azure-cni-overlay", "networkPolicy: cilium",
                "nodeAutoProvisioning: true");

        assertEquals(Reason.ERROR, blocker(plan, "MIG-CILIUM-NAP").level());
        List<String> titles = plan.steps().stream().map(RunbookStep::title).toList();
        assertTrue(titles.get(0).startsWith("Disable node auto-provisioning"), titles.toString());
        assertEquals("az aks update --network-dataplane cilium --network-policy cilium",
                commands(plan).get(0));
        assertTrue(titles.get(titles.size() - 1).startsWith("Re-enable node auto-provisioning"), titles.toString());
        assertNull(plan.steps().get(0).command());
    }

    @Test
    void aPodSubnetClusterNeedsARebuild() {
        MigrationPlan plan = plan(cluster("azure-cni-pod-subnet", "azure", "none", "1.31.2", false, false, false),
                "nodeCount: 10", "currentPlugin: azure-cni-pod-subnet", "dualStack: true");

        assertEquals("azure-cni-overlay", plan.to());
        assertFalse(plan.inPlace());
        Reason rebuild = blocker(plan, "MIG-REBUILD");
        assertTrue(rebuild.text().contains("no in-place path from azure-cni-pod-subnet to azure-cni-overlay"),
                rebuild.text());
        assertEquals(2, plan.steps().size());
        assertTrue(plan.steps().get(0).title().startsWith("Create the new cluster on azure-cni-overlay"));
        assertTrue(plan.steps().get(0).title().contains("the advice's deployment"));
        assertTrue(plan.steps().get(1).title().startsWith("Move the workloads"));
        assertTrue(plan.steps().stream().allMatch(s -> s.command() == null));
    }

    @Test
    void anOverlayClusterAlreadyOnTheTargetGetsNoSteps() {
        MigrationPlan plan = plan(cluster("azure-cni-overlay", "cilium", "cilium", "1.32.1", false, false, false),
                "nodeCount: 10", "currentPlugin: azure-cni-overlay", "networkPolicy: cilium");

        assertTrue(plan.inPlace());
        assertEquals(List.of(), plan.steps());
        assertEquals(List.of(), plan.blockers());
    }

    @Test
    void aTargetWithAnotherPolicyEngineReinstallsItAfterTheOverlayUpdate() {
        MigrationPlan plan = plan(cluster("kubenet", "azure", "calico", "1.30.1", false, false, false),
                "nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: calico");

        assertEquals(List.of("az aks update --network-policy none",
                "az aks update --network-plugin azure --network-plugin-mode overlay --pod-cidr 10.244.0.0/16",
                "az aks update --network-policy calico"), commands(plan).stream()
                .filter(c -> !c.contains("dataplane")).toList());
        Reason gap = plan.blockers().stream().filter(r -> Reason.WARNING.equals(r.level())
                && r.rule().equals("MIG-POLICY-ENGINE")).findFirst().orElseThrow();
        assertTrue(gap.text().contains("calico is installed after the Overlay update"), gap.text());
    }

    @Test
    void noRecommendationMeansNoPlan() {
        NamedRequest r = Fixtures.request("nodeCount: 10", "currentPlugin: kubenet", "windowsNodePools: true",
                "networkPolicy: cilium");
        Advice advice = Fixtures.advisor().advise(r, Fixtures.AS_OF);
        MigrationPlan plan = new MigrationPlanner(Fixtures.advisor()).plan(
                cluster("kubenet", "azure", "none", "1.30.1", false, false, false), r.request(), advice, Fixtures.AS_OF);
        assertNull(advice.recommendation());
        assertNull(plan.to());
        assertEquals(List.of(), plan.steps());
    }

    private static Reason blocker(MigrationPlan plan, String rule) {
        Reason reason = plan.blockers().stream().filter(r -> r.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " not in " + plan.blockers()));
        assertNotNull(reason.sources());
        assertFalse(reason.sources().isEmpty(), rule + " cites no source");
        return reason;
    }

    private static int indexOf(MigrationPlan plan, String text) {
        for (int i = 0; i < plan.steps().size(); i++) {
            RunbookStep step = plan.steps().get(i);
            String bash = bash(step);
            if (step.title().contains(text) || bash != null && bash.contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A session kept between clusters gives each the plan a fresh session gives it, in any order, including after a
     * cluster whose rules blocked, cleared and checked by hand (nothing one cluster leaves behind reaches the next).
     */
    @Test
    void aReusedSessionPlansEachClusterAsAFreshOneDoes() {
        record Case(ClusterState cluster, String[] request) {
        }
        List<Case> cases = List.of(
                new Case(cluster("kubenet", "azure", "calico", "1.25.6", false, false, false),
                        new String[]{"nodeCount: 20", "currentPlugin: kubenet", "networkPolicy: calico"}),
                new Case(cluster("azure-cni-overlay", "azure", "none", "1.31.2", false, false, false),
                        new String[]{"nodeCount: 10", "currentPlugin: azure-cni-overlay"}),
                new Case(cluster("azure-cni-node-subnet", "azure", "none", "1.31.2", true, false, false),
                        new String[]{"currentPlugin: azure-cni-node-subnet", "networkPolicy: any",
                                "nodeSubnetCidr: 10.20.0.0/26", "nodePools:", "  - {name: sys, maxCount: 3}",
                                "  - {name: win, os: windows, windowsServerVersion: \"2022\", maxCount: 5}"}),
                new Case(cluster("azure-cni-pod-subnet", "azure", "none", "1.30.1", false, false, false),
                        new String[]{"nodeCount: 10", "currentPlugin: azure-cni-pod-subnet", "dualStack: true"}),
                new Case(cluster("azure-cni-overlay", "azure", "none", "1.31.2", false, true, false),
                        new String[]{"nodeCount: 10", "currentPlugin: azure-cni-overlay", "networkPolicy: cilium",
                                "nodeAutoProvisioning: true"}));
        MigrationPlanner planner = new MigrationPlanner(Fixtures.advisor());
        try (MigrationPlanner.Session session = planner.newSession(Fixtures.AS_OF)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < cases.size(); i++) {
                    Case c = cases.get(round == 0 ? i : cases.size() - 1 - i);
                    cniadvisor.model.NamedRequest named = Fixtures.request(c.request());
                    Advice advice = Fixtures.advisor().advise(named, Fixtures.AS_OF);
                    cniadvisor.model.Request request = named.request();
                    MigrationPlan fresh = planner.plan(c.cluster(), request, advice, Fixtures.AS_OF);
                    assertEquals(fresh, session.plan(c.cluster(), request, advice), c.cluster().option());
                    assertFalse(fresh.steps().isEmpty() && fresh.blockers().isEmpty(), "each case plans something");
                }
            }
        }
    }

    static List<String> terraform(MigrationPlan plan) {
        return plan.terraform().stream().map(t -> t.attribute() + " " + t.from() + " -> " + t.to() + " "
                + t.inPlace() + " " + t.sources()).toList();
    }

    static List<Integer> terraformSteps(MigrationPlan plan) {
        return plan.terraform().stream().map(MigrationPlan.TerraformStep::step).toList();
    }

    /** What the runbook changes in azurerm_kubernetes_cluster, and how the provider applies it, per step. */
    @Test
    void theTerraformAttributesFollowTheRunbook() {
        MigrationPlan kubenet = plan(cluster("kubenet", "azure", "calico", "1.29.4", false, false, false),
                "nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: calico", "podCidr: 10.244.0.0/16");
        // the pod CIDR stays as kubenet had it (the plan checked it), so Terraform has nothing to replace
        assertEquals(List.of(
                "network_profile.network_policy calico -> null null []",
                "network_profile.network_plugin kubenet -> azure true [azurerm-pr-30959, azurerm-issue-31683]",
                "network_profile.network_plugin_mode null -> overlay true [azurerm-pr-22709]",
                "network_profile.network_policy null -> calico null []"), terraform(kubenet));
        // each change goes with the runbook step that makes it: removing Calico, the Overlay update, Calico again
        List<Integer> at = terraformSteps(kubenet);
        assertEquals(at.stream().sorted().toList(), at);
        assertTrue(kubenet.steps().get(at.get(0) - 1).title().startsWith("Uninstall the calico"), kubenet.steps()::toString);
        assertTrue(kubenet.steps().get(at.get(1) - 1).title().startsWith("Update the IPAM mode"), kubenet.steps()::toString);
        assertTrue(kubenet.steps().get(at.get(3) - 1).title().startsWith("Install the calico"), kubenet.steps()::toString);
        assertTrue(kubenet.terraform().get(0).note().contains("run terraform plan"));

        MigrationPlan nodeSubnet = plan(cluster("azure-cni-node-subnet", "azure", "none", "1.31.2", false, false,
                false), "nodeCount: 10", "currentPlugin: azure-cni-node-subnet", "nodeSubnetCidr: 10.20.0.0/24");
        String podCidr = nodeSubnet.steps().stream().map(RunbookStep::command).filter(Objects::nonNull)
                .map(s -> s.value("--pod-cidr")).filter(java.util.Optional::isPresent).map(java.util.Optional::get)
                .findFirst().orElseThrow();
        assertEquals(List.of(
                "network_profile.network_plugin_mode null -> overlay true [azurerm-pr-22709]",
                "network_profile.pod_cidr null -> " + podCidr + " true [azurerm-pr-30959]",
                "network_profile.network_data_plane azure -> cilium true [azurerm-pr-30958, azurerm-issue-30946]",
                "network_profile.network_policy null -> cilium true [azurerm-pr-30958, azurerm-pr-23342]"),
                terraform(nodeSubnet));
        // a cluster that stays has nothing to change
        assertEquals(List.of(), plan(cluster("azure-cni-overlay", "cilium", "cilium", "1.31.2", false, false, false),
                "nodeCount: 10", "currentPlugin: azure-cni-overlay").terraform());
    }
}
