package cniadvisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.engine.Advisor;
import cniadvisor.render.BatchReportFormat;
import cniadvisor.io.ExitCode;
import cniadvisor.io.FailOn;
import cniadvisor.model.AddressSpace;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import cniadvisor.testing.Folders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch runner driven by a {@link BatchConfig} alone, as a caller other than the CLI drives it. */
class BatchJobTest {

    private static final String TEAMS = "examples/batch/teams.csv";

    @TempDir
    Path dir;

    /** What one run gave: its summary, and what it wrote to the report and to stderr. */
    private record Run(BatchSummary summary, String out, String err) {
    }

    private static BatchConfig config(List<String> files, BatchReportFormat format, int threads, FailOn failOn,
                                      List<String> pool) {
        return new BatchConfig(files, null, format, null, threads, failOn, new AddressSpace(pool, List.of()),
                BatchConfig.DEFAULT_HEADROOM, null, false, Fixtures.AS_OF, false);
    }

    private static Run run(BatchConfig config) {
        return run(config, Fixtures::advisor);
    }

    private static Run run(BatchConfig config, Supplier<Advisor> advisor) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BatchSummary summary = BatchJob.run(config, advisor, InputStream.nullInputStream(), new PrintWriter(out),
                new PrintWriter(err));
        return new Run(summary, out.toString(), err.toString());
    }

    @Test
    void aConfigRunsTheBatchAndTheSummaryCarriesTheExitCodeTheCommandReturns() {
        Run run = run(config(List.of(TEAMS), BatchReportFormat.csv, 2, FailOn.error, List.of()));
        CliRun cli = CliRun.run("batch", TEAMS, "-o", "csv", "--threads", "2", "--as-of", Fixtures.AS_OF.toString(),
                "--no-cache");

        assertEquals(cli.exitCode(), run.summary().exitCode().code(), cli::toString);
        assertEquals(cli.out(), run.out());
        assertEquals(cli.err(), run.err());
        assertEquals(run.summary().requests() + 1, run.out().lines().count(), "a header and a row per request");
    }

    @Test
    void theExitCodeFollowsTheFailOnLevelAndTheInput() throws Exception {
        Path fits = Files.writeString(dir.resolve("fits.csv"), "name,nodeCount\na,10\nb,20\n");
        Path noFit = Files.writeString(dir.resolve("nofit.csv"), "name,nodeCount,virtualNodes,dualStack\n"
                + "a,10,true,true\n");
        Path invalid = Files.writeString(dir.resolve("invalid.csv"), "name,nodeCount\na,10\nb,0\n");
        // the two requests' node subnets overlap: an error from the cross-request checks
        Path overlap = Files.writeString(dir.resolve("overlap.csv"), "name,nodeCount,nodeSubnetCidr\n"
                + "a,10,10.20.0.0/24\nb,10,10.20.0.0/25\n");

        assertEquals(ExitCode.OK, exit(fits, FailOn.error));
        assertEquals(ExitCode.NO_FIT, exit(noFit, FailOn.error));
        assertEquals(ExitCode.USAGE_ERROR, exit(invalid, FailOn.error));
        assertEquals(ExitCode.FINDINGS, exit(overlap, FailOn.error));
        assertEquals(ExitCode.OK, exit(overlap, FailOn.never));
    }

    private static ExitCode exit(Path input, FailOn failOn) {
        return run(config(List.of(input.toString()), BatchReportFormat.jsonl, 1, failOn, List.of())).summary()
                .exitCode();
    }

    @Test
    void badInputsAreRefusedBeforeTheAdvisorIsAskedFor() {
        AtomicBoolean asked = new AtomicBoolean();
        BatchConfig config = config(List.of(dir.resolve("nope.csv").toString(), dir.toString()),
                BatchReportFormat.csv, 1, FailOn.error, List.of("10.0.0.0/33"));

        BatchException e = assertThrows(BatchException.class, () -> run(config, () -> {
            asked.set(true);
            return Fixtures.advisor();
        }));

        assertEquals(ExitCode.USAGE_ERROR, e.exitCode());
        assertEquals(List.of("error: " + dir.resolve("nope.csv") + ": no such file",
                "error: " + dir + ": is a directory, not a request file"), e.lines());
        assertFalse(asked.get());
    }

    @Test
    void aConfigOutOfRangeIsRefusedWhenMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(List.of(TEAMS), null, BatchConfig.MAX_THREADS + 1, FailOn.error, List.of()));
        assertEquals("threads must be from 1 to 64, got 65", e.getMessage());
    }

    @Test
    void theSummaryHasNoExitCodeUntilTheRunIsOver() {
        assertNull(new BatchSummary().exitCode());
    }

    /**
     * Requests that differ only in name are one fact: the batch evaluates them once they recur, yet every entry
     * carries its own name, in the report and as the cluster in its az commands, whatever the thread count.
     */
    @Test
    void requestsThatDifferOnlyInNameEachKeepTheirNameInTheReport() throws Exception {
        StringBuilder csv = new StringBuilder("name,nodeCount,networkPolicy\n");
        for (int i = 0; i < 12; i++) {
            csv.append("team-").append(i).append(",40,cilium\n");
        }
        Path teams = Files.writeString(dir.resolve("teams.csv"), csv);

        String one = run(config(List.of(teams.toString()), BatchReportFormat.jsonl, 1, FailOn.error, List.of())).out();
        String four = run(config(List.of(teams.toString()), BatchReportFormat.jsonl, 4, FailOn.error, List.of())).out();

        assertEquals(one, four);
        ObjectMapper json = new ObjectMapper();
        List<String> names = new ArrayList<>();
        for (String line : one.split("\n")) {
            JsonNode entry = json.readTree(line);
            String name = entry.get("name").asText();
            names.add(name);
            JsonNode deployment = entry.get("recommendation").get("deployment");
            assertEquals(name, deployment.get("cluster").asText());
            List<String> clusterArgs = new ArrayList<>();
            deployment.get("steps").forEach(step -> step.get("args").forEach(arg -> {
                if (arg.get("kind").asText().equals("cluster")) {
                    clusterArgs.add(arg.get("value").asText());
                }
            }));
            assertFalse(clusterArgs.isEmpty(), line);
            assertTrue(clusterArgs.stream().allMatch(name::equals), clusterArgs::toString);
        }
        assertEquals(12, names.size());
        for (int i = 0; i < 12; i++) {
            assertEquals("team-" + i, names.get(i));
        }
    }

    /**
     * The cross-request checks' ids, levels, sources and messages are data: reworded in a copy of facts/, the batch
     * reports them in the new words, at the new level, citing the new source, in every output.
     */
    @Test
    void aCheckIsWordedByTheFactsFolder() throws Exception {
        Path facts = Folders.copy(Fixtures.FACTS, dir.resolve("facts"));
        Path checks = facts.resolve("batch-checks.yaml");
        Folders.edit(checks, String.join("\n    ", "id: BATCH-NODE-SUBNET-OVERLAP",
                "name: Node subnets of different requests must not overlap", "level: error",
                "sources: [learn-ip-planning]"), String.join("\n    ", "id: ORG-SUBNET-CLASH",
                "name: Teams share no node subnet", "level: warning", "sources: [learn-cni-overview]"));
        Folders.edit(checks, "overlap: \"{Range} overlaps {otherRange} of {other}: subnets of peered or connected "
                + "VNets must not overlap, so give this cluster a free range.\"",
                "overlap: \"{Range} clashes with {otherRange} of {other}; ask the network team.\"");
        Path overlap = Files.writeString(dir.resolve("overlap.csv"), "name,nodeCount,nodeSubnetCidr\n"
                + "a,10,10.20.0.0/24\nb,10,10.20.0.0/25\n");

        CliRun jsonl = CliRun.run("batch", overlap.toString(), "--facts", facts.toString(), "-o", "jsonl",
                "--as-of", "2026-11-21", "--no-cache");
        CliRun sarif = CliRun.run("batch", overlap.toString(), "--facts", facts.toString(), "-o", "sarif",
                "--as-of", "2026-11-21", "--no-cache");

        String text = "Node subnet 10.20.0.0/25 clashes with node subnet 10.20.0.0/24 of a (" + overlap
                + ":2); ask the network team.";
        assertEquals(0, jsonl.exitCode(), "a warning does not fail the run under --fail-on error: " + jsonl);
        assertTrue(jsonl.err().contains("warning: b (" + overlap + ":3): [ORG-SUBNET-CLASH] " + text), jsonl::toString);
        JsonNode b = new ObjectMapper().readTree(jsonl.out().lines().toList().get(1));
        JsonNode finding = null;
        for (JsonNode warning : b.get("warnings")) {
            if (warning.get("rule").asText().equals("ORG-SUBNET-CLASH")) {
                finding = warning;
            }
        }
        assertEquals(text, finding.get("text").asText(), b.toString());
        assertEquals("warning", finding.get("level").asText());
        assertEquals("learn-cni-overview", finding.get("sources").get(0).get("id").asText());
        assertFalse(jsonl.out().contains("BATCH-NODE-SUBNET-OVERLAP"), jsonl.out());

        JsonNode driver = new ObjectMapper().readTree(sarif.out()).get("runs").get(0).get("tool").get("driver");
        JsonNode rule = null;
        for (JsonNode r : driver.get("rules")) {
            if (r.get("id").asText().equals("ORG-SUBNET-CLASH")) {
                rule = r;
            }
        }
        assertEquals("Teams share no node subnet", rule.get("name").asText(), driver.toString());
        assertEquals("https://learn.microsoft.com/azure/aks/concepts-network-cni-overview",
                rule.get("helpUri").asText());
    }
}
