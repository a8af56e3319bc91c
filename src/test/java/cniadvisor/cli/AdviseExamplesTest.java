package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import cniadvisor.model.Reason;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static cniadvisor.testing.Fixtures.EXAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: {@code cni-advisor advise} on every file in examples/requests/, as a user runs it (with the rule-base
 * cache, which surefire points into target/), judged as of 2026-11-21. A new example fails
 * {@link #everyExampleHasAnExpectation} until its expected verdict is added here.
 */
class AdviseExamplesTest {

    private static final String AS_OF = "2026-11-21";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final List<String> OPTION_IDS = List.of("azure-cni-overlay", "azure-cni-pod-subnet",
            "azure-cni-node-subnet", "kubenet", "byo-cni");
    private static final List<String> STATUSES = List.of("recommended", "eligible", "excluded");

    /**
     * What each example should get: its name, and the option / data plane / policy, or null when nothing fits; and
     * whether an error finding fails the run (exit code 6 under the default --fail-on error).
     */
    private record Expected(String name, String option, String dataplane, String policy, boolean errorFinding) {
        static Expected fits(String name, String option, String dataplane, String policy) {
            return new Expected(name, option, dataplane, policy, false);
        }

        static Expected noFit(String name) {
            return new Expected(name, null, null, null, false);
        }

        Expected withAnErrorFinding() {
            return new Expected(name, option, dataplane, policy, true);
        }

        boolean hasFit() {
            return option != null;
        }

        int exitCode() {
            return !hasFit() ? ExitCode.NO_FIT.code() : errorFinding ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
        }
    }

    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("conflict-virtual-nodes-dual-stack.yaml", Expected.noFit("impossible")),
            Map.entry("custom-cilium-oss.yaml", Expected.fits("mesh-lab", "byo-cni", "none", "none")),
            Map.entry("dual-stack.json", Expected.fits("edge-ipv6", "azure-cni-overlay", "cilium", "cilium")),
            Map.entry("legacy-kubenet-migration.yaml", Expected.fits("legacy-intranet", "azure-cni-overlay", "cilium", "cilium")),
            Map.entry("payments.yaml", Expected.fits("payments", "azure-cni-overlay", "cilium", "cilium")),
            Map.entry("three-pools.yaml", Expected.fits("line-of-business", "azure-cni-pod-subnet", "azure", "none")),
            Map.entry("trading-direct-access.yaml", Expected.fits("trading", "azure-cni-pod-subnet", "cilium", "cilium")),
            Map.entry("virtual-nodes.yaml", Expected.fits("batch-burst", "azure-cni-node-subnet", "azure", "none")),
            Map.entry("windows-2019.yaml", Expected.fits("legacy-windows", "azure-cni-overlay", "azure", "calico") .withAnErrorFinding()),
            Map.entry("windows-line-of-business.yaml", Expected.fits("lob-windows", "azure-cni-overlay", "azure", "calico")));

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("requests"))) {
            return files.sorted().toList().stream();
        }
    }

    private static Expected expected(Path example) {
        Expected expected = EXPECTED.get(example.getFileName().toString());
        assertNotNull(expected, () -> "no expectation for " + example + " in AdviseExamplesTest.EXPECTED");
        return expected;
    }

    /** One run per example and format, shared by the tests that read it: each run loads the rule base. */
    private static final Map<String, CliRun> RUNS = new ConcurrentHashMap<>();

    private static CliRun advise(Path example, String format) {
        return RUNS.computeIfAbsent(example + " " + format,
                key -> CliRun.run("advise", "-f", example.toString(), "-o", format, "--as-of", AS_OF));
    }

    private static JsonNode adviseJson(Path example) throws IOException {
        CliRun run = advise(example, "json");
        assertEquals(expected(example).exitCode(), run.exitCode(), run::toString);
        JsonNode advice = JSON.readTree(run.out());
        assertEquals(stderr(advice, expected(example)), run.err(), "stderr: the error and warning findings");
        return advice;
    }

    /**
     * What stderr should hold for an advice: a line per error and warning finding (warnings, then the address
     * plan's findings), then the closing line when an error fails the run.
     */
    private static String stderr(JsonNode advice, Expected expected) {
        StringBuilder err = new StringBuilder();
        int errors = 0;
        for (JsonNode finding : concat(advice.get("warnings"), advice.at("/addressPlan/findings"))) {
            String level = finding.path("level").asText();
            if (level.equals("error") || level.equals("warning")) {
                err.append(level).append(": ").append(expected.name()).append(": [")
                        .append(finding.path("rule").asText()).append("] ").append(finding.path("text").asText())
                        .append('\n');
                errors += level.equals("error") ? 1 : 0;
            }
        }
        if (expected.hasFit()) {
            assertEquals(expected.errorFinding(), errors > 0, () -> "error findings of " + expected.name() + ": "
                    + err);
        }
        if (!expected.hasFit()) {
            List<String> conflicts = new ArrayList<>();
            advice.get("conflicts").forEach(c -> conflicts.add(c.asText()));
            err.append("error: no option fits the requirements of ").append(expected.name()).append(" (")
                    .append(String.join("; ", conflicts)).append(")\n");
        }
        if (expected.exitCode() == ExitCode.FINDINGS.code()) {
            err.append("cni-advisor: failing (--fail-on error): ").append(errors)
                    .append(errors == 1 ? " error\n" : " errors\n");
        }
        return err.toString();
    }

    private static List<JsonNode> concat(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            array.forEach(all::add);
        }
        return all;
    }

    @Test
    void everyExampleHasAnExpectation() throws IOException {
        List<String> files = examples().map(p -> p.getFileName().toString()).toList();
        assertEquals(EXPECTED.keySet().stream().sorted().toList(), files);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void jsonGivesTheExpectedRecommendation(Path example) throws IOException {
        Expected expected = expected(example);
        JsonNode advice = adviseJson(example);

        assertEquals(expected.name(), advice.path("name").asText());
        assertEquals(AS_OF, advice.path("asOf").asText());
        JsonNode recommendation = advice.get("recommendation");
        if (!expected.hasFit()) {
            assertTrue(recommendation.isNull(), "no recommendation");
            assertEquals(OPTION_IDS.size(), advice.get("conflicts").size(), "a conflict line per option");
            return;
        }
        assertEquals(expected.option(), recommendation.path("option").asText());
        assertEquals(expected.dataplane(), recommendation.path("dataplane").asText());
        assertEquals(expected.policy(), recommendation.path("networkPolicy").asText());
        assertTrue(recommendation.path("azCli").asText().contains("\naz aks create \\\n")
                        || recommendation.path("azCli").asText().startsWith("az aks create \\\n"),
                () -> "azCli: " + recommendation.path("azCli"));
        assertTrue(recommendation.path("azCli").asText().contains("\n  --name " + expected.name() + " \\\n"));
        assertEquals("az aks create", recommendation.at("/deployment/steps").findValuesAsText("command").stream()
                .filter(c -> c.startsWith("az aks create")).findFirst().orElse(null));
        assertEquals(0, advice.get("conflicts").size(), "no conflicts when something fits");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void jsonFollowsTheContract(Path example) throws IOException {
        JsonNode advice = adviseJson(example);

        assertEquals(List.of("schemaVersion", "name", "asOf", "recommendation", "options", "warnings", "conflicts", "addressPlan"),
                fieldNames(advice));
        if (expected(example).hasFit()) {
            assertEquals(List.of("option", "title", "dataplane", "networkPolicy", "azCli", "deployment", "network"),
                    fieldNames(advice.get("recommendation")));
        }
        JsonNode plan = advice.get("addressPlan");
        assertEquals(List.of("sizing", "ranges", "findings"), fieldNames(plan));
        assertEquals(expected(example).hasFit(), plan.get("ranges").size() > 0, "ranges are planned when something fits");
        for (JsonNode finding : plan.get("findings")) {
            assertReason(finding);
            assertTrue(Reason.LEVELS.contains(finding.path("level").asText()), finding::toString);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode option : advice.get("options")) {
            ids.add(option.path("id").asText());
            assertTrue(STATUSES.contains(option.path("status").asText()), option::toString);
            assertFalse(option.path("title").asText().isBlank(), option::toString);
            boolean excluded = option.path("status").asText().equals("excluded");
            assertEquals(!excluded, option.has("dataplane") && option.has("networkPolicy") && option.has("score"),
                    () -> "only options that are not excluded name their best configuration: " + option);
            for (JsonNode reason : option.get("reasons")) {
                assertReason(reason);
                assertTrue(Reason.EFFECTS.contains(reason.path("effect").asText()), reason::toString);
            }
        }
        assertEquals(OPTION_IDS.stream().sorted().toList(), ids.stream().sorted().toList(), "all five options");
        assertEquals(expected(example).hasFit() ? 1 : 0,
                stream(advice.get("options")).filter(o -> o.path("status").asText().equals("recommended")).count());
        for (JsonNode warning : advice.get("warnings")) {
            assertReason(warning);
            assertTrue(Reason.LEVELS.contains(warning.path("level").asText()), warning::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void yamlIsTheSameDocumentAsJson(Path example) throws IOException {
        JsonNode json = adviseJson(example);
        CliRun yaml = advise(example, "yaml");

        assertEquals(expected(example).exitCode(), yaml.exitCode(), yaml::toString);
        assertEquals(json, YAML.readTree(yaml.out()));
        assertEquals(advise(example, "json").err(), yaml.err(), "the same findings on stderr");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void markdownCarriesTheSameRecommendation(Path example) {
        Expected expected = expected(example);
        CliRun run = advise(example, "markdown");

        assertEquals(expected.exitCode(), run.exitCode(), run::toString);
        assertEquals(advise(example, "json").err(), run.err(), "the same findings on stderr");
        assertTrue(run.out().startsWith("## " + expected.name() + ": AKS network plugin advice"), run::toString);
        String headline = expected.hasFit()
                ? "**Recommended:** " + title(expected.option()) + ", " + expected.dataplane() + " data plane, "
                        + expected.policy() + " network policy"
                : "**No option fits these requirements.**";
        assertTrue(run.out().contains(headline + "\n"), () -> "expected \"" + headline + "\" in\n" + run.out());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void textCarriesTheSameRecommendation(Path example) {
        Expected expected = expected(example);
        CliRun run = advise(example, "text");

        assertEquals(expected.exitCode(), run.exitCode(), run::toString);
        assertEquals(advise(example, "json").err(), run.err(), "the same findings on stderr");
        assertTrue(run.out().startsWith(expected.name() + ": AKS network plugin advice (as of " + AS_OF + ")"),
                run::toString);
        String headline = expected.hasFit()
                ? "RECOMMENDED  " + title(expected.option()) + ", " + expected.dataplane() + " data plane, "
                        + expected.policy() + " network policy"
                : "NO OPTION FITS these requirements.";
        assertTrue(run.out().contains(headline), () -> "expected \"" + headline + "\" in\n" + run.out());
    }

    @Test
    void aJsonRequestOnStdinGivesYaml() throws IOException {
        String request = """
                {"name": "piped", "nodeCount": 30, "windowsNodePools": true, "windowsServerVersion": "2022",
                 "networkPolicy": "any"}
                """;
        CliRun run = CliRun.runWithInput(request, "advise", "-f", "-", "-o", "yaml", "--as-of", AS_OF);

        assertEquals(ExitCode.OK.code(), run.exitCode(), run::toString);
        JsonNode advice = YAML.readTree(run.out());
        assertEquals("piped", advice.path("name").asText());
        assertEquals("azure-cni-overlay", advice.at("/recommendation/option").asText());
        assertEquals("azure", advice.at("/recommendation/dataplane").asText());
        assertEquals("calico", advice.at("/recommendation/networkPolicy").asText());
    }

    @Test
    void anExampleOnStdinGivesTheSameAdviceAsTheFile() throws IOException {
        Path example = EXAMPLES.resolve("requests/dual-stack.json");
        CliRun fromFile = advise(example, "yaml");
        CliRun fromStdin = CliRun.runWithInput(Files.readString(example), "advise", "-f", "-", "-o", "yaml",
                "--as-of", AS_OF);

        assertEquals(ExitCode.OK.code(), fromStdin.exitCode(), fromStdin::toString);
        assertEquals(fromFile.out(), fromStdin.out());
    }

    /** A reason or warning: rule, text, and sources with id, title, url and asOf. */
    private static void assertReason(JsonNode reason) {
        assertFalse(reason.path("rule").asText().isBlank(), reason::toString);
        assertFalse(reason.path("text").asText().isBlank(), reason::toString);
        assertTrue(reason.path("sources").size() > 0, () -> "no sources: " + reason);
        for (JsonNode source : reason.get("sources")) {
            assertEquals(List.of("id", "title", "url", "asOf"), fieldNames(source));
            assertTrue(source.path("url").asText().startsWith("https://"), source::toString);
            assertTrue(source.path("asOf").asText().matches("\\d{4}-\\d{2}-\\d{2}"), source::toString);
        }
    }

    private static String title(String option) {
        return Fixtures.advisor().knowledge().option(option).orElseThrow().title();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
