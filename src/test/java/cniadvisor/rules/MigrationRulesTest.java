package cniadvisor.rules;

import cniadvisor.engine.MigrationPlanner;
import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.Reason;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rules/migration.drl: each prerequisite of facts/lifecycle.yaml (migrationPrerequisites:) fires for a cluster
 * that has it and stays quiet for one that does not. Clusters are built field by field, as the Azure reader would.
 */
class MigrationRulesTest {

    private static final String KUBENET = "currentPlugin: kubenet";

    /** A cluster builder: the defaults are a kubenet 1.30 cluster without policy engine, Windows or add-ons. */
    private record C(String option, String dataplane, String policy, String version, boolean windows, boolean nap,
                     boolean dualStack, boolean agic) {
        static C kubenet() {
            return new C("kubenet", "azure", "none", "1.30.4", false, false, false, false);
        }

        C withOption(String o) { return new C(o, dataplane, policy, version, windows, nap, dualStack, agic); }
        C withPolicy(String p) { return new C(option, dataplane, p, version, windows, nap, dualStack, agic); }
        C withVersion(String v) { return new C(option, dataplane, policy, v, windows, nap, dualStack, agic); }
        C withWindows() { return new C(option, dataplane, policy, version, true, nap, dualStack, agic); }
        C withNap() { return new C(option, dataplane, policy, version, windows, true, dualStack, agic); }
        C withDualStack() { return new C(option, dataplane, policy, version, windows, nap, true, agic); }
        C withAgic() { return new C(option, dataplane, policy, version, windows, nap, dualStack, true); }

        ClusterState state() {
            int minor = version == null ? -1 : Integer.parseInt(version.split("\\.")[1]);
            return new ClusterState("aks1", "rg1", "test.json", option, dataplane, policy, version, minor, "Base",
                    "loadBalancer", null, false, agic, nap, false, false, dualStack, windows);
        }
    }

    private static MigrationPlan plan(C cluster, String... request) {
        NamedRequest r = Fixtures.request(request);
        Advice advice = Fixtures.advisor().advise(r, Fixtures.AS_OF);
        return new MigrationPlanner(Fixtures.advisor()).plan(cluster.state(), r.request(), advice, Fixtures.AS_OF);
    }

    private static List<Reason> fired(MigrationPlan plan, String rule) {
        return plan.blockers().stream().filter(r -> r.rule().equals(rule)).toList();
    }

    private static Reason only(MigrationPlan plan, String rule, String level, String source) {
        List<Reason> reasons = fired(plan, rule).stream().filter(r -> level.equals(r.level())).toList();
        assertEquals(1, reasons.size(), () -> rule + " at " + level + " in " + plan.blockers());
        assertTrue(reasons.get(0).sources().stream().anyMatch(s -> s.id().equals(source)),
                () -> rule + " should cite " + source);
        return reasons.get(0);
    }

    private static void quiet(MigrationPlan plan, String rule) {
        assertEquals(List.of(), fired(plan, rule), rule + " should not fire");
    }

    @Test
    void kubernetesBelowTheMinimumBlocksUntilUpgradedAndAtTheMinimumDoesNot() {
        Reason r = only(plan(C.kubenet().withVersion("1.26.9"), "nodeCount: 10", KUBENET), "MIG-KUBERNETES-MINIMUM",
                "error", "learn-update-cni");
        assertTrue(r.text().contains("runs Kubernetes 1.26.9") && r.text().contains("upgrade to Kubernetes 1.27 first"),
                r.text());
        quiet(plan(C.kubenet().withVersion("1.27.1"), "nodeCount: 10", KUBENET), "MIG-KUBERNETES-MINIMUM");
    }

    @Test
    void anUnknownKubernetesVersionIsAManualCheck() {
        only(plan(C.kubenet().withVersion(null), "nodeCount: 10", KUBENET), "MIG-KUBERNETES-UNKNOWN", "info",
                "learn-update-cni");
        quiet(plan(C.kubenet(), "nodeCount: 10", KUBENET), "MIG-KUBERNETES-UNKNOWN");
    }

    @Test
    void anInstalledPolicyEngineBlocksAndWarnsOfTheGapWithoutOneNothing() {
        MigrationPlan npm = plan(C.kubenet().withPolicy("azure"), "nodeCount: 10", KUBENET, "networkPolicy: any");
        assertTrue(only(npm, "MIG-POLICY-ENGINE", "error", "learn-network-policies").text()
                .contains("uninstall it first (az aks update --network-policy none)"));
        assertTrue(only(npm, "MIG-POLICY-ENGINE", "warning", "learn-update-cni").text()
                .contains("not enforced from the removal of azure"));
        quiet(plan(C.kubenet(), "nodeCount: 10", KUBENET, "networkPolicy: any"), "MIG-POLICY-ENGINE");
    }

    @Test
    void everyInPlacePluginChangeReimagesAndAsksForTheIpMasqAgentCheckStayingDoesNot() {
        MigrationPlan moving = plan(C.kubenet(), "nodeCount: 10", KUBENET);
        only(moving, "MIG-REIMAGE", "warning", "learn-update-cni");
        only(moving, "MIG-IP-MASQ-AGENT", "info", "aks-release-notes");
        MigrationPlan staying = plan(C.kubenet().withOption("azure-cni-overlay"), "nodeCount: 10",
                "currentPlugin: azure-cni-overlay", "networkPolicy: none");
        quiet(staying, "MIG-REIMAGE");
        quiet(staying, "MIG-IP-MASQ-AGENT");
    }

