package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Batch reads node pools from every input format, through the real entry point. */
class BatchPoolsTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<JsonNode> results(CliRun run) throws IOException {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : run.out().lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** The same two-pool cluster as YAML, JSON Lines and a CSV cell gives the same plan. */
    @Test
    void poolsReadFromYamlJsonLinesAndCsvAlike() throws IOException {
        Path yaml = Files.writeString(dir.resolve("teams.yaml"), """
                name: shop
                nodeSubnetCidr: 10.30.0.0/23
                nodePools:
                  - {name: system, maxCount: 3, maxPodsPerNode: 30, maxSurge: 1}
                  - {name: win, os: windows, windowsServerVersion: "2022", maxCount: 8, maxPodsPerNode: 30, maxSurge: 1, nodeSubnetCidr: 10.30.4.0/24}
                trafficPattern: external
                """);
        Path jsonl = Files.writeString(dir.resolve("teams.jsonl"), "{\"name\": \"shop\", \"nodeSubnetCidr\": "
                + "\"10.30.0.0/23\", \"nodePools\": [{\"name\": \"system\", \"maxCount\": 3, \"maxPodsPerNode\": 30, "
                + "\"maxSurge\": 1}, {\"name\": \"win\", \"os\": \"windows\", \"windowsServerVersion\": \"2022\", "
                + "\"maxCount\": 8, \"maxPodsPerNode\": 30, \"maxSurge\": 1, \"nodeSubnetCidr\": \"10.30.4.0/24\"}], "
                + "\"trafficPattern\": \"external\"}\n");
        Path csv = Files.writeString(dir.resolve("teams.csv"), "name,nodeSubnetCidr,nodePools,trafficPattern\n"
                + "shop,10.30.0.0/23,system maxCount=3 maxPodsPerNode=30 maxSurge=1 | win os=windows "
                + "windowsServerVersion=2022 maxCount=8 maxPodsPerNode=30 maxSurge=1 nodeSubnetCidr=10.30.4.0/24,"
                + "external\n");
        List<String> plans = new java.util.ArrayList<>();
        for (Path input : List.of(yaml, jsonl, csv)) {
            CliRun run = CliRun.run("batch", input.toString(), "-o", "jsonl", "--as-of", "2026-11-21",
                    "--no-progress");
            assertEquals(0, run.exitCode(), run::toString);
            List<JsonNode> results = results(run);
            assertEquals(1, results.size(), run::toString);
            JsonNode advice = results.get(0);
            assertEquals("azure-cni-pod-subnet", advice.at("/recommendation/option").asText(), run.out());
            plans.add(advice.at("/addressPlan/sizing").toString());
            // the Windows pool's own subnet: (8 + 1) x (30 + 1) = 279 addresses with Azure CNI Node Subnet
            boolean found = false;
            for (JsonNode fit : advice.at("/addressPlan/sizing")) {
                if (fit.get("option").asText().equals("azure-cni-node-subnet")
                        && fit.get("cidr").asText().equals("10.30.4.0/24")) {
                    assertEquals(279, fit.get("needed").asInt());
                    assertEquals("[\"win\"]", fit.get("pools").toString());
                    found = true;
                }
            }
            assertTrue(found, advice.toString());
        }
        assertEquals(plans.get(0), plans.get(1));
        assertEquals(plans.get(0), plans.get(2));
    }

    /** A bad pool is that row's error; the good rows are still evaluated. */
    @Test
    void aBadPoolFailsOnlyItsOwnRow() throws IOException {
        Path csv = Files.writeString(dir.resolve("teams.csv"), "name,nodeCount,nodePools\n"
                + "good,10,\n"
                + "bad,,system maxCount=3 | win os=windows maxCount\n"
                + "also-good,,system maxCount=4\n");
        CliRun run = CliRun.run("batch", csv.toString(), "-o", "jsonl", "--as-of", "2026-11-21", "--no-progress");
        assertEquals(2, run.exitCode(), run::toString);
        List<JsonNode> results = results(run);
        assertEquals(3, results.size(), run::toString);
        assertEquals("azure-cni-overlay", results.get(0).at("/recommendation/option").asText(), run.out());
        assertTrue(results.get(1).toString().contains("pool 2: 'maxCount' is not key=value"), results.get(1)
                .toString());
        assertEquals("azure-cni-overlay", results.get(2).at("/recommendation/option").asText(), run.out());
    }

    /** Across teams, a pool's own subnet is checked like the cluster's node subnet. */
    @Test
    void aPoolsOwnSubnetMustNotOverlapAnotherTeamsSubnets() throws IOException {
        Path jsonl = Files.writeString(dir.resolve("teams.jsonl"), """
                {"name": "a", "nodeCount": 10, "nodeSubnetCidr": "10.50.0.0/24"}
                {"name": "b", "nodeSubnetCidr": "10.60.0.0/24", "nodePools": [{"name": "sys", "maxCount": 3}, {"name": "win", "os": "windows", "maxCount": 3, "nodeSubnetCidr": "10.50.0.128/25"}]}
                """);
        CliRun run = CliRun.run("batch", jsonl.toString(), "-o", "jsonl", "--as-of", "2026-11-21", "--no-progress");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Node subnet 10.50.0.128/25 overlaps node subnet 10.50.0.0/24 of a"),
                run::toString);
    }
}
