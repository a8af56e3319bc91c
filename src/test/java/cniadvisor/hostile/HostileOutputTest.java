package cniadvisor.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;
import cniadvisor.testing.HostileNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The bad-input suite for output: every output format of {@code batch}, {@code advise}, {@code plan} and
 * {@code rules test} over names that hold what breaks formats (src/test/resources/hostile/outputs/ and a seeded
 * fuzz). Each run must end with its usual exit code and no stack trace, and its output must parse in its format
 * (CSV, XML, JSON and YAML parsers; the Terraform and Bicep line by line, and the Terraform with a real HCL parser
 * in src/test/hcl/validate-terraform.sh) with exactly one row, case or object per request.
 */
class HostileOutputTest {

    static final Path DIR = Path.of("src/test/resources/hostile/outputs");
    private static final String AS_OF = "2026-11-21";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BATCH_FORMATS = List.of("table", "csv", "json", "jsonl", "markdown", "junit",
            "sarif");
    private static final List<String> CSV_COLUMNS = List.of("input", "line", "name", "status", "option", "dataplane",
            "networkPolicy", "score", "otherEligible", "errors", "warnings", "rules", "messages", "azCli", "vnet",
            "nodeSubnet", "podSubnet", "podCidr", "serviceCidr", "allocated");

    /** A batch input, how many requests it holds, and the exit code a batch over it ends with. */
    record Input(Path file, int requests, int exitCode) {
        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    @TempDir
    static Path shared;

    /** names.jsonl: 39 requests, some invalid (exit 2); names.csv: 14, those with control characters invalid; fuzz.jsonl: 120. */
    static List<Input> inputs() {
        return List.of(new Input(DIR.resolve("names.jsonl"), 39, 2), new Input(DIR.resolve("names.csv"), 14, 2),
                new Input(shared.resolve("fuzz.jsonl"), 120, 0));
    }

