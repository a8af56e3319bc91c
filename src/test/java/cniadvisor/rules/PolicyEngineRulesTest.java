package cniadvisor.rules;

import cniadvisor.io.ExitCode;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cniadvisor.model.OptionResult.ELIGIBLE;
import static cniadvisor.model.OptionResult.RECOMMENDED;
import static cniadvisor.testing.AdviceAssertions.assertCites;
import static cniadvisor.testing.AdviceAssertions.assertExcludedBy;
import static cniadvisor.testing.AdviceAssertions.assertNoFit;
import static cniadvisor.testing.AdviceAssertions.assertNoOptionRuns;
import static cniadvisor.testing.AdviceAssertions.assertNoReason;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertReason;
import static cniadvisor.testing.AdviceAssertions.assertRecommended;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.AdviceAssertions.withText;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.option;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** rules/policy-engines.drl: which network policy engine runs, given what the request needs. */
class PolicyEngineRulesTest {

    // ---- POL-BYO-ENFORCES ----

    @Test
    void aCustomCniWithPoliciesFitsAndIsToldItMustEnforceThem() {
        Advice advice = advise("nodeCount: 10", "customCni: calico-enterprise", "networkPolicy: calico");

        assertRecommended(advice, "byo-cni", "none", "none");
        Reason warning = assertWarning(advice, "POL-BYO-ENFORCES", "warning", "learn-byo-cni");
        assertText(warning, "AKS installs no policy engine, so calico-enterprise must enforce them");
    }

    @Test
    void aCustomCiliumWithFqdnOrL7PoliciesFitsBringYourOwnCni() {
        // it used to fit nowhere: the FQDN/L7 rule ruled out BYO's "no engine", and Cilium policy BYO's data plane
        for (List<String> policy : List.of(List.of("networkPolicy: any", "advancedPolicy: true"),
                List.of("networkPolicy: cilium", "advancedPolicy: true"), List.of("networkPolicy: cilium"))) {
            List<String> lines = new java.util.ArrayList<>(List.of("nodeCount: 10", "customCni: cilium-oss"));
            lines.addAll(policy);
            Advice advice = advise(lines.toArray(String[]::new));

            assertRecommended(advice, "byo-cni", "none", "none");
            assertNoReason(advice, "byo-cni", "POL-ADVANCED");
            assertNoReason(advice, "byo-cni", "POL-CILIUM-NEEDS-CILIUM-DATAPLANE");
            Reason warning = assertWarning(advice, "POL-BYO-ENFORCES", "warning", "learn-byo-cni");
            assertText(warning, "AKS installs no policy engine, so cilium-oss must enforce them");
            if (policy.contains("advancedPolicy: true")) {
                assertText(warning, "with FQDN or L7 rules");
            }
            assertNoWarning(advice, "POL-ADVANCED-NEEDS-ACNS");
        }
    }

    // ---- POL-REQUIRED ----

