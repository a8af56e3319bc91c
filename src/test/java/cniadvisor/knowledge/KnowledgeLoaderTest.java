package cniadvisor.knowledge;

import cniadvisor.testing.Folders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static cniadvisor.testing.Fixtures.FACTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facts loader refuses what would otherwise become silently wrong advice, each problem as file:line: message.
 * Each test adds one broken file to a copy of the bundled facts and expects exactly the problems it causes.
 */
class KnowledgeLoaderTest {

    @TempDir
    Path dir;

    private Path facts;

    @BeforeEach
    void copyBundledFacts() {
        facts = Folders.copy(FACTS, dir.resolve("facts"));
    }

    private List<String> problems(String yaml) throws IOException {
        Files.writeString(facts.resolve("zz-team.yaml"), yaml);
        KnowledgeException e = assertThrows(KnowledgeException.class, () -> KnowledgeLoader.load(facts));
        return e.problems();
    }

    private String file() {
        return facts.resolve("zz-team.yaml").toString();
    }

    @Test
    void theBundledFactsLoad() throws KnowledgeException {
        Knowledge knowledge = KnowledgeLoader.load(FACTS);
        assertEquals(400, knowledge.limit("kubenet", "maxNodes").orElseThrow().value());
        assertTrue(knowledge.limitNames().contains("defaultMaxPods"));
    }

    @Test
    void aLimitNameNobodyDeclaredIsAnErrorWithASuggestion() throws IOException {
        assertEquals(List.of(file() + ":2: name: 'maxNodez' is not a declared limit name; did you mean 'maxNodes'? "
                        + "(a new limit's name goes under limitNames: first, with its unit and meaning)"),
                problems("""
                        limits:
                          - {subject: azure-cni-pod-subnet, name: maxNodez, value: 10, sources: [learn-quotas]}
                        """));
    }

    @Test
    void aLimitGivenTwiceIsADuplicateWithWhereTheFirstOneIs() throws IOException {
        List<String> problems = problems("""
                limits:
                  - {subject: kubenet, name: maxNodes, value: 500, sources: [learn-kubenet]}
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file() + ":2: duplicate limit 'kubenet.maxNodes' (first defined at "
                + facts.resolve("limits.yaml") + ":"), problems.get(0));
    }

    @Test
    void aKeyGivenTwiceInOneEntryIsAnError() throws IOException {
        List<String> problems = problems("""
                limits:
                  - {subject: azure-cni-pod-subnet, name: maxNodes, value: 10, value: 20, sources: [learn-quotas]}
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file() + ":2: not valid YAML: Duplicate field 'value'"),
                problems.get(0));
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsAnError() throws IOException {
        assertEquals(List.of(file() + ":2: value: expected a whole number"), problems("""
                limits:
                  - {subject: azure-cni-pod-subnet, name: maxNodes, value: 250.5, sources: [learn-quotas]}
                """));
    }

    @Test
    void unknownSectionsKeysAndMissingFieldsAreNamed() throws IOException {
        assertEquals(List.of(
                file() + ":1: unknown section 'limitz'; allowed: sources, options, dataplanes, policyEngines, limits, "
                        + "limitNames, support, conflicts, retirements, migrations, migrationPrerequisites, ranges, features, "
                        + "windowsServerVersions, outboundTypes, terraformChanges, batchChecks",
                file() + ":3: unknown key 'colour'; allowed: feature, level, note, sources, subject",
                file() + ":5: level: required"),
                problems("""
                        limitz: []
                        support:
                          - {subject: kubenet, feature: windows-server-2025, level: unsupported, sources: [learn-kubenet],
                             colour: red}
                          - {subject: kubenet, feature: dualStack-x, sources: [learn-kubenet]}
                        """));
    }

    @Test
    void valuesOutsideWhatTheToolKnowsAreRefused() throws IOException {
        assertEquals(List.of(
                file() + ":2: sources: unknown source id 'no-such-page'",
                file() + ":2: level: 'maybe' is not one of supported, partial, unsupported",
                file() + ":3: subject: 'policy:weave' is not an option id, dataplane:<id> or policy:<id>",
                file() + ":5: cidr: '2001:db8::/32' is not an IPv4 network (a.b.c.d/n, the network address of its "
                        + "prefix) or an IPv4 address (a.b.c.d)",
                file() + ":2: feature: 'sharedSubnet-x' is not a feature; did you mean 'sharedSubnet'? (features: declares them)"),
                problems("""
                        support:
                          - {subject: kubenet, feature: sharedSubnet-x, level: maybe, sources: [no-such-page]}
                          - {subject: "policy:weave", feature: windows, level: unsupported, sources: [learn-kubenet]}
                        ranges:
                          - {kind: reserved, cidr: "2001:db8::/32", sources: [learn-cni-overview]}
                        """));
    }

