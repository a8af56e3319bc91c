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
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
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
                    result = result.withFindings(checks.check(result::label, request.request(), List.of()));
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
            advisor().rules().rules().stream().map(r -> new BatchWriter.RuleInfo(r.id(), r.name(), r.decides(), null)),
            advisor().knowledge().batchChecks().stream()
                    .map(c -> new BatchWriter.RuleInfo(c.id(), c.name(), c.decides(), null))).toList();

    /** The report under the default --fail-on error; the batch has an invalid row, so its exit code is 2. */
    private static String write(BatchReportFormat format) throws Exception {
        return write(format, FailOn.error, 2);
    }

    private static String write(BatchReportFormat format, FailOn failOn, int exitCode) throws Exception {
        StringWriter out = new StringWriter();
        BatchWriter.Context context = new BatchWriter.Context(List.of("t.csv"), Fixtures.AS_OF, RULES, failOn);
        try (BatchWriter writer = BatchWriter.open(format, out, context)) {
            for (BatchResult result : RESULTS) {
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
        assertEquals(List.of("input", "name", "asOf", "recommendation", "options", "warnings", "conflicts",
                "addressPlan"),
                fieldNames(array.get(0)));
        assertEquals(Mappers.JSON.readTree(Mappers.JSON.writeValueAsString(RESULTS.get(0).advice())).get("options"),
                array.get(0).get("options"));
        assertEquals(List.of("input", "name", "inputErrors"), fieldNames(array.get(2)));
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
        assertEquals(List.of("BATCH-RECOMMENDATION", "BATCH-NO-FIT", "BATCH-INVALID-INPUT"), ruleIds.subList(0, 3));
        assertEquals(3 + RULES.size(), ruleIds.size());
        assertTrue(ruleIds.contains("BATCH-NODE-SUBNET-OVERLAP"));
        for (JsonNode result : results) {
            assertTrue(ruleIds.contains(result.get("ruleId").asText()), result.toString());
            assertTrue(List.of("error", "warning", "note").contains(result.get("level").asText()));
            assertEquals("t.csv", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            assertTrue(result.at("/locations/0/physicalLocation/region/startLine").asInt() >= 2);
        }
        assertEquals(List.of("BATCH-RECOMMENDATION@2", "BATCH-NO-FIT@3", "ELIG-CONFLICT-ERROR@3",
                        "BATCH-INVALID-INPUT@4", "BATCH-RECOMMENDATION@5", "BATCH-NODE-SUBNET-OVERLAP@5",
                        "LIFE-WINDOWS-RETIRING@5"),
                results.stream().map(r -> r.get("ruleId").asText() + "@"
                        + r.at("/locations/0/physicalLocation/region/startLine").asInt()).toList());
        assertEquals("kiosk: no option fits. " + String.join("; ", RESULTS.get(1).advice().conflicts()),
                results.get(1).at("/message/text").asText());
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
    void sarifUrisEscapeWhatAUriCannotHold() {
        assertEquals("my%20teams/batch%231.csv", SarifBatchWriter.uri("my teams/batch#1.csv"));
    }
}
