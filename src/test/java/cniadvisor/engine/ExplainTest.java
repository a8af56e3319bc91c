package cniadvisor.engine;

import cniadvisor.model.Firing;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code advise --explain} and the {@link FiringTrace} behind it. */
class ExplainTest {

    private static final String WINDOWS_2019 = "examples/requests/windows-2019.yaml";

    private static List<Firing> trace(NamedRequest request, LocalDate asOf) {
        FiringTrace trace = new FiringTrace(Fixtures.advisor().rules(), request.name());
        Fixtures.advisor().advise(request, asOf, trace);
        return trace.firings();
    }

    @Test
    void firingsAreNumberedInOrderWithTheFactsTheyMatched() {
        List<Firing> firings = trace(Fixtures.request("name: legacy-windows", "nodeCount: 20",
                "windowsNodePools: true", "windowsServerVersion: \"2019\"", "networkPolicy: calico"), Fixtures.AS_OF);
        for (int i = 0; i < firings.size(); i++) {
            assertEquals(i + 1, firings.get(i).sequence());
        }
        Firing kubenetOnWindows = firings.stream()
                .filter(f -> f.ruleId().equals("ELIG-UNSUPPORTED-FEATURE") && "kubenet".equals(f.option())
                        && f.matched().contains("Feature(windows)")).findFirst()
                .orElseThrow();
        assertEquals("A feature the request uses rules out what does not support it", kubenetOnWindows.ruleName());
        // in the order of the rule's patterns: NamedRequest, Support, Feature, Candidate (whichever kubenet candidate came first)
        List<String> matched = kubenetOnWindows.matched();
        assertEquals(List.of("Request(legacy-windows)", "Support(kubenet/windows: unsupported)", "Feature(windows)"),
                matched.subList(0, 3));
        assertTrue(matched.get(3).startsWith("Candidate(kubenet / azure / "), matched.toString());
        assertEquals(4, matched.size());
        Firing retired = firings.stream().filter(f -> f.ruleId().equals("LIFE-WINDOWS-RETIRED")).findFirst()
                .orElseThrow();
        assertEquals(null, retired.option());
        assertEquals(List.of("Request(legacy-windows)", "String(2019)", "Retirement(windows:2019: 2026-03-01)",
                "Context(as of 2026-11-21)"), retired.matched());
    }

    @Test
    void explainGroupsTheFiringsPerOptionInFiringOrder() throws Exception {
        CliRun run = CliRun.run("advise", "-f", WINDOWS_2019, "--as-of", "2026-11-21", "--explain", "-o", "json");
        // the retired Windows image is an error finding: the report, explain included, is written and the run fails
        assertEquals(6, run.exitCode(), run::toString);
        JsonNode explain = new ObjectMapper().readTree(run.out()).get("explain");

        NamedRequest request = Fixtures.request("name: legacy-windows", "nodeCount: 20", "windowsNodePools: true",
                "windowsServerVersion: \"2019\"", "networkPolicy: calico");
        List<Firing> firings = trace(request, Fixtures.AS_OF);
        List<String> options = new ArrayList<>();
        explain.get("options").fieldNames().forEachRemaining(options::add);
        assertEquals(List.of("azure-cni-overlay", "azure-cni-pod-subnet", "azure-cni-node-subnet", "kubenet",
                "byo-cni"), options);
        for (String option : options) {
            List<String> expected = firings.stream().filter(f -> option.equals(f.option()))
                    .map(f -> f.sequence() + " " + f.ruleId() + " " + f.matched()).toList();
            assertEquals(expected, steps(explain.get("options").get(option)), option);
        }
        assertEquals(firings.stream().filter(f -> f.option() == null)
                .map(f -> f.sequence() + " " + f.ruleId() + " " + f.matched()).toList(), steps(explain.get("request")));
        assertTrue(steps(explain.get("request")).stream().anyMatch(s -> s.endsWith(" LIFE-WINDOWS-RETIRED "
                + "[Request(legacy-windows), String(2019), Retirement(windows:2019: 2026-03-01), Context(as of 2026-11-21)]")));
    }

    private static List<String> steps(JsonNode group) {
        List<String> steps = new ArrayList<>();
        for (Iterator<JsonNode> it = group.elements(); it.hasNext(); ) {
            JsonNode step = it.next();
            List<String> matched = new ArrayList<>();
            step.get("matched").forEach(m -> matched.add(m.asText()));
            steps.add(step.get("seq").asInt() + " " + step.get("rule").asText() + " " + matched);
        }
        return steps;
    }

    @Test
    void textExplainFollowsTheUsualReport() {
        CliRun plain = CliRun.run("advise", "-f", WINDOWS_2019, "--as-of", "2026-11-21");
        CliRun explained = CliRun.run("advise", "-f", WINDOWS_2019, "--as-of", "2026-11-21", "--explain");
        assertEquals(6, explained.exitCode(), explained::toString);
        assertEquals(plain.err(), explained.err(), "--explain changes stdout only");
        assertFalse(plain.out().contains("Explain"), plain.out());
        assertTrue(explained.out().startsWith(plain.out()), explained.out());
        String explain = explained.out().substring(plain.out().length());
        assertTrue(explain.startsWith("\nExplain: the rules that fired, in firing order (#n counts every firing)\n"
                + "  azure-cni-overlay (recommended)\n    #"), explain);
        assertTrue(explain.contains("  kubenet (excluded)\n"), explain);
        assertTrue(explain.matches("(?s).*\n    #\\d+ ELIG-UNSUPPORTED-FEATURE  A feature the request uses rules out "
                + "what does not support it\n        matched Request\\(legacy-windows\\), Support\\(kubenet/windows: "
                + "unsupported\\), Feature\\(windows\\), Candidate\\(kubenet / azure / [a-z]+\\)\n.*"), explain);
        assertTrue(explain.contains("\n  request-level\n"), explain);
    }

    @Test
    void explainWithTerraformIsAUsageError() {
        CliRun run = CliRun.run("advise", "-f", WINDOWS_2019, "--explain", "-o", "terraform");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: --explain works with -o text, json, yaml, markdown, not terraform"),
                run.err());
    }

    @Test
    void rulesWithoutAnIdAreLeftOutOfTheTrace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.drl"), """
                package cniadvisor.rules;
                import cniadvisor.model.*;
                global cniadvisor.engine.Verdict verdict;

                rule "Helper without an id"
                when
                    Request()
                then
                end

                rule "Counted"
                    @id("X-1")
                    @source("learn-cni-overview")
                when
                    Request()
                then
                end
                """);
        RuleBase rules = RuleCompiler.compile(List.of(dir));
        Advisor advisor = new Advisor(KnowledgeLoader.load(Fixtures.FACTS), rules, AdvisorConfig.DEFAULT_MAX_FIRINGS);
        NamedRequest request = Fixtures.request("nodeCount: 10");
        FiringTrace trace = new FiringTrace(rules, request.name());
        Advice advice = advisor.advise(request, Fixtures.AS_OF, trace);
        assertEquals(List.of("X-1"), List.copyOf(trace.firedRuleIds()));
        assertEquals(1, trace.firings().size());
        assertEquals("Request(test)", trace.firings().get(0).matched().get(0));
        assertTrue(advice.hasRecommendation());
    }
}