    @Test
    void kubenetAsksForTheIdentityAndAgicChecksNodeSubnetDoesNot() {
        MigrationPlan kubenet = plan(C.kubenet().withAgic(), "nodeCount: 10", KUBENET);
        only(kubenet, "MIG-KUBENET-IDENTITY", "info", "learn-update-cni");
        assertTrue(only(kubenet, "MIG-AGIC-ROUTE-TABLE", "info", "azure-aks-docs-334").text()
                .contains("this cluster runs the AGIC add-on"));
        MigrationPlan nodeSubnet = plan(C.kubenet().withOption("azure-cni-node-subnet"), "nodeCount: 10",
                "currentPlugin: azure-cni-node-subnet", "nodeSubnetCidr: 10.20.0.0/26");
        assertEquals("azure-cni-overlay", nodeSubnet.to());
        quiet(nodeSubnet, "MIG-KUBENET-IDENTITY");
        quiet(nodeSubnet, "MIG-AGIC-ROUTE-TABLE");
    }

    @Test
    void windowsPoolsAskForTheOsBuildCheckLinuxOnlyDoesNot() {
        String[] request = {"currentPlugin: azure-cni-node-subnet", "nodeSubnetCidr: 10.20.0.0/26", "nodePools:",
                "  - {name: sys, maxCount: 3}", "  - {name: win, os: windows, windowsServerVersion: \"2022\", maxCount: 5}"};
        MigrationPlan windows = plan(C.kubenet().withOption("azure-cni-node-subnet").withWindows(), request);
        assertTrue(only(windows, "MIG-WINDOWS-BUILD", "info", "learn-update-cni").text().contains("20348.1668"));
        assertTrue(only(windows, "MIG-CILIUM-WINDOWS-LATER", "info", "learn-cilium").text()
                .contains("node pool 'win' (nodePools[1])"));
        MigrationPlan linux = plan(C.kubenet().withOption("azure-cni-node-subnet"), "nodeCount: 10",
                "currentPlugin: azure-cni-node-subnet", "nodeSubnetCidr: 10.20.0.0/26");
        quiet(linux, "MIG-WINDOWS-BUILD");
        quiet(linux, "MIG-CILIUM-WINDOWS-LATER");
        quiet(linux, "MIG-CILIUM-WINDOWS");
    }

    @Test
    void windowsPoolsBlockACiliumTarget() {
        Reason r = only(plan(C.kubenet().withOption("azure-cni-overlay").withWindows(), "nodeCount: 10",
                "currentPlugin: azure-cni-overlay", "networkPolicy: cilium"), "MIG-CILIUM-WINDOWS", "error",
                "learn-update-cni");
        assertTrue(r.text().contains("this cluster has Windows node pools"), r.text());
    }

    @Test
    void dualStackKubenetWarnsOfTheIpv6GapSingleStackDoesNot() {
        only(plan(C.kubenet().withDualStack(), "nodeCount: 10", KUBENET, "dualStack: true"), "MIG-DUAL-STACK-KUBENET",
                "warning", "aks-issue-5120");
        quiet(plan(C.kubenet(), "nodeCount: 10", KUBENET), "MIG-DUAL-STACK-KUBENET");
    }

    @Test
    void nodeAutoProvisioningBlocksTheCiliumUpdateUntilTurnedOffWithoutItNothing() {
        String[] request = {"nodeCount: 10", "currentPlugin: azure-cni-overlay", "networkPolicy: cilium",
                "nodeAutoProvisioning: true"};
        only(plan(C.kubenet().withOption("azure-cni-overlay").withNap(), request), "MIG-CILIUM-NAP", "error",
                "learn-update-cni");
        quiet(plan(C.kubenet().withOption("azure-cni-overlay"), request), "MIG-CILIUM-NAP");
    }

    @Test
    void npmReplacedByCiliumAsksForAPolicyCheckCalicoDoesNot() {
        String[] request = {"nodeCount: 10", "currentPlugin: azure-cni-overlay", "networkPolicy: cilium"};
        only(plan(C.kubenet().withOption("azure-cni-overlay").withPolicy("azure"), request), "MIG-NPM-TO-CILIUM", "info",
                "learn-npm-to-cilium");
        quiet(plan(C.kubenet().withOption("azure-cni-overlay").withPolicy("calico"), request), "MIG-NPM-TO-CILIUM");
    }

    @Test
    void noInPlacePathMeansARebuildAnInPlacePathDoesNot() {
        MigrationPlan podSubnet = plan(C.kubenet().withOption("azure-cni-pod-subnet"), "nodeCount: 10",
                "currentPlugin: azure-cni-pod-subnet", "dualStack: true");
        only(podSubnet, "MIG-REBUILD", "error", "learn-update-cni");
        assertEquals(false, podSubnet.inPlace());
        MigrationPlan kubenet = plan(C.kubenet(), "nodeCount: 10", KUBENET);
        quiet(kubenet, "MIG-REBUILD");
        assertEquals(true, kubenet.inPlace());
    }
}