    @Test
    void aDateThatIsNotADateIsNamed() throws IOException {
        assertEquals(List.of(file() + ":2: date: expected a date as YYYY-MM-DD"), problems("""
                retirements:
                  - {id: x, subject: kubenet, date: 31/03/2028, replacement: azure-cni-overlay, sources: [learn-kubenet]}
                """));
    }

    @Test
    void whatParsesButWouldMatchNothingIsRefused() throws IOException {
        assertEquals(List.of(
                file() + ":2: subject: 'kubnet' is not an option id, dataplane:<id>, policy:<id> or one of cluster, "
                        + "node, nodePool, serviceCidr, subnet, linux, windows, apiServerSubnet, appGatewayForContainersSubnet, "
                        + "applicationGatewaySubnet; did you mean 'kubenet'?",
                file() + ":3: value: 0 is outside what maxNodes allows (1 to any)",
                file() + ":4: value: 33 is outside what podBlockPrefix allows (8 to 30)",
                file() + ":6: feature: 'windowz' is not a feature; did you mean 'windows'? (features: declares them)",
                file() + ":8: replacement: 'azure-cni-overlayy' is not one of azure-cni-overlay, azure-cni-pod-subnet, "
                        + "azure-cni-node-subnet, kubenet, byo-cni",
                file() + ":9: subject: 'windows:2016' is not an option id, dataplane:<id>, policy:<id> or "
                        + "windows:<version>",
                file() + ":9: replacement: '2030' is not one of 2019, 2022, 2025",
                file() + ":9: appliesTo: 'macos' is not one of linux, windows"),
                problems("""
                        limits:
                          - {subject: kubnet, name: maxPods, value: 10, sources: [learn-kubenet]}
                          - {subject: azure-cni-pod-subnet, name: maxNodes, value: 0, sources: [learn-quotas]}
                          - {subject: byo-cni, name: podBlockPrefix, value: 33, sources: [learn-byo-cni]}
                        support:
                          - {subject: kubenet, feature: windowz, level: unsupported, sources: [learn-kubenet]}
                        retirements:
                          - {id: a, subject: kubenet, date: 2030-01-01, replacement: azure-cni-overlayy, sources: [learn-kubenet]}
                          - {id: b, subject: "windows:2016", appliesTo: macos, date: 2030-01-01, replacement: "2030", sources: [learn-kubenet]}
                        """));
    }

    @Test
    void aNumberWrittenAsTextAnEmptyIdAndAnInsecureUrlAreRefused() throws IOException {
        assertEquals(List.of(
                file() + ":2: value: expected a whole number",
                file() + ":4: id: must not be empty",
                file() + ":5: url: 'http://example.com/page' is not an https URL"),
                problems("""
                        limits:
                          - {subject: azure-cni-pod-subnet, name: maxNodes, value: "400", sources: [learn-quotas]}
                        sources:
                          - {id: "", title: t, url: "https://example.com", asOf: 2026-01-01}
                          - {id: plain-http, title: t, url: "http://example.com/page", asOf: 2026-01-01}
                        """));
    }

    @Test
    void aFolderNamedLikeAFactsFileIsSkippedAndABrokenLinkIsNamed() throws IOException {
        Files.createDirectories(facts.resolve("folder.yaml"));
        Files.createSymbolicLink(facts.resolve("zz-gone.yaml"), facts.resolve("nowhere.yaml"));
        KnowledgeException e = assertThrows(KnowledgeException.class, () -> KnowledgeLoader.load(facts));
        assertEquals(List.of(facts.resolve("zz-gone.yaml") + ": cannot read: a symbolic link that leads nowhere or "
                + "loops"), e.problems());
    }

    @Test
    void aTerraformChangeNamesAnAttributeAStepAndReplacesWhenOnlyAsChanged() throws IOException {
        assertEquals(List.of(
                file() + ":2: attribute: 'network profile' is not an azurerm attribute path (network_profile."
                        + "network_plugin, say)",
                file() + ":3: step: 'upgrade' is not one of overlay, dataplane, policy, remove-policy",
                file() + ":4: replacesWhen: 'always' is not allowed; the one value is 'changed' (changing or removing "
                        + "a value the cluster has replaces it)"),
                problems("""
                        terraformChanges:
                          - {attribute: network profile, step: overlay, inPlace: true, sources: [azurerm-pr-30959]}
                          - {attribute: network_profile.outbound_type, step: upgrade, inPlace: true, sources: [azurerm-pr-30959]}
                          - {attribute: network_profile.pod_cidr, step: policy, inPlace: true, replacesWhen: always, sources: [azurerm-pr-30959]}
                        """));
    }