    @Test
    void requiredPoliciesRuleOutConfigurationsWithoutAnEngine() {
        // Overlay with the Azure data plane and no engine scores as well as with Calico and would win the tie-break
        // (no engine ranks first in facts/options.yaml): only POL-REQUIRED keeps it from being chosen. A lost
        // tie-break is not worth a "narrows" reason, so none is shown.
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "azure", "calico");
        assertNoReason(advice, "azure-cni-overlay", "POL-REQUIRED");
    }

    @Test
    void requiredPoliciesWithAnEngineThatCannotRunLeaveNothing() {
        // Windows rules out Cilium, the only engine with FQDN policies, so every configuration left lacks an engine
        // or the FQDN support: POL-REQUIRED is among the reasons that rule Overlay out
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "networkPolicy: any", "advancedPolicy: true");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "POL-REQUIRED", "learn-network-policies");
        assertText(withText(reasons, "none policy"), "azure-cni-overlay / azure data plane / none policy enforces none");
    }

    // ---- POL-NONE-REQUESTED ----

    @Test
    void noPoliciesRequestedMeansNoCalicoOrNpmIsInstalled() {
        // Windows rules out Cilium and FQDN policies rule out "no engine", so only the add-on engines are left,
        // and "networkPolicy: none" rules those out
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "advancedPolicy: true", "networkPolicy: none");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "POL-NONE-REQUESTED",
                "learn-network-policies");
        assertText(withText(reasons, "Calico"), "No network policies requested (networkPolicy: none)");
        withText(reasons, "Azure Network Policy Manager");
    }

    @Test
    void noPoliciesRequestedOnWindowsGivesNoEngine() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "networkPolicy: none");

        assertRecommended(advice, "azure-cni-overlay", "azure", "none");
    }

    // ---- POL-ENGINE-REQUESTED ----

    @Test
    void aNamedEngineRulesOutTheOthers() {
        Advice advice = advise("nodeCount: 10", "networkPolicy: calico");

        assertRecommended(advice, "azure-cni-overlay", "azure", "calico");
        List<Reason> narrowed = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "POL-ENGINE-REQUESTED",
                "narrows", "learn-network-policies");
        assertText(narrowed.get(0), "The request asks for calico network policy; "
                + "azure-cni-overlay / cilium data plane / cilium policy runs cilium.");
    }

    @Test
    void kubenetRunsOnlyCalicoSoAnNpmRequestExcludesIt() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: azure");

        assertExcludedBy(advice, "kubenet", "POL-ENGINE-REQUESTED", "learn-network-policies");
        assertExcludedBy(advice, "kubenet", "POL-REQUIRED", "learn-network-policies");
    }

    @Test
    void kubenetRunsCalico() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: calico");

        assertEquals(ELIGIBLE, option(advice, "kubenet").status());
        assertEquals("calico", option(advice, "kubenet").networkPolicy());
    }

    // ---- POL-CILIUM-NEEDS-CILIUM-DATAPLANE ----

    @Test
    void ciliumPolicyNeedsTheCiliumDataPlaneWhichKubenetCannotRun() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: cilium");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "POL-CILIUM-NEEDS-CILIUM-DATAPLANE",
                "learn-cilium");
        assertText(reasons.get(0), "Kubenet (legacy) cannot run");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    @Test
    void ciliumPolicyOnWindowsHasNoFit() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "networkPolicy: cilium");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "ELIG-UNSUPPORTED-FEATURE", "learn-cilium");
        withText(reasons, "dataplane:cilium is not supported");
    }

    @Test
    void ciliumPolicyOnWindowsExitsWithNoFitFromTheCommandLine() {
        CliRun run = CliRun.runWithInput("nodeCount: 10\nwindowsNodePools: true\nnetworkPolicy: cilium\n",
                "advise", "-f", "-", "--as-of", "2026-11-21", "--no-cache");

        assertEquals(ExitCode.NO_FIT.code(), run.exitCode(), run::toString);
    }

    // ---- POL-ADVANCED ----

    @Test
    void fqdnAndL7PoliciesNeedCiliumSoCalicoOnlyKubenetIsExcluded() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "advancedPolicy: true");

        List<Reason> reasons = assertExcludedBy(advice, "kubenet", "POL-ADVANCED", "learn-network-policies");
        assertText(withText(reasons, "policy:calico"), "Azure supports the standard Calico features only");
        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
    }

    // ---- POL-ADVANCED-NEEDS-ACNS ----

    @Test
    void fqdnAndL7PoliciesComeWithAnAcnsNotice() {
        Advice advice = advise("nodeCount: 10", "advancedPolicy: true");

        Reason info = assertWarning(advice, "POL-ADVANCED-NEEDS-ACNS", "info", "learn-cilium");
        assertText(info, "Advanced Container Networking Services (ACNS)");
    }

    @Test
    void withoutFqdnOrL7PoliciesThereIsNoAcnsNotice() {
        assertNoWarning(advise("nodeCount: 10", "networkPolicy: cilium"), "POL-ADVANCED-NEEDS-ACNS");
    }

    // ---- POL-WINDOWS-VERSION ----

    @Test
    void azureNpmDoesNotRunOnWindowsServer2019() {
        Advice advice = advise(LocalDate.of(2026, 1, 1), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2019\"", "networkPolicy: azure");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "POL-WINDOWS-VERSION",
                "learn-network-policies");
        assertText(reasons.get(0), "Windows Server 2019: policy:azure is not supported");
    }

    // ---- POL-WINDOWS-VERSION-PARTIAL ----

    @Test
    void calicoDoesNotRunOnWindowsServer2025ByTheStricterOfTwoSources() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2025\"",
                "networkPolicy: calico");

        assertNoFit(advice);
        List<Reason> reasons = assertExcludedBy(advice, "azure-cni-overlay", "POL-WINDOWS-VERSION",
                "learn-network-policy-best-practices");
        Reason calico = reasons.stream().filter(r -> r.text().contains("policy:calico")).findFirst().orElseThrow();
        assertText(calico, "Windows Server 2025: policy:calico is not supported", "2019 and 2022 only",
                "without versions", "the stricter, versioned table is followed");
        assertCites(calico, "learn-network-policies");
        assertCites(calico, "calico-windows-2025");
    }

    // ---- POL-WINDOWS-NO-ENGINE ----

    @Test
    void windowsServer2025PoolsThatNeedPoliciesAreToldWhatToDoInsteadOfGettingCalico() {
        for (String policy : List.of("any", "calico", "azure")) {
            Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "networkPolicy: " + policy);

            assertNoFit(advice);
            Reason error = assertWarning(advice, "POL-WINDOWS-NO-ENGINE", "error", "aks-npm-windows-retirement");
            assertText(error, "Windows Server 2025 node pools: no network policy engine AKS offers runs on them",
                    "a Windows Server version Calico supports", "a Linux-only cluster",
                    "networkPolicy: none and filter the Windows pools' traffic with network security groups");
        }
    }

    @Test
    void enginesThatRunOnTheWindowsVersionMeanNoError() {
        assertNoWarning(advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "networkPolicy: any"), "POL-WINDOWS-NO-ENGINE");
        assertNoWarning(advise("nodeCount: 10", "windowsNodePools: true"), "POL-WINDOWS-NO-ENGINE");
        assertNoWarning(advise("nodeCount: 10", "networkPolicy: any"), "POL-WINDOWS-NO-ENGINE");
    }

    @Test
    void azureNpmOnWindowsServer2022IsRankedDownAsPreview() {
        Advice advice = advise(LocalDate.of(2026, 9, 29), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: azure");

        List<Reason> penalties = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "POL-WINDOWS-VERSION-PARTIAL",
                "penalises", "learn-network-policies");
        assertText(penalties.get(0), "Windows Server 2022 with policy:azure: preview");
    }

    // ---- POL-ANY-PREFERS-CILIUM ----

    @Test
    void anyEnginePicksCiliumOnLinux() {
        Advice advice = advise("nodeCount: 10", "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "cilium", "cilium");
        List<Reason> favours = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "POL-ANY-PREFERS-CILIUM",
                "favours", "learn-network-policies");
        assertText(favours.get(0), "Microsoft recommends Cilium network policy");
    }

    @Test
    void anyEnginePicksCalicoWhereCiliumCannotRun() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"",
                "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "azure", "calico");
        assertEquals("calico", option(advice, "azure-cni-pod-subnet").networkPolicy());
    }

    @Test
    void anyEngineOnAnExistingKubenetClusterRunsCalico() {
        Advice advice = advise("nodeCount: 10", "currentPlugin: kubenet", "networkPolicy: any");

        assertEquals("calico", option(advice, "kubenet").networkPolicy());
    }

    // ---- POL-NPM-RETIRING ----

    @Test
    void azureNpmIsNeverTheFirstChoiceForAnyEngineEvenWhileWindowsStillSupportsIt() {
        Advice advice = advise(LocalDate.of(2026, 9, 29), "nodeCount: 10", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "networkPolicy: any");

        assertRecommended(advice, "azure-cni-overlay", "azure", "calico");
        assertNoOptionRuns(advice, "azure");
    }

    @Test
    void azureNpmIsRankedDownAsRetiringWhenRequestedByName() {
        Advice advice = advise("nodeCount: 10", "networkPolicy: azure");

        assertRecommended(advice, "azure-cni-overlay", "azure", "azure");
        List<Reason> penalties = assertReason(advice, "azure-cni-overlay", RECOMMENDED, "POL-NPM-RETIRING",
                "penalises", "learn-npm-to-cilium");
        assertText(penalties.get(0), "unsupported on Linux from 2028-09-30");
        assertCites(penalties.get(0), "learn-network-policies");
    }

    // ---- POL-NPM-REQUESTED ----

    @Test
    void askingForAzureNpmByNameWarnsWithBothRetirementDatesAndTheReplacements() {
        Advice advice = advise("nodeCount: 10", "networkPolicy: azure");

        Reason warning = assertWarning(advice, "POL-NPM-REQUESTED", "warning", "learn-npm-to-cilium");
        assertText(warning, "Azure Network Policy Manager (NPM) was asked for",
                "unsupported on Windows nodes since 2026-09-30 (use calico or network security groups there)",
                "on Linux nodes from 2028-09-30 (use cilium network policy)");
        assertCites(warning, "aks-npm-windows-retirement");
    }

    @Test
    void beforeTheWindowsRetirementBothDatesAreAhead() {
        Reason warning = assertWarning(advise(LocalDate.of(2026, 6, 1), "nodeCount: 10", "networkPolicy: azure"),
                "POL-NPM-REQUESTED", "warning", "learn-npm-to-cilium");
        assertText(warning, "on Windows nodes from 2026-09-30");
    }

    @Test
    void otherEnginesBringNoAzureNpmWarning() {
        for (String policy : List.of("any", "cilium", "calico", "none")) {
            assertNoWarning(advise("nodeCount: 10", "networkPolicy: " + policy), "POL-NPM-REQUESTED");
        }
    }
}
