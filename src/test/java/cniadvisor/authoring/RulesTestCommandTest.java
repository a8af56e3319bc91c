package cniadvisor.authoring;

import cniadvisor.engine.FiringTrace;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rules test}: scenario files, diffs, report formats, coverage and threshold, org rules. */
class RulesTestCommandTest {

    private static final int BUNDLED_RULES = Fixtures.advisor().rules().rules().size();

    @TempDir
    Path dir;

    private Path scenarios(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** What CI runs: every bundled rule fires in some bundled scenario, and every scenario passes. */
    @Test
    void bundledScenariosPassAndFireEveryBundledRule() {
        CliRun run = CliRun.run("rules", "test", "examples/scenarios", "--coverage", "--threshold", "100");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("PASS ") || l.contains(" passed, ")
                || l.startsWith("coverage: ")), run::toString);
        long scenarios = lines.stream().filter(l -> l.startsWith("PASS ")).count();
        assertEquals(scenarios + " passed, 0 failed", lines.get(lines.size() - 2));
        assertEquals("coverage: " + BUNDLED_RULES + " of " + BUNDLED_RULES + " rules fired (100%), threshold 100%: ok",
                lines.get(lines.size() - 1));
        assertEquals("", run.err());
    }

    @Test
    void theDefaultIsTheBundledScenarios() {
        CliRun run = CliRun.run("rules", "test");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(CliRun.run("rules", "test", "examples/scenarios").out(), run.out());
    }

    @Test
    void aFailingScenarioPrintsWhatDifferedAndWhy() throws IOException {
        Path file = scenarios("wrong.yaml", """
                asOf: 2026-11-21
                scenarios:
                  - name: passes
                    request: {nodeCount: 10}
                    expect: {recommended: azure-cni-overlay}
                  - name: expects the wrong things
                    request: {nodeCount: 20, windowsNodePools: true, windowsServerVersion: "2019", networkPolicy: calico}
                    expect:
                      recommended: azure-cni-pod-subnet
                      dataplane: cilium
                      eligible: [kubenet]
                      fired: [POL-ANY-PREFERS-CILIUM]
                      notFired: [LIFE-WINDOWS-RETIRED]
                      warnings: [LIFE-WINDOWS-RETIRING]
                """);
        CliRun run = CliRun.run("rules", "test", file.toString());
        assertEquals(5, run.exitCode(), run::toString);
        assertEquals("""
                PASS passes
                FAIL expects the wrong things
                    at %s:6
                    recommended
                      expected: azure-cni-pod-subnet
                      actual:   azure-cni-overlay (score 30, azure data plane, calico policy)
                      why:      azure-cni-pod-subnet scored 0 (azure data plane, calico policy); no rule scored it
                                azure-cni-overlay scored 30 (azure data plane, calico policy):
                                  PREF-OVERLAY-GENERAL favours it: Microsoft's general recommendation is Azure CNI Overlay: \
                pods get addresses from a private pod CIDR, so the VNet only needs node IPs.
                    dataplane
                      expected: cilium
                      actual:   azure
                    eligible
                      expected: kubenet eligible
                      actual:   kubenet is excluded
                      why:      ELIG-UNSUPPORTED-FEATURE: Windows node pools: kubenet is not supported (kubenet has no \
                Windows node pools; clusters with Windows pools must use Azure CNI).
                                LIFE-RETIRING-PLUGIN-NEW-CLUSTER: Lifecycle: Kubenet (legacy) retires on 2028-03-31; \
                a new or rebuilt cluster should use azure-cni-overlay instead.
                    fired
                      expected: POL-ANY-PREFERS-CILIUM fires
                      actual:   POL-ANY-PREFERS-CILIUM did not fire
                    notFired
                      expected: LIFE-WINDOWS-RETIRED does not fire
                      actual:   LIFE-WINDOWS-RETIRED fired once
                      why:      first matched Request(expects the wrong things), String(2019), \
                Retirement(windows:2019: 2026-03-01), Context(as of 2026-11-21)
                    warnings
                      expected: LIFE-WINDOWS-RETIRING
                      actual:   LIFE-WINDOWS-RETIRED (error)
                      why:      missing: LIFE-WINDOWS-RETIRING
                                unexpected: LIFE-WINDOWS-RETIRED (error): Windows Server 2019 has been unsupported since \
                2026-03-01: Windows Server 2019 is not supported from Kubernetes 1.33; node images are removed on \
                2027-04-01, after which scaling fails. Use Windows Server 2025.
                1 passed, 1 failed
                """.formatted(file), run.out());
    }

    @Test
    void anExcludedExpectationShowsTheOptionsScoreWhenItSurvived() throws IOException {
        Path file = scenarios("excluded.yaml", """
                asOf: 2026-11-21
                scenarios:
                  - name: node subnet is not excluded
                    request: {nodeCount: 10, surgeNodes: 1}
                    expect: {excluded: [azure-cni-node-subnet], findings: [IP-ONE-WAY-MAX-PODS]}
                """);
        CliRun run = CliRun.run("rules", "test", file.toString());
        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.out().contains("""
                    excluded
                      expected: azure-cni-node-subnet excluded
                      actual:   azure-cni-node-subnet is eligible (score 5, cilium data plane, cilium policy)
                """), run.out());
        assertTrue(run.out().contains("    findings\n"
                + "      expected: IP-ONE-WAY-MAX-PODS\n"
                + "      actual:   IP-ONE-WAY-MAX-PODS (info), IP-ONE-WAY-POD-CIDR (info), IP-ONE-WAY-SERVICE-CIDR (info)\n"
                + "      why:      unexpected: IP-ONE-WAY-POD-CIDR (info): One-way door: the pod CIDR is set at "
                + "creation."), run.out());
    }

    @Test
    void brokenScenarioFilesAreUsageErrorsWithFileLineAndKey() throws IOException {
        Path file = scenarios("broken.yaml", """
                scenarios:
                  - name: typos
                    reqest: {nodeCount: 20}
                    expect:
                      recomended: azure-cni-overlay
                  - name: bad values
                    asOf: 2026-11-21
                    request:
                      nodeCount: -3
                    expect:
                      recommended: azure-cni-overlai
                      fired: [ELIG-CUSTOM-CN]
                      warnings: [LIFE-WINDOWS-RETIRED: fatal]
                """);
        CliRun run = CliRun.run("rules", "test", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertEquals(List.of(
                "error: " + file + ":3: unknown key 'reqest'; did you mean 'request'?",
                "error: " + file + ":2: asOf: required: give 'asOf: YYYY-MM-DD' at the top of the file or in the "
                        + "scenario, so the scenario keeps its meaning as dates pass",
                "error: " + file + ":2: request: required",
                "error: " + file + ":5: unknown key 'expect.recomended'; did you mean 'recommended'?",
                "error: " + file + ":9: nodeCount: expected a whole number from 1 up, got -3",
                "error: " + file + ":11: expect.recommended: unknown option 'azure-cni-overlai'; did you mean "
                        + "'azure-cni-overlay'?",
                "error: " + file + ":12: expect.fired[0]: unknown rule id 'ELIG-CUSTOM-CN'; did you mean 'ELIG-CUSTOM-CNI'?",
                "error: " + file + ":13: expect.warnings[0]: level 'fatal' is not one of error, warning, info"),
                run.err().lines().toList());
    }

    @Test
    void coverageListsTheRulesNoScenarioFiredAndTheThresholdFailsBelowIt() throws IOException {
        Path file = scenarios("one.yaml", """
                asOf: 2026-11-21
                scenarios:
                  - name: a small cluster
                    request: {nodeCount: 10}
                    expect: {recommended: azure-cni-overlay}
                """);
        CliRun coverage = CliRun.run("rules", "test", file.toString(), "--coverage");
        assertEquals(0, coverage.exitCode(), coverage::toString);
        List<String> lines = coverage.out().lines().toList();
        int fired = firedFor("nodeCount: 10");
        String summary = Coverage.summary(fired, BUNDLED_RULES);
        assertEquals("coverage: " + summary, lines.get(2));
        assertEquals(BUNDLED_RULES - fired, lines.stream().filter(l -> l.startsWith("  not fired: ")).count());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  not fired: ELIG-UNSUPPORTED-FEATURE +rules/eligibility\\.drl:9")),
                coverage.out());

        double percent = 100.0 * fired / BUNDLED_RULES;
        int threshold = (int) Math.floor(percent) + 1; // always above the coverage, even a whole-number one
        CliRun below = CliRun.run("rules", "test", file.toString(), "--threshold", String.valueOf(threshold));
        assertEquals(5, below.exitCode(), below::toString);
        assertTrue(below.out().contains("coverage: " + summary + ", threshold " + threshold
                + "%: BELOW\n"), below.out());
        assertEquals("error: rule coverage " + summary + " is below --threshold " + threshold + "%\n",
                below.err());

        CliRun above = CliRun.run("rules", "test", file.toString(), "--threshold", String.valueOf(Math.floor(percent)));
        assertEquals(0, above.exitCode(), above::toString);
        assertTrue(above.out().contains(": ok\n"), above.out());
    }

    private static int firedFor(String... request) {
        FiringTrace trace = new FiringTrace(Fixtures.advisor().rules(), "test");
        Fixtures.advisor().advise(Fixtures.request(request), Fixtures.AS_OF, trace);
        return trace.firedRuleIds().size();
    }

    @Test
    void thresholdMustBeAPercentage() {
        CliRun run = CliRun.run("rules", "test", "--threshold", "101");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: --threshold must be a percentage from 0 to 100, got 101.0"), run.err());
    }

    @Test
    void asOfIsRefusedBecauseScenariosCarryTheirOwnDate() {
        CliRun run = CliRun.run("rules", "test", "--as-of", "2030-01-01");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: --as-of is not used by rules test: each scenario file gives its own "
                + "asOf"), run.err());
    }

    @Test
    void jsonReportHasEveryScenarioAndTheTally() throws IOException {
        Path file = scenarios("mixed.yaml", """
                asOf: 2026-11-21
                scenarios:
                  - name: passes
                    request: {nodeCount: 10}
                    expect: {recommended: azure-cni-overlay}
                  - name: fails
                    request: {nodeCount: 10}
                    expect: {recommended: kubenet}
                """);
        CliRun run = CliRun.run("rules", "test", file.toString(), "-o", "json", "--coverage");
        assertEquals(5, run.exitCode(), run::toString);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(1, report.get("passed").asInt());
        assertEquals(1, report.get("failed").asInt());
        assertEquals("pass", report.at("/scenarios/0/result").asText());
        assertEquals("fail", report.at("/scenarios/1/result").asText());
        assertEquals(6, report.at("/scenarios/1/line").asInt());
        assertEquals("recommended", report.at("/scenarios/1/mismatches/0/field").asText());
        assertEquals("kubenet", report.at("/scenarios/1/mismatches/0/expected").asText());
        assertTrue(report.at("/scenarios/1/mismatches/0/why/0").asText().startsWith("kubenet is excluded"));
        assertTrue(report.at("/scenarios/0/fired").toString().contains("\"PREF-OVERLAY-GENERAL\""));
        assertEquals(BUNDLED_RULES, report.at("/coverage/rules").asInt());
    }

    @Test
    void junitReportIsOneSuitePerFileWithTheDiffInTheFailure() throws Exception {
        Path file = scenarios("mixed.yaml", """
                asOf: 2026-11-21
                scenarios:
                  - name: passes
                    request: {nodeCount: 10}
                    expect: {recommended: azure-cni-overlay}
                  - name: fails <&> escapes
                    request: {nodeCount: 10}
                    expect: {recommended: kubenet}
                """);
        CliRun run = CliRun.run("rules", "test", file.toString(), "-o", "junit", "--threshold", "100");
        assertEquals(5, run.exitCode(), run::toString);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("3", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        NodeList suites = root.getElementsByTagName("testsuite");
        String relative = cniadvisor.render.JUnitSuite.classname(file.toString());
        assertFalse(relative.startsWith("/"), relative);
        assertEquals(relative, ((Element) suites.item(0)).getAttribute("name"));
        assertEquals(relative, ((Element) root.getElementsByTagName("testcase").item(0)).getAttribute("classname"));
        for (Element timed : List.of(root, (Element) suites.item(0), (Element) suites.item(1),
                (Element) root.getElementsByTagName("testcase").item(0))) {
            assertTrue(timed.getAttribute("time").matches("\\d+\\.\\d{3}"), timed.getAttribute("time"));
        }
        assertEquals("rule coverage", ((Element) suites.item(1)).getAttribute("name"));
        NodeList cases = root.getElementsByTagName("testcase");
        assertEquals("fails <&> escapes", ((Element) cases.item(1)).getAttribute("name"));
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertEquals("1 expectation(s) not met", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("expected: kubenet"), failure.getTextContent());
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
        assertEquals(1, ((Element) cases.item(2)).getElementsByTagName("failure").getLength());
    }

    @Test
    void sameInputSameBytes() {
        CliRun first = CliRun.run("rules", "test", "examples/scenarios", "--coverage", "-o", "junit");
        CliRun second = CliRun.run("rules", "test", "examples/scenarios", "--coverage", "-o", "junit", "--no-cache");
        // the same bytes but for the times each scenario took
        assertEquals(first.out().replaceAll(" time=\"[0-9.]+\"", ""), second.out().replaceAll(" time=\"[0-9.]+\"",
                ""));
        assertTrue(first.out().contains(" time=\""), first.out());
    }

    @Test
    void extraFactsMustLoadWithTheFactsFoldersChecks() throws IOException {
        Files.createDirectories(dir.resolve("facts"));
        Files.writeString(dir.resolve("facts/bad.yaml"), """
                support:
                  - {subject: kubenet, feature: windows, level: unsupported, sources: [learn-cni-overview]}
                """);
        Path file = scenarios("fixture.yaml", """
                asOf: 2026-11-21
                scenarios:
                  - name: uses a fixture that repeats an entry
                    request: {nodeCount: 10}
                    extraFacts: [facts/bad.yaml, facts/missing.yaml]
                    expect: {recommended: azure-cni-overlay}
                """);
        CliRun run = CliRun.run("rules", "test", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: " + file + ":5: extraFacts[1]: " + dir.resolve("facts/missing.yaml")
                + ": no such file (paths are relative to the scenario file)\n", run.err());

        Files.writeString(file, Files.readString(file).replace(", facts/missing.yaml", ""));
        CliRun again = CliRun.run("rules", "test", file.toString());
        assertEquals(2, again.exitCode(), again::toString);
        List<String> lines = again.err().lines().toList();
        assertEquals("error: " + file + ":3: extraFacts of scenario 'uses a fixture that repeats an entry' do not "
                + "load:", lines.get(0));
        assertTrue(lines.get(1).matches("error:   " + java.util.regex.Pattern.quote(dir.resolve("facts/bad.yaml")
                + ":2: duplicate support entry 'kubenet / windows' (first defined at ") + ".*support.yaml:\\d+\\)"),
                lines.get(1));
    }

    /** The worked example in docs/rule-authoring.md: the org rules fire, and the org scenarios pass. */
    @Test
    void organisationExamplePasses() {
        CliRun run = CliRun.run("rules", "test", "--rules", "bundled", "--rules", "examples/org-policy/rules",
                "examples/org-policy/scenarios", "--coverage");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\n6 passed, 0 failed\n"), run.out());
        assertTrue(run.out().contains("\n  examples/org-policy/rules: 2 of 2 rules fired (100%)\n"), run.out());
    }

    /** Without the org rules the same requests get a recommendation: the org policy is what removes it. */
    @Test
    void organisationRulesChangeTheOutcome() throws IOException {
        Path file = scenarios("without-org.yaml", """
                asOf: 2026-06-01
                scenarios:
                  - name: Windows cluster asking for Azure NPM, bundled rules only
                    request: {nodeCount: 20, windowsNodePools: true, windowsServerVersion: "2022", networkPolicy: azure}
                    expect: {recommended: azure-cni-overlay, networkPolicy: azure}
                  - name: BYO CNI without an exception, bundled rules only
                    request: {name: payments, nodeCount: 10, customCni: calico-oss}
                    expect: {recommended: byo-cni}
                """);
        CliRun run = CliRun.run("rules", "test", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        CliRun withOrg = CliRun.run("rules", "test", "--rules", "bundled", "--rules", "examples/org-policy/rules",
                file.toString());
        assertEquals(5, withOrg.exitCode(), withOrg::toString);
        assertTrue(withOrg.out().contains("ORG-WINDOWS-CALICO: Org policy: clusters with Windows node pools run "
                + "Calico network policy; azure-cni-overlay / azure data plane / azure policy runs azure."),
                withOrg.out());
        assertTrue(withOrg.out().contains("ORG-BYO-CNI-EXCEPTION: Org policy: running calico-oss yourself needs an "
                + "approved exception"),
                withOrg.out());
        assertFalse(withOrg.out().contains("PASS"), withOrg.out());
    }
}