    // ---- batch checks (facts/batch-checks.yaml) ----

    private Path batchChecks() {
        return facts.resolve("batch-checks.yaml");
    }

    /** The problems after one edit of the bundled batch-checks.yaml. */
    private List<String> batchCheckProblems(String from, String to) {
        Folders.edit(batchChecks(), from, to);
        return assertThrows(KnowledgeException.class, () -> KnowledgeLoader.load(facts)).problems();
    }

    private String batchCheckAt(String check) {
        return batchChecks() + ":" + Folders.lineOf(batchChecks(), "check: " + check);
    }

    @Test
    void theBundledBatchChecksLoadWithTheirLocation() throws KnowledgeException {
        var checks = KnowledgeLoader.load(FACTS).batchChecks();
        assertEquals(List.of("node-subnet-overlap", "cluster-range-overlap", "address-pool-exhausted",
                "outside-address-pool"), checks.stream().map(c -> c.check()).toList());
        assertEquals("BATCH-NODE-SUBNET-OVERLAP", checks.get(0).id());
        assertEquals(FACTS.resolve("batch-checks.yaml").toString(), checks.get(0).file());
        assertEquals(Folders.lineOf(FACTS.resolve("batch-checks.yaml"), "check: node-subnet-overlap"),
                checks.get(0).line());
    }

    @Test
    void aBatchCheckCitingAnUnknownSourceIsRefusedAtItsLine() {
        assertEquals(List.of(batchCheckAt("outside-address-pool") + ": sources: unknown source id 'learn-ip-plan'"),
                batchCheckProblems("""
                        level: error
                            sources: [learn-ip-planning]
                            decides: "Error when a VNet range a request gives""", """
                        level: error
                            sources: [learn-ip-plan]
                            decides: "Error when a VNet range a request gives"""));
    }

    @Test
    void aMessageMayFillOnlyThePlaceholdersItsCheckHas() {
        assertEquals(List.of(batchCheckAt("outside-address-pool") + ": messages.outside: unknown placeholder "
                        + "{Team}; this message fills {range}, {pool}"),
                batchCheckProblems("outside: \"{Range} is outside", "outside: \"{Team}: {Range} is outside"));
    }

    @Test
    void everyMessageOfACheckIsRequiredAndNoOther() {
        assertEquals(List.of(
                        batchCheckAt("node-subnet-overlap") + ": messages: unknown message 'mor' for "
                                + "node-subnet-overlap; its messages are overlap, more",
                        batchCheckAt("node-subnet-overlap") + ": messages.more: required (node-subnet-overlap says "
                                + "it with {range}, {count})"),
                batchCheckProblems("      more: \"{Range} overlaps yet", "      mor: \"{Range} overlaps yet"));
    }

    @Test
    void anUnknownCheckOrLevelIsRefusedAndEveryCheckIsNeeded() {
        List<String> problems = batchCheckProblems("check: outside-address-pool", "check: outside-adress-pool");
        assertEquals(List.of(batchCheckAt("outside-adress-pool") + ": check: 'outside-adress-pool' is not one of "
                        + "node-subnet-overlap, cluster-range-overlap, address-pool-exhausted, outside-address-pool; "
                        + "did you mean 'outside-address-pool'?",
                "facts: missing batch check outside-address-pool (batchChecks:, which batch needs)"), problems);

        Folders.edit(batchChecks(), "check: outside-adress-pool", "check: outside-address-pool");
        assertEquals(List.of(batchCheckAt("node-subnet-overlap") + ": level: 'fatal' is not one of error, warning, "
                + "info"), batchCheckProblems("level: error", "level: fatal"));
    }

    @Test
    void aBatchCheckIdIsUnique() {
        List<String> problems = batchCheckProblems("id: BATCH-OUTSIDE-ADDRESS-POOL", "id: BATCH-NODE-SUBNET-OVERLAP");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(batchCheckAt("outside-address-pool") + ": duplicate batch check id "
                + "'BATCH-NODE-SUBNET-OVERLAP' (first defined at " + batchCheckAt("node-subnet-overlap")),
                problems.get(0));
    }
}