    @BeforeAll
    static void writeFuzzedRequests() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String name : HostileNames.fuzzed(120, 42)) {
            lines.append("{\"name\": ").append(HostileNames.jsonString(nonBlank(name)))
                    .append(", \"nodeCount\": 10}\n");
        }
        Files.writeString(shared.resolve("fuzz.jsonl"), lines, StandardCharsets.US_ASCII);
    }

    /**
     * A blank name, or one with a control character other than tab and line breaks, is an input error (tested in
     * HostileInputTest); here every fuzzed request is to be evaluated, so those characters become '^'. Line breaks,
     * U+2028, lone surrogates, markup and formula prefixes stay: they pass the door and must be escaped on the way out.
     */
    static String nonBlank(String name) {
        StringBuilder accepted = new StringBuilder();
        name.chars().forEach(c -> accepted.append(Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'
                ? '^' : (char) c));
        return accepted.toString().isBlank() ? accepted + "x" : accepted.toString();
    }

    static Stream<Arguments> batchRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (Input input : inputs()) {
            for (String format : BATCH_FORMATS) {
                runs.add(Arguments.of(input, format));
            }
        }
        return runs.stream();
    }

    /** What every run must never print: a Java exception or a stack frame. */
    static void assertNoStackTrace(CliRun run) {
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat ")
                || run.err().contains("internal error"), run.toString());
    }

    /** No control character but the line feed (and, where the format allows it, the tab). */
    static void assertNoControls(String text, boolean tabs) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && !(tabs && c == '\t') || c >= 0x7f && c <= 0x9f
                    || c == '\u2028' || c == '\u2029';
            assertFalse(control, "control U+" + Integer.toHexString(c) + " at " + i + ": "
                    + text.substring(Math.max(0, i - 80), Math.min(text.length(), i + 40)));
        }
    }

    static void assertWellFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)), "lone high at " + i);
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), "lone low at " + i);
            }
        }
    }

    // ---- batch ----

    @ParameterizedTest(name = "batch {0} -o {1}")
    @MethodSource("batchRuns")
    void everyBatchFormatParsesWithOneEntryPerRequest(Input input, String format) throws Exception {
        // SARIF lists recommendations only when asked: asked here, so every request has a result to check
        CliRun run = CliRun.run("batch", input.file().toString(), "-o", format, "--as-of", AS_OF, "--no-progress",
                "--sarif-recommendations");

        assertEquals(input.exitCode(), run.exitCode(), run.toString());
        assertNoStackTrace(run);
        checkBatchReport(format, run.out(), input.requests());
    }

    @ParameterizedTest(name = "batch names.jsonl -o {0} --output-file")
    @ValueSource(strings = {"table", "csv", "json", "jsonl", "markdown", "junit", "sarif"})
    void everyBatchFormatWrittenToAFileParsesAndLeavesNoTemporaryFile(String format, @TempDir Path dir)
            throws Exception {
        Input input = inputs().get(0);
        Path report = Files.writeString(dir.resolve("report.out"), "the previous report\n");

        CliRun run = CliRun.run("batch", input.file().toString(), "-o", format, "--as-of", AS_OF, "--no-progress",
                "--sarif-recommendations", "--output-file", report.toString());

        assertEquals(input.exitCode(), run.exitCode(), run.toString());
        assertNoStackTrace(run);
        assertEquals("", run.out());
        checkBatchReport(format, Files.readString(report, StandardCharsets.UTF_8), input.requests());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("report.out"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    static void checkBatchReport(String format, String out, int requests) throws Exception {
        assertWellFormedUtf16(out);
        switch (format) {
            case "table" -> checkTable(out, requests);
            case "csv" -> checkCsv(out, requests);
            case "json" -> assertEquals(requests, JSON.readTree(out).size());
            case "jsonl" -> checkJsonLines(out, requests);
            case "markdown" -> checkMarkdown(out, requests);
            case "junit" -> checkJUnit(out, requests);
            case "sarif" -> checkSarif(out, requests);
            default -> throw new IllegalArgumentException(format);
        }
    }

    /** A header, a row per request, a blank line, the summary: nothing else starts a line. */
    static void checkTable(String out, int requests) {
        assertNoControls(out, false);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).matches(" +# +NAME +RESULT.*"), lines.get(0));
        for (int i = 1; i <= requests; i++) {
            assertTrue(lines.get(i).matches(" *" + i + "  .*"), "row " + i + ": " + lines.get(i));
        }
        assertEquals("", lines.get(requests + 1));
        assertTrue(lines.get(requests + 2).startsWith("Batch: " + requests + " requests"), lines.get(requests + 2));
    }

    /** Read back by a CSV parser: a header and one row of 20 cells per request; no text cell starts a formula. */
    static void checkCsv(String out, int requests) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(new StringReader(out))) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(requests + 1, rows.size(), out);
        assertEquals(CSV_COLUMNS, List.of(rows.get(0)));
        for (String[] row : rows.subList(1, rows.size())) {
            assertEquals(CSV_COLUMNS.size(), row.length, String.join(" | ", row));
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                boolean number = List.of("line", "score", "errors", "warnings").contains(CSV_COLUMNS.get(i));
                assertFalse(!number && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
                        CSV_COLUMNS.get(i) + " starts a formula: " + cell);
                assertFalse(cell.contains("\r") || cell.contains("\u0000"), cell);
            }
        }
    }

    static void checkJsonLines(String out, int requests) throws Exception {
        List<String> lines = out.lines().filter(l -> !l.isEmpty()).toList();
        assertEquals(requests, lines.size());
        for (String line : lines) {
            assertTrue(JSON.readTree(line).has("input"), line);
        }
    }

    /**
     * A section per request and nothing else at heading level 2 but the summary and sources; no raw HTML; every
     * table row has the cells of its header.
     */
    static void checkMarkdown(String out, int requests) {
        assertNoControls(out, false);
        List<String> lines = outsideFences(out.lines().toList());
        List<String> headings = lines.stream().filter(l -> l.startsWith("## ")).toList();
        int sections = (int) headings.stream().filter(l -> l.matches("## \\d+\\. .*")).count();
        assertEquals(requests, sections, String.join("\n", headings));
        assertEquals(List.of("## Summary"), headings.stream().filter(l -> !l.matches("## \\d+\\. .*")
                && !l.equals("## Sources")).toList());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("# ")).count());
        assertFalse(out.matches("(?s).*(<script|<img|<b>|<!--).*"), "raw HTML");
        checkMarkdownTables(lines);
        // code fences open and close in pairs
        assertEquals(0, out.lines().filter(l -> l.startsWith("```")).count() % 2);
    }

    /** The lines outside fenced code blocks (the az steps' bash comments start with "# " too). */
    static List<String> outsideFences(List<String> lines) {
        List<String> outside = new java.util.ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                outside.add(line);
            }
        }
        return outside;
    }

    static void checkMarkdownTables(List<String> lines) {
        int cells = -1;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                cells = -1;
                continue;
            }
            int pipes = HostileNames.unescapedPipes(line);
            if (cells < 0) {
                cells = pipes;
            }
            assertEquals(cells, pipes, "a table row with other cells than its header: " + line);
        }
    }

    static Document xml(String out) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(out)));
    }

    static void checkJUnit(String out, int requests) throws Exception {
        Document doc = xml(out);
        assertEquals(requests, doc.getElementsByTagName("testcase").getLength());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals(Integer.toString(requests), suite.getAttribute("tests"));
    }

    /** Valid against the SARIF 2.1.0 schema, with a result per request (run with --sarif-recommendations). */
    static void checkSarif(String out, int requests) throws Exception {
        JsonNode sarif = cniadvisor.testing.SarifSchema.assertValid(out);
        JsonNode results = sarif.path("runs").path(0).path("results");
        assertTrue(results.size() >= requests, "a result per request at least: " + results.size());
        results.forEach(r -> assertFalse(r.path("message").path("text").asText().isEmpty()));
    }

    // ---- advise and plan ----

    /** One request file per hostile name: the bundled request.json and a few fuzzed ones. */
    static Stream<Path> requestFiles() throws Exception {
        List<Path> files = new ArrayList<>(List.of(DIR.resolve("request.json")));
        List<String> names = HostileNames.fuzzed(12, 7);
        for (int i = 0; i < names.size(); i++) {
            Path file = shared.resolve("request-" + i + ".json");
            Files.writeString(file, "{\"name\": " + HostileNames.jsonString(nonBlank(names.get(i)))
                    + ", \"nodeCount\": 40, \"nodeSubnetCidr\": \"10.30.0.0/22\"}\n", StandardCharsets.US_ASCII);
            files.add(file);
        }
        return files.stream();
    }

    @ParameterizedTest(name = "advise {0}")
    @MethodSource("requestFiles")
    void everyAdviseFormatKeepsTheNameInItsPlace(Path request) throws Exception {
        for (String format : List.of("text", "json", "yaml", "markdown", "terraform", "bicep")) {
            CliRun run = CliRun.run("advise", "-f", request.toString(), "-o", format, "--as-of", AS_OF);
            assertEquals(0, run.exitCode(), format + ": " + run);
            assertNoStackTrace(run);
            String out = run.out();
            assertWellFormedUtf16(out);
            switch (format) {
                case "text" -> {
                    assertNoControls(out, false);
                    // the title line, then the key to the marks, then a blank line: the name took one line
                    List<String> lines = out.lines().toList();
                    assertTrue(lines.get(1).startsWith("Key: +") && lines.get(2).isEmpty(),
                            "the name is one line: " + out);
                }
                case "json" -> assertTrue(JSON.readTree(out).has("recommendation"));
                case "yaml" -> assertTrue(new YAMLMapper().readTree(out).has("recommendation"));
                case "markdown" -> {
                    assertNoControls(out, false);
                    List<String> lines = out.lines().toList();
                    assertTrue(lines.get(0).startsWith("## ") && lines.get(1).isEmpty(), out);
                    assertEquals(1, lines.stream().filter(l -> l.startsWith("## ")).count(), out);
                    assertFalse(out.matches("(?s).*(<script|<img|<b>|<!--).*"), "raw HTML");
                    checkMarkdownTables(lines);
                }
                case "terraform" -> checkTerraform(out);
                case "bicep" -> checkBicep(out);
                default -> throw new IllegalArgumentException(format);
            }
        }
        for (String format : List.of("text", "json", "yaml", "markdown")) {
            CliRun run = CliRun.run("plan", "-f", request.toString(), "-o", format, "--as-of", AS_OF);
            assertEquals(0, run.exitCode(), "plan " + format + ": " + run);
            assertNoStackTrace(run);
            switch (format) {
                case "json" -> assertTrue(JSON.readTree(run.out()).has("addressPlan"));
                case "yaml" -> assertTrue(new YAMLMapper().readTree(run.out()).has("addressPlan"));
                default -> {
                    assertNoControls(run.out(), false);
                    checkMarkdownTables(run.out().lines().toList());
                }
            }
        }
    }

    /**
     * Comments, variables, the subnet, cluster and node pool resources with their nested blocks, and attributes
     * whose strings hold no interpolation: no other line, and the blocks balance.
     */
    static void checkTerraform(String out) {
        assertNoControls(out, false);
        int depth = 0;
        for (String line : out.lines().toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.matches("variable \"[a-z_]+\" \\{|resource \"azurerm_(subnet|kubernetes_cluster|"
                    + "kubernetes_cluster_node_pool)\" \"[a-z0-9_]+\" \\{")) {
                assertEquals(0, depth, line);
                depth++;
            } else if (line.matches(" +[a-z_]+ \\{")) {
                assertTrue(depth > 0, line);
                depth++;
            } else if (line.matches(" *\\}")) {
                assertTrue(depth > 0, line);
                depth--;
            } else {
                assertTrue(depth > 0 && line.matches(" +[a-z_]+ += (\"[^\"\\\\$%]*\"|\\[[^]$%]*\\]|[a-z_.]+|\\d+|true)"
                        + "( # .*)?"), "not a line of the deployment: " + line + "\n" + out);
            }
        }
        assertEquals(0, depth, out);
    }

    /** Comments, params, the subnet and cluster resources and their properties: no string holds an interpolation. */
    static void checkBicep(String out) {
        assertNoControls(out, false);
        for (String line : out.lines().toList()) {
            assertTrue(line.isEmpty() || line.startsWith("// ")
                            || line.matches("@description\\('[^'\\\\$]*'\\)")
                            || line.matches("param [A-Za-z]+ string( = resourceGroup\\(\\)\\.location)?")
                            || line.matches("resource [A-Za-z0-9]+ 'Microsoft\\.[A-Za-z./]+@[0-9-]+'( existing)? = \\{")
                            || line.matches(" *[A-Za-z]+: ('[^'\\\\$]*'|[A-Za-z0-9.]+|\\[|\\{)( // .*)?")
                            || line.matches(" *'[^'\\\\$]*'") || line.matches(" *[A-Za-z0-9]+")
                            || line.matches(" *[]}{]"),
                    "not a line of the Bicep file: " + line + "\n" + out);
        }
    }

    // ---- rules test ----

    /** scenarios.yaml (4 scenarios, the last failing on purpose) and 40 with fuzzed names. */
    static Stream<Arguments> scenarioFiles() throws Exception {
        StringBuilder yaml = new StringBuilder("asOf: 2026-11-21\nscenarios:\n");
        List<String> names = HostileNames.fuzzed(40, 11);
        for (int i = 0; i < names.size(); i++) {
            // a YAML double-quoted string spells any character with \\u escapes, as JSON does
            yaml.append("  - name: ").append(HostileNames.jsonString(names.get(i) + " #" + i)).append('\n')
                    .append("    request: {nodeCount: 20}\n")
                    .append("    expect: {recommended: azure-cni-overlay}\n");
        }
        Path fuzzed = Files.writeString(shared.resolve("fuzzed-scenarios.yaml"), yaml, StandardCharsets.US_ASCII);
        return Stream.of(Arguments.of(DIR.resolve("scenarios.yaml"), 4, 1), Arguments.of(fuzzed, 40, 0));
    }

    @ParameterizedTest(name = "rules test {0}")
    @MethodSource("scenarioFiles")
    void everyRulesTestFormatParsesWithOneCasePerScenario(Path scenarios, int count, int failures) throws Exception {
        int exit = failures == 0 ? 0 : 5;

        CliRun junit = CliRun.run("rules", "test", scenarios.toString(), "-o", "junit");
        assertEquals(exit, junit.exitCode(), junit.toString());
        assertNoStackTrace(junit);
        Document doc = xml(junit.out());
        assertEquals(count, doc.getElementsByTagName("testcase").getLength());
        assertEquals(failures, doc.getElementsByTagName("failure").getLength());

        CliRun json = CliRun.run("rules", "test", scenarios.toString(), "-o", "json");
        assertEquals(exit, json.exitCode(), json.toString());
        assertNoStackTrace(json);
        assertWellFormedUtf16(json.out());
        assertEquals(count, JSON.readTree(json.out()).path("scenarios").size());

        CliRun text = CliRun.run("rules", "test", scenarios.toString());
        assertEquals(exit, text.exitCode(), text.toString());
        assertNoStackTrace(text);
        assertNoControls(text.out(), false);
        assertEquals(count, text.out().lines().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL ")).count());
        assertEquals((count - failures) + " passed, " + failures + " failed",
                text.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    // ---- the crafted inputs are what they claim ----

    @Test
    void theCraftedInputsHoldWhatTheyAreMeantTo() throws Exception {
        String jsonl = Files.readString(DIR.resolve("names.jsonl"), StandardCharsets.US_ASCII);
        for (String spelled : List.of("\\ud800", "\\udc00", "\\u0000", "\\u001b", "\\u2028", "\\u202e", "\\ufffe",
                "=HYPERLINK", "<script>", "${")) {
            assertTrue(jsonl.contains(spelled), spelled);
        }
        assertEquals(39, jsonl.lines().count());
        byte[] csv = Files.readAllBytes(DIR.resolve("names.csv"));
        assertTrue(new String(csv, StandardCharsets.UTF_8).contains("carriage\rreturn"), "a raw CR in a quoted cell");
    }
}
