package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.contract.KeyTable;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestReader;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cni-advisor schema}: the printed JSON Schema is a valid draft 2020-12 schema, every bundled request file and
 * batch item validates against it exactly when the tool accepts it, typos and bad values do not, and README's key
 * table is what {@code schema --markdown} prints.
 */
class SchemaCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private static String printed;
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void printSchema() {
        CliRun run = CliRun.run("schema");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err());
        printed = run.out();
        schema = FACTORY.getSchema(printed);
    }

    private static Set<ValidationMessage> problems(JsonNode request) {
        return schema.validate(request);
    }

    private static JsonNode yaml(String text) throws JsonProcessingException {
        return YAML.readTree(text);
    }

    private static boolean toolAccepts(JsonNode request) {
        try {
            RequestReader.read("item.json", "item", new ByteArrayInputStream(JSON.writeValueAsBytes(request)),
                    Fixtures.binder());
            return true;
        } catch (InputException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws Exception {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SpecVersion.VersionFlag.V202012.getId()));
        JsonNode tree = JSON.readTree(printed);
        assertEquals(Set.of(), meta.validate(tree));
        assertEquals("https://json-schema.org/draft/2020-12/schema", tree.path("$schema").asText());
        assertFalse(tree.path("additionalProperties").asBoolean(true));
    }

    @Test
    void everyKeyHasItsTypeBoundsChoicesDefaultAndDescription() throws Exception {
        JsonNode properties = JSON.readTree(printed).path("properties");
        List<String> keys = new ArrayList<>();
        properties.fieldNames().forEachRemaining(keys::add);
        assertEquals(Fixtures.binder().contract().keys().stream().map(k -> k.key()).toList(), keys);
        assertEquals(10, properties.path("maxPodsPerNode").path("minimum").asInt());
        assertEquals(250, properties.path("maxPodsPerNode").path("maximum").asInt());
        assertEquals(1, properties.path("nodeCount").path("minimum").asInt());
        assertEquals("[\"none\",\"any\",\"cilium\",\"calico\",\"azure\"]",
                properties.path("networkPolicy").path("enum").toString());
        assertEquals("none", properties.path("networkPolicy").path("default").asText());
        assertTrue(properties.path("outboundType").path("enum").toString().contains("\"userDefinedRouting\""),
                properties.path("outboundType").toString());
        assertTrue(properties.path("nodeCount").path("description").asText()
                .startsWith("How many nodes may the cluster reach at most? "));
        JsonNode pool = JSON.readTree(printed).path("$defs").path("nodePool").path("properties");
        for (String key : List.of("name", "mode", "os", "osType", "maxCount", "count", "maxPods", "maxPodsPerNode",
                "vnetSubnetID", "vnetSubnetId", "podSubnetID", "osSKU", "upgradeSettings", "vmSize", "nodeTaints")) {
            assertTrue(pool.has(key), key + " in " + pool);
        }
    }

    @Test
    void everyBundledRequestFileValidates() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("examples", "requests"))) {
            files = list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).sorted()
                    .toList();
        }
        assertTrue(files.size() >= 9, files.toString());
        for (Path file : files) {
            JsonNode request = YAML.readTree(Files.readString(file));
            assertEquals(Set.of(), problems(request), file.toString());
        }
    }

    /** Each batch item validates exactly when the tool accepts it: the examples' deliberate mistakes do not. */
    @Test
    void eachBatchItemValidatesExactlyWhenTheToolAcceptsIt() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
                .readValues(Files.readString(Path.of("examples", "batch", "teams.yaml")))) {
            docs.forEachRemaining(items::add);
        }
        int syntaxErrors = 0;
        for (String line : Files.readAllLines(Path.of("examples", "batch", "teams.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            try {
                items.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                syntaxErrors++; // a line the batch reports as a syntax error: no schema can judge it
            }
        }
        assertEquals(1, syntaxErrors);
        int accepted = 0;
        int refused = 0;
        for (JsonNode item : items) {
            boolean accepts = toolAccepts(item);
            assertEquals(accepts, problems(item).isEmpty(), () -> item + ": " + problems(item));
            if (accepts) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(accepted >= 8, "accepted " + accepted);
        assertTrue(refused >= 1, "the typo item is refused by both");
    }

    @Test
    void aTypoKeyOrABadValueDoesNotValidate() throws Exception {
        assertEquals(Set.of(), problems(yaml("nodeCount: 10\nnetworkPolicy: cilium\n")));
        for (String bad : List.of(
                "nodeCount: 10\nnetwrokPolicy: cilium\n",          // typo key
                "nodeCount: 10\nnetworkPolicy: weave\n",           // not an engine of facts/
                "nodeCount: 10\ntrafficPattern: sideways\n",
                "nodeCount: 10\noutboundType: carrierPigeon\n",
                "nodeCount: 10\nwindowsNodePools: true\nwindowsServerVersion: \"2016\"\n",
                "nodeCount: 10\nmaxPodsPerNode: 251\n",            // above facts/' highest max pods
                "nodeCount: 0\n",
                "nodeCount: 10\nmaxSurge: 150%\n",
                "nodeCount: 10\nnodeSubnetCidr: 10.0.0.0/33\n",
                "nodeCount: 10\ndnsServiceIp: 10.0.0.0/16\n",
                "nodeCount: 10\nsurgeNodes: 1\nmaxSurge: 1\n",
                "nodeCount: 10\nwindowsServerVersion: \"2022\"\n",  // needs windowsNodePools: true
                "networkPolicy: cilium\n",                          // neither nodeCount nor nodePools
                "nodeCount: 10\nnodePools: [{name: a, maxCount: 3}]\n",
                "nodePools: [{name: a, maxCount: 3, maxPodz: 30}]\n",
                "nodePools: [{name: a}]\n",                         // no maxCount nor count
                "nodePools: [{name: a, maxCount: 3, os: linux, windowsServerVersion: \"2022\"}]\n",
                "nodePools: []\n")) {
            JsonNode request = yaml(bad);
            assertFalse(problems(request).isEmpty(), "validates: " + bad);
            assertFalse(toolAccepts(request), "the tool accepts: " + bad);
        }
    }

    @Test
    void poolsValidateInTheToolsSpellingAndInTheAksApis() throws Exception {
        for (String good : List.of(
                "nodePools:\n  - {name: system, maxCount: 3}\n  - {name: win, os: windows, windowsServerVersion: 2022,"
                        + " maxCount: 10, maxSurge: 33%, nodeSubnetCidr: 10.1.8.0/24}\n",
                // as 'az aks nodepool show' prints pools: AKS spellings, count without autoscaling, ignored keys
                """
                        nodePools:
                          - name: nodepool1
                            mode: System
                            osType: Linux
                            osSku: Ubuntu
                            count: 3
                            maxPods: 30
                            vmSize: Standard_D4s_v5
                            vnetSubnetId: /subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/s
                            upgradeSettings: {maxSurge: 10%, drainTimeoutInMinutes: 30}
                            nodeLabels: {team: a}
                            enableAutoScaling: false
                          - name: win22
                            mode: User
                            osType: Windows
                            osSKU: Windows2022
                            enableAutoScaling: true
                            minCount: 1
                            maxCount: 6
                        """,
                "nodePools: \"system mode=system maxCount=3 | apps maxCount=40 maxSurge=33%\"\n")) {
            JsonNode request = yaml(good);
            assertEquals(Set.of(), problems(request), good);
            assertTrue(toolAccepts(request), good);
        }
    }

    @Test
    void factsChangeTheBounds() throws Exception {
        // a copy of facts/ whose highest max pods per node is 200: the schema printed with --facts says so
        Path facts = dir.resolve("facts");
        Files.createDirectories(facts);
        try (Stream<Path> list = Files.list(Path.of("facts"))) {
            for (Path file : list.toList()) {
                Files.copy(file, facts.resolve(file.getFileName()));
            }
        }
        Path limits = facts.resolve("limits.yaml");
        String text = Files.readString(limits);
        String bound = "name: highestMaxPods, value: 250,";
        assertTrue(text.contains(bound));
        Files.writeString(limits, text.replace(bound, "name: highestMaxPods, value: 200,"));
        CliRun run = CliRun.run("schema", "--facts", facts.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode tree = JSON.readTree(run.out());
        assertEquals(200, tree.path("properties").path("maxPodsPerNode").path("maximum").asInt());
        assertEquals(200, tree.path("$defs").path("nodePool").path("properties").path("maxPods").path("maximum")
                .asInt());
        CliRun missing = CliRun.run("schema", "--facts", dir.resolve("none").toString());
        assertEquals(3, missing.exitCode(), missing.toString());
    }

    @Test
    void readmeHasTheKeyTableSchemaMarkdownPrints() throws Exception {
        CliRun run = CliRun.run("schema", "--markdown");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(run.out(), CliRun.run("schema", "-o", "markdown").out());
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(KeyTable.BEGIN);
        int end = readme.indexOf(KeyTable.END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the markers " + KeyTable.BEGIN + " ... " + KeyTable.END);
        String table = readme.substring(begin + KeyTable.BEGIN.length() + 1, end);
        assertEquals(run.out(), table, "README.md's key table differs from 'cni-advisor schema --markdown': "
                + "paste its output between the markers");
        long rows = run.out().lines().filter(l -> l.startsWith("| `")).count();
        assertEquals(Fixtures.binder().contract().keys().size() + Fixtures.binder().contract().poolKeys().size(),
                rows);
        assertTrue(run.out().lines().collect(Collectors.toList()).contains(
                "| pool key | AKS spelling | type | allowed | not given | what it says |"));
    }

    @Test
    void schemaIsListedWithTheOtherCommands() {
        assertTrue(CliRun.run("--help").out().contains("\n  schema "));
        assertTrue(CliRun.run("schema", "--help").out().contains("--facts=DIR"));
        assertEquals(2, CliRun.run("schema", "-o", "xml").exitCode());
    }
}
