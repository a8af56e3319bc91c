package cniadvisor.render;

import cniadvisor.io.BatchInputFormat;
import cniadvisor.io.FailOn;
import cniadvisor.io.InputException;
import cniadvisor.io.Mappers;
import cniadvisor.io.RequestStream;

import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.batch.BatchRecord;
import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.batch.CrossRequestChecks;
import cniadvisor.model.Advice;
import cniadvisor.model.Location;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Reason;
import cniadvisor.testing.Fixtures;
import cniadvisor.testing.SarifSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every report format over one small batch: a recommendation, a conflict, an invalid row and an overlap. */
class BatchWriterTest {

    private static final String INPUT = """
            name,nodeCount,nodeSubnetCidr,virtualNodes,dualStack,windowsNodePools,windowsServerVersion
            payments,60,10.20.0.0/24,,,,
            kiosk,10,,true,true,,
            bad,0,,,,,
            lob,40,10.20.0.128/25,,,true,2022
            """;

    private static final List<BatchResult> RESULTS = new ArrayList<>();
    private static final BatchSummary SUMMARY = new BatchSummary();

    @BeforeAll
    static void evaluate() throws Exception {
        CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), List.of(), null);
        try (RequestStream stream = RequestStream.open("t.csv",
                new ByteArrayInputStream(INPUT.getBytes(StandardCharsets.UTF_8)), BatchInputFormat.csv, Fixtures.binder())) {
            int ordinal = 0;
            while (stream.hasNext()) {
                BatchRecord record = stream.next();
                BatchResult result;
                try {
                    NamedRequest request = record.bind(Fixtures.binder());
                    Advice advice = advisor().advise(request, Fixtures.AS_OF);
                    result = BatchResult.evaluated(++ordinal, record, request, advice);
                    Location where = new Location(result.file(), result.line(), result.label());
                    result = result.withFindings(checks.check(() -> where, request.request(), List.of()));
                } catch (InputException e) {
                    result = BatchResult.invalid(++ordinal, record, e.errors());
                }
                RESULTS.add(result);
                SUMMARY.add(result);
            }
        }
    }

    /** Every rule and check, described as the batch command describes them. */
    private static final List<BatchWriter.RuleInfo> RULES = Stream.concat(
            advisor().rules().rules().stream().map(r -> BatchWriter.RuleInfo.of(r.id(), r.name(), r.decides(),
                    r.sources(), advisor().knowledge().sources(), null)),
            advisor().knowledge().batchChecks().stream().map(c -> BatchWriter.RuleInfo.of(c.id(), c.name(),
                    c.decides(), c.sources(), advisor().knowledge().sources(), c.level()))).toList();

    /** The report under the default --fail-on error; the batch has an invalid row, so its exit code is 2. */
    private static String write(BatchReportFormat format) throws Exception {
        return write(format, FailOn.error, 2);
    }

    private static String write(BatchReportFormat format, FailOn failOn, int exitCode) throws Exception {
        return write(format, new BatchWriter.Context(List.of("t.csv"), Fixtures.AS_OF, RULES, failOn), exitCode,
                RESULTS);
    }

    static String write(BatchReportFormat format, BatchWriter.Context context, int exitCode,
                        List<BatchResult> results) throws Exception {
        StringWriter out = new StringWriter();
        try (BatchWriter writer = BatchWriter.open(format, out, context)) {
            for (BatchResult result : results) {
                writer.write(result);
            }
            writer.finish(SUMMARY, exitCode);
        }
        return out.toString();
    }

    @Test
    void theBatchHasOneResultOfEachKind() {
        assertEquals(List.of("recommended", "no-fit", "invalid", "recommended"),
                RESULTS.stream().map(BatchResult::status).toList());
        assertEquals("4 requests: 2 recommended, 1 no fit, 1 invalid; 2 with errors, 1 with warnings",
                SUMMARY.tally());
    }

    @Test
    void tableHasARowPerRequestAndEndsWithTheSummary() throws Exception {
        List<String> lines = write(BatchReportFormat.table).lines().toList();

        assertEquals("     #  NAME                      RESULT                                         E   W  NOTE",
                lines.get(0));
        assertEquals("     1  payments                  azure-cni-overlay / cilium / cilium            0   0",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("     2  kiosk                     NO FIT                                  "
                + "       1   0  azure-cni-overlay: ELIG-UNSUPPORTED-FEATURE; "), lines.get(2));
        assertEquals("     3  bad                       INVALID                                        -   -  "
                + "t.csv:4: nodeCount: expected a whole number from 1 up, got \"0\"", lines.get(3));
        assertTrue(lines.get(4).startsWith("     4  lob                       azure-cni-overlay / azure / none       "
                + "        1   1  ERROR BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.20.0.128/25 overlaps node subnet "
                + "10.20.0.0/24 of payments (t.csv:2)"), lines.get(4));
        assertEquals("", lines.get(5));
        assertEquals(SUMMARY.lines(), lines.subList(6, lines.size()));
    }

    @Test
    void csvHasTheHeaderAndARowPerRequest() throws Exception {
        String csv = write(BatchReportFormat.csv);
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv);
        List<Map<String, String>> all = rows.readAll();

        assertTrue(csv.startsWith(String.join(",", CsvBatchWriter.COLUMNS) + "\n"));
        assertEquals(4, all.size());
        Map<String, String> payments = all.get(0);
        assertEquals("t.csv", payments.get("input"));
        assertEquals("2", payments.get("line"));
        assertEquals("recommended", payments.get("status"));
        assertEquals("azure-cni-overlay", payments.get("option"));
        assertEquals("cilium", payments.get("dataplane"));
        assertEquals("azure-cni-pod-subnet", payments.get("otherEligible"));
        assertEquals("0", payments.get("errors"));
        assertTrue(payments.get("azCli").contains("; az aks create --resource-group \"$RESOURCE_GROUP\" --name payments "),
                payments.get("azCli"));
        assertEquals("no-fit", all.get(1).get("status"));
        assertEquals("ELIG-CONFLICT-ERROR", all.get(1).get("rules"));
        assertTrue(all.get(1).get("messages").startsWith("no fit: azure-cni-overlay: ELIG-UNSUPPORTED-FEATURE | "));
        assertEquals("invalid", all.get(2).get("status"));
        assertEquals("t.csv:4: nodeCount: expected a whole number from 1 up, got \"0\"", all.get(2).get("messages"));
        assertEquals("BATCH-NODE-SUBNET-OVERLAP;LIFE-WINDOWS-RETIRING", all.get(3).get("rules"));
        assertEquals("1", all.get(3).get("errors"));
        assertEquals("1", all.get(3).get("warnings"));
    }

    @Test
    void csvOfAnEmptyBatchIsTheHeader() throws Exception {
        StringWriter out = new StringWriter();
        try (BatchWriter writer = BatchWriter.open(BatchReportFormat.csv, out,
                new BatchWriter.Context(List.of("t.csv"), Fixtures.AS_OF, List.of(), FailOn.error))) {
            writer.finish(new BatchSummary(), 0);
        }

        assertEquals(String.join(",", CsvBatchWriter.COLUMNS) + "\n", out.toString());
    }

    @Test
    void jsonIsAnArrayOfAdviseObjectsWithTheirInputAndJsonLinesTheSameOnePerLine() throws Exception {
        JsonNode array = Mappers.JSON.readTree(write(BatchReportFormat.json));
        List<String> lines = write(BatchReportFormat.jsonl).lines().toList();

        assertEquals(4, array.size());
        assertEquals("t.csv:2", array.get(0).get("input").asText());
        assertEquals(List.of("schemaVersion", "input", "name", "asOf", "recommendation", "options", "warnings",
                "conflicts", "addressPlan"),
                fieldNames(array.get(0)));
        assertEquals(Mappers.JSON.readTree(Mappers.JSON.writeValueAsString(RESULTS.get(0).advice())).get("options"),
                array.get(0).get("options"));
        assertEquals(List.of("schemaVersion", "input", "name", "inputErrors"), fieldNames(array.get(2)));
        assertEquals("expected a whole number from 1 up, got \"0\"",
                array.get(2).get("inputErrors").get(0).get("message").asText());
        assertEquals(4, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(array.get(i), Mappers.JSON.readTree(lines.get(i)));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void markdownHasTheSummaryThenASectionPerRequestThenTheSources() throws Exception {
        String md = write(BatchReportFormat.markdown);

        assertTrue(md.startsWith("# AKS network plugin advice: batch report\n\nAs of 2026-11-21. Input: `t.csv`.\n\n"
                + "## Summary\n\n**4 requests: 2 recommended, 1 no fit, 1 invalid; 2 with errors, 1 with "
                + "warnings**\n"), md);
        assertTrue(md.contains("| Error | Requests |\n|---|---:|\n| `BATCH-NODE-SUBNET-OVERLAP` | 1 |\n"
                + "| `ELIG-CONFLICT-ERROR` | 1 |\n"), md);
        int summary = md.indexOf("## Summary");
        int first = md.indexOf("\n## 1. payments\n\n`t.csv:2` **Recommended:** Azure CNI Overlay, cilium data "
                + "plane, cilium network policy\n");
        int second = md.indexOf("\n## 2. kiosk\n\n`t.csv:3` **No option fits.**");
        int third = md.indexOf("\n## 3. bad\n\n`t.csv:4` **Invalid input:** not evaluated.\n\n- line 4: "
                + "`nodeCount`: expected a whole number from 1 up, got \"0\"\n");
        int fourth = md.indexOf("\n## 4. lob\n");
        int sources = md.indexOf("\n## Sources\n\n- `");
        assertTrue(0 < summary && summary < first && first < second && second < third && third < fourth
                && fourth < sources, List.of(summary, first, second, third, fourth, sources).toString());
        assertTrue(md.contains("- **error**: Node subnet 10.20.0.128/25 overlaps node subnet 10.20.0.0/24 of payments "
                + "(t.csv:2): subnets of peered or connected VNets must not overlap, so give this cluster a free "
                + "range. (`BATCH-NODE-SUBNET-OVERLAP`; [learn-ip-planning]("), md);
    }

    @Test
    void junitCountsFailuresAndErrorsAndHasACasePerRequest() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(write(BatchReportFormat.junit))));
        Element suites = xml.getDocumentElement();
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        NodeList cases = suite.getElementsByTagName("testcase");

        assertEquals("testsuites", suites.getTagName());
        for (Element counted : List.of(suites, suite)) {
            assertEquals("4", counted.getAttribute("tests"));
            assertEquals("2", counted.getAttribute("failures"));
            assertEquals("1", counted.getAttribute("errors"));
        }
        assertEquals(4, cases.getLength());
        assertEquals("payments (line 2)", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals("t.csv", ((Element) cases.item(0)).getAttribute("classname"));
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
        assertEquals("no-fit", failure(cases, 1, "failure").getAttribute("type"));
        assertEquals("invalid-input", failure(cases, 2, "error").getAttribute("type"));
        assertEquals("t.csv:4: nodeCount: expected a whole number from 1 up, got \"0\"",
                failure(cases, 2, "error").getAttribute("message"));
        assertEquals("error-finding", failure(cases, 3, "failure").getAttribute("type"));
        assertTrue(failure(cases, 3, "failure").getAttribute("message").startsWith("BATCH-NODE-SUBNET-OVERLAP: "));
        NodeList outputs = xml.getElementsByTagName("system-out");
        assertTrue(outputs.item(outputs.getLength() - 1).getTextContent().startsWith("Batch: 4 requests"));
        assertEquals(List.of("asOf=2026-11-21", "inputs=t.csv", "failOn=error", "exitCode=2"), properties(xml));
    }

    @Test
    void junitFailsACaseExactlyWhenTheRequestFailsTheRunUnderFailOn() throws Exception {
        // never: lob's overlap error no longer fails its case; kiosk (no fit) and bad (invalid) still do
        Document never = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(write(BatchReportFormat.junit, FailOn.never, 2))));
        NodeList cases = never.getElementsByTagName("testcase");
        assertEquals("1", ((Element) never.getElementsByTagName("testsuite").item(0)).getAttribute("failures"));
        assertEquals("no-fit", failure(cases, 1, "failure").getAttribute("type"));
        assertEquals(0, ((Element) cases.item(3)).getElementsByTagName("failure").getLength());
        assertEquals(List.of("asOf=2026-11-21", "inputs=t.csv", "failOn=never", "exitCode=2"), properties(never));

        // warning: lob fails on its error first, even though it has a warning too
        Document warning = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(write(BatchReportFormat.junit, FailOn.warning, 2))));
        assertEquals("error-finding", failure(warning.getElementsByTagName("testcase"), 3, "failure")
                .getAttribute("type"));
    }

    private static List<String> properties(Document xml) {
        List<String> properties = new ArrayList<>();
        NodeList nodes = xml.getElementsByTagName("property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element property = (Element) nodes.item(i);
            properties.add(property.getAttribute("name") + "=" + property.getAttribute("value"));
        }
        return properties;
    }

    private static Element failure(NodeList cases, int index, String tag) {
        return (Element) ((Element) cases.item(index)).getElementsByTagName(tag).item(0);
    }

    @Test
    void sarifIsAValidRunWithRulesAndLocatedResults() throws Exception {
        JsonNode sarif = Mappers.JSON.readTree(write(BatchReportFormat.sarif));
        JsonNode run = sarif.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        List<JsonNode> results = new ArrayList<>();
        run.get("results").forEach(results::add);

        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(SarifLog.SCHEMA, sarif.get("$schema").asText());
        assertEquals("cni-advisor", driver.get("name").asText());
        assertTrue(driver.get("informationUri").asText().startsWith("https://"));
        List<String> ruleIds = new ArrayList<>();
        driver.get("rules").forEach(rule -> ruleIds.add(rule.get("id").asText()));
        assertEquals(List.of("BATCH-NO-FIT", "BATCH-INVALID-INPUT"), ruleIds.subList(0, 2));
        assertEquals(2 + RULES.size(), ruleIds.size());
        assertTrue(ruleIds.contains("BATCH-NODE-SUBNET-OVERLAP"));
        for (JsonNode result : results) {
            assertTrue(ruleIds.contains(result.get("ruleId").asText()), result.toString());
            assertTrue(List.of("error", "warning", "note").contains(result.get("level").asText()));
            assertEquals("t.csv", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            assertTrue(result.at("/locations/0/physicalLocation/region/startLine").asInt() >= 2);
        }
        assertEquals(List.of("BATCH-NO-FIT@3", "ELIG-CONFLICT-ERROR@3", "BATCH-INVALID-INPUT@4",
                        "BATCH-NODE-SUBNET-OVERLAP@5", "LIFE-WINDOWS-RETIRING@5"),
                results.stream().map(r -> r.get("ruleId").asText() + "@"
                        + r.at("/locations/0/physicalLocation/region/startLine").asInt()).toList());
        assertEquals("kiosk: no option fits. " + String.join("; ", RESULTS.get(1).advice().conflicts()),
                results.get(0).at("/message/text").asText());
        assertEquals(4, run.at("/properties/summary/requests").asInt());
        assertEquals(Mappers.JSON.readTree("[{\"executionSuccessful\": true, \"exitCode\": 2}]"),
                run.get("invocations"));
    }

    @Test
    void sarifInvocationCarriesTheExitCodeAndResultLevelsStayPerFinding() throws Exception {
        JsonNode run = Mappers.JSON.readTree(write(BatchReportFormat.sarif, FailOn.never, 0)).get("runs").get(0);

        assertEquals(Mappers.JSON.readTree("[{\"executionSuccessful\": true, \"exitCode\": 0}]"),
                run.get("invocations"));
        assertEquals(Mappers.JSON.readTree(write(BatchReportFormat.sarif)).at("/runs/0/results"), run.get("results"));
    }

    @Test
    void sarifHasANotePerRecommendationOnlyWhenAsked() throws Exception {
        JsonNode run = Mappers.JSON.readTree(write(BatchReportFormat.sarif, new BatchWriter.Context(List.of("t.csv"),
                Fixtures.AS_OF, RULES, FailOn.error, true), 2, RESULTS)).get("runs").get(0);
        List<String> located = new ArrayList<>();
        run.get("results").forEach(r -> located.add(r.get("ruleId").asText() + "@"
                + r.at("/locations/0/physicalLocation/region/startLine").asInt()));

        assertEquals("BATCH-RECOMMENDATION", run.at("/tool/driver/rules/0/id").asText());
        assertEquals(List.of("BATCH-RECOMMENDATION@2", "BATCH-NO-FIT@3", "ELIG-CONFLICT-ERROR@3",
                "BATCH-INVALID-INPUT@4", "BATCH-RECOMMENDATION@5", "BATCH-NODE-SUBNET-OVERLAP@5",
                "LIFE-WINDOWS-RETIRING@5"), located);
        assertEquals("note", run.at("/results/0/level").asText());
        assertEquals("payments: recommended Azure CNI Overlay, cilium data plane, cilium network policy.",
                run.at("/results/0/message/text").asText());
        assertEquals(Mappers.JSON.readTree("[{\"executionSuccessful\": true, \"exitCode\": 2}]"),
                run.get("invocations"), "the verdict stays the exit code's");
    }

    @Test
    void sarifRulesSayWhatTheyDecideAndLinkTheirSources() throws Exception {
        JsonNode rules = Mappers.JSON.readTree(write(BatchReportFormat.sarif)).at("/runs/0/tool/driver/rules");
        JsonNode overlap = null;
        for (JsonNode rule : rules) {
            assertTrue(rule.at("/shortDescription/text").asText().length() > 0, rule.toString());
            assertTrue(rule.at("/fullDescription/text").asText().length() > 0, rule.toString());
            assertTrue(rule.at("/help/text").asText().length() > 0, rule.toString());
            assertTrue(rule.at("/help/markdown").asText().length() > 0, rule.toString());
            if (rule.get("id").asText().equals("BATCH-NODE-SUBNET-OVERLAP")) {
                overlap = rule;
            }
        }
        BatchCheckFacts check = BatchCheckFacts.overlap();
        assertEquals(check.name(), overlap.at("/shortDescription/text").asText());
        assertEquals(check.decides(), overlap.at("/fullDescription/text").asText());
        assertEquals(check.source().url(), overlap.get("helpUri").asText());
        assertEquals("error", overlap.at("/defaultConfiguration/level").asText());
        String text = overlap.at("/help/text").asText();
        assertTrue(text.startsWith(check.decides() + "\n\nSources:\n- " + check.source().title() + ", as of "
                + check.source().asOf() + ": " + check.source().url()), text);
        String markdown = overlap.at("/help/markdown").asText();
        assertTrue(markdown.contains("\n\n**Sources**\n\n- [" + Escape.markdown(check.source().title()) + "]("
                + check.source().url() + "), as of " + check.source().asOf()), markdown);
    }

    /** The node-subnet overlap check as facts/ describe it, with its first source. */
    private record BatchCheckFacts(String name, String decides, cniadvisor.model.Source source) {
        static BatchCheckFacts overlap() {
            cniadvisor.model.BatchCheck check = advisor().knowledge()
                    .batchCheck(cniadvisor.model.BatchCheck.NODE_SUBNET_OVERLAP);
            return new BatchCheckFacts(check.name(), check.decides(),
                    advisor().knowledge().sources().get(check.sources().get(0)));
        }
    }

    /** The batch with the overlap pointing at the request it overlaps, as cross-request checks may say it. */
    private static List<BatchResult> withRelatedOverlap() {
        List<BatchResult> results = new ArrayList<>(RESULTS);
        BatchResult lob = results.get(3);
        List<Reason> warnings = lob.advice().warnings().stream().map(w -> w.rule().equals("BATCH-NODE-SUBNET-OVERLAP")
                ? w.withRelated(List.of(new Location("t.csv", 2, "payments: node subnet 10.20.0.0/24"),
                new Location("other teams.csv", 0, "the whole file")))
                : w).toList();
        Advice a = lob.advice();
        results.set(3, new BatchResult(lob.ordinal(), lob.file(), lob.line(), lob.name(), lob.request(),
                new Advice(a.name(), a.asOf(), a.recommendation(), a.options(), warnings, a.conflicts(),
                        a.addressPlan()), lob.errors(), lob.allocation()));
        return results;
    }

    @Test
    void sarifShowsAFindingsRelatedLocationsNamingTheOtherRequest() throws Exception {
        String sarif = write(BatchReportFormat.sarif, new BatchWriter.Context(List.of("t.csv"), Fixtures.AS_OF, RULES,
                FailOn.error, false), 2, withRelatedOverlap());
        JsonNode overlap = null;
        for (JsonNode result : Mappers.JSON.readTree(sarif).at("/runs/0/results")) {
            if (result.get("ruleId").asText().equals("BATCH-NODE-SUBNET-OVERLAP")) {
                overlap = result;
            } else {
                assertTrue(result.path("relatedLocations").isMissingNode(), result.toString());
            }
        }
        JsonNode related = overlap.get("relatedLocations");
        assertEquals(2, related.size(), overlap.toString());
        assertEquals(1, related.at("/0/id").asInt());
        assertEquals("t.csv", related.at("/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", related.at("/0/physicalLocation/artifactLocation/uriBaseId").asText());
        assertEquals(2, related.at("/0/physicalLocation/region/startLine").asInt());
        assertEquals("payments: node subnet 10.20.0.0/24", related.at("/0/message/text").asText());
        assertEquals("other%20teams.csv", related.at("/1/physicalLocation/artifactLocation/uri").asText());
        assertTrue(related.at("/1/physicalLocation/region").isMissingNode(), "line 0: the whole file");
    }

    /** Every SARIF this writer makes validates against the official SARIF 2.1.0 schema. */
    @Test
    void sarifValidatesAgainstTheSarif210Schema() throws Exception {
        for (boolean notes : new boolean[]{false, true}) {
            for (FailOn failOn : FailOn.values()) {
                SarifSchema.assertValid(write(BatchReportFormat.sarif, new BatchWriter.Context(List.of("t.csv"),
                        Fixtures.AS_OF, RULES, failOn, notes), 2, withRelatedOverlap()));
            }
        }
        SarifSchema.assertValid(write(BatchReportFormat.sarif));
        SarifSchema.assertValid(write(BatchReportFormat.sarif, new BatchWriter.Context(List.of(), Fixtures.AS_OF,
                List.of(), FailOn.error), 0, List.of()));
    }

    @Test
    void theSchemaCatchesWhatIsNotSarif() {
        assertEquals(false, SarifSchema.problems("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}").isEmpty());
        assertEquals(false, SarifSchema.problems("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
                + "{\"name\": \"x\"}}, \"results\": [{\"message\": {\"text\": \"m\"}, \"level\": \"info\"}]}]}")
                .isEmpty(), "SARIF has no level info");
    }

    @Test
    void sarifUrisEscapeWhatAUriCannotHold() {
        assertEquals("my%20teams/batch%231.csv", SarifBatchWriter.uri("my teams/batch#1.csv"));
    }
}
