package cniadvisor.cli;

import cniadvisor.model.SchemaVersion;
import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code schema advice|plan|batch}: schemas generated from the model that the tool's real JSON validates against
 * (networknt's validator, draft 2020-12); every JSON document starts with {@code schemaVersion}; the recommendation's
 * network keys are spelled as the AKS API spells them.
 */
class OutputSchemaTest {

    private static final String AS_OF = "2026-11-21";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @TempDir
    Path dir;

    private static JsonSchema schema(String document) throws IOException {
        CliRun run = CliRun.run("schema", document);
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode tree = JSON.readTree(run.out());
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SpecVersion.VersionFlag.V202012.getId()));
        assertEquals(Set.of(), meta.validate(tree), "a valid draft 2020-12 schema");
        return FACTORY.getSchema(tree);
    }

    private static void assertValid(JsonSchema schema, JsonNode document, String what) {
        Set<ValidationMessage> problems = schema.validate(document);
        assertEquals(Set.of(), problems, what + ": " + document);
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples/requests"))) {
            return files.sorted().toList();
        }
    }

    private static void assertVersionFirst(JsonNode document, String what) {
        Iterator<String> names = document.fieldNames();
        assertEquals(SchemaVersion.KEY, names.hasNext() ? names.next() : null, what);
        assertEquals(SchemaVersion.CURRENT, document.get(SchemaVersion.KEY).asText(), what);
    }

    @Test
    void everyExamplesAdviceValidatesAgainstTheAdviceSchema() throws IOException {
        JsonSchema schema = schema("advice");
        for (Path example : examples()) {
            CliRun run = CliRun.run("advise", "-f", example.toString(), "-o", "json", "--as-of", AS_OF,
                    "--fail-on", "never");
            JsonNode advice = JSON.readTree(run.out());
            assertVersionFirst(advice, example.toString());
            assertValid(schema, advice, example.toString());
        }
    }

    @Test
    void theSchemaCatchesAKeyTheModelDoesNotHave() throws IOException {
        JsonSchema schema = schema("advice");
        JsonNode advice = JSON.readTree(CliRun.run("advise", "-f", "examples/requests/payments.yaml", "-o", "json",
                "--as-of", AS_OF).out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) advice.at("/recommendation/network"))
                .put("dnsServiceIp", "10.1.0.10");
        assertFalse(schema.validate(advice).isEmpty(), "the old spelling is not in the schema");
        ((com.fasterxml.jackson.databind.node.ObjectNode) advice).put(SchemaVersion.KEY, "0.9");
        assertFalse(schema.validate(advice).isEmpty(), "schemaVersion is the current one");
        ((com.fasterxml.jackson.databind.node.ObjectNode) advice).remove(SchemaVersion.KEY);
        assertFalse(schema.validate(advice).isEmpty(), "schemaVersion is required");
    }

    @Test
    void theNetworkIsSpelledAsTheAksApiSpellsIt() throws IOException {
        JsonNode network = JSON.readTree(CliRun.run("advise", "-f", "examples/requests/payments.yaml", "-o", "json",
                "--as-of", AS_OF).out()).at("/recommendation/network");
        List<String> keys = new ArrayList<>();
        network.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("networkPlugin", "networkPluginMode", "networkDataplane", "networkPolicy", "podCidr",
                "serviceCidr", "dnsServiceIP", "maxPods", "nodeSubnetCidr"), keys);
        assertEquals("10.1.0.10", network.get("dnsServiceIP").asText());

        Path egress = Files.writeString(dir.resolve("egress.yaml"), """
                name: egress
                nodeCount: 10
                nodeSubnetCidr: 10.20.0.0/24
                outboundType: userDefinedRouting
                """);
        JsonNode udr = JSON.readTree(CliRun.run("advise", "-f", egress.toString(), "-o", "json", "--as-of", AS_OF,
                "--fail-on", "never").out()).at("/recommendation/network");
        assertEquals("userDefinedRouting", udr.get("outboundType").asText(), udr.toString());
    }

    @Test
    void podIpAllocationModeIsTheAgentPoolsSpelling() throws IOException {
        JsonSchema schema = schema("advice");
        Path file = Path.of("examples/requests/trading-direct-access.yaml");
        CliRun run = CliRun.run("advise", "-f", file.toString(), "-o", "json", "--as-of", AS_OF, "--fail-on",
                "never");
        JsonNode advice = JSON.readTree(run.out());
        assertValid(schema, advice, "pod subnet");
        JsonNode network = advice.at("/recommendation/network");
        assertTrue(network.has("podSubnetCidr"), network.toString());
        assertTrue(network.has("podIPAllocationMode"), network.toString());
        assertFalse(network.has("podIpAllocationMode"), network.toString());
    }

    @Test
    void planJsonValidatesAgainstThePlanSchema() throws IOException {
        JsonSchema schema = schema("plan");
        for (Path example : examples()) {
            CliRun run = CliRun.run("plan", "-f", example.toString(), "-o", "json", "--as-of", AS_OF,
                    "--fail-on", "never");
            if (run.out().isBlank()) {
                continue; // nothing fits: no plan
            }
            JsonNode plan = JSON.readTree(run.out());
            assertVersionFirst(plan, example.toString());
            assertValid(schema, plan, example.toString());
        }
    }

    @Test
    void everyBatchItemAndLineValidatesAgainstTheBatchSchema() throws IOException {
        JsonSchema schema = schema("batch");
        Path csv = Files.writeString(dir.resolve("teams.csv"), """
                name,nodeCount,nodeSubnetCidr,virtualNodes,dualStack
                a,10,10.20.0.0/24,,
                kiosk,10,,true,true
                bad,many,,,
                b,10,10.20.0.128/25,,
                """);
        for (String input : List.of(csv.toString(), "examples/batch/teams.csv", "examples/batch/teams.yaml")) {
            CliRun json = CliRun.run("batch", input, "-o", "json", "--as-of", AS_OF, "--no-progress");
            JsonNode items = JSON.readTree(json.out());
            assertTrue(items.isArray() && items.size() > 0, json::toString);
            for (JsonNode item : items) {
                assertVersionFirst(item, input);
                assertValid(schema, item, input);
            }
            CliRun jsonl = CliRun.run("batch", input, "-o", "jsonl", "--as-of", AS_OF, "--no-progress");
            for (String line : jsonl.out().lines().toList()) {
                JsonNode item = JSON.readTree(line);
                assertVersionFirst(item, input);
                assertValid(schema, item, input);
            }
            // with an address pool, items carry what was allocated (a small pool: some are not allocated)
            CliRun pooled = CliRun.run("batch", input, "-o", "jsonl", "--as-of", AS_OF, "--no-progress",
                    "--address-pool", "10.20.0.0/24");
            for (String line : pooled.out().lines().toList()) {
                assertValid(schema, JSON.readTree(line), input + " with a pool");
            }
            assertTrue(pooled.out().contains("\"allocation\""), pooled::toString);
        }
    }

    @Test
    void assessAndRulesTestJsonStartWithTheVersion() throws IOException {
        String azure = "src/test/resources/azure/";
        CliRun json = CliRun.run("assess", azure + "aks-list-two.json", azure + "not-a-cluster.json", "--as-of",
                AS_OF, "-o", "json");
        assertVersionFirst(JSON.readTree(json.out()), "assess -o json");
        CliRun jsonl = CliRun.run("assess", azure + "aks-list-two.json", azure + "not-a-cluster.json", "--as-of",
                AS_OF, "-o", "jsonl");
        List<String> lines = jsonl.out().lines().toList();
        assertEquals(3, lines.size(), jsonl::toString);
        for (String line : lines) {
            assertVersionFirst(JSON.readTree(line), line);
        }
        CliRun rules = CliRun.run("rules", "test", "examples/scenarios/egress.yaml", "-o", "json");
        assertVersionFirst(JSON.readTree(rules.out()), "rules test -o json");
    }

    @Test
    void anUnknownDocumentIsAUsageError() {
        CliRun run = CliRun.run("schema", "advise");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown document 'advise' (expected request, advice, plan, batch)"),
                run::toString);
        CliRun request = CliRun.run("schema", "request");
        assertEquals(CliRun.run("schema").out(), request.out());
    }
}
