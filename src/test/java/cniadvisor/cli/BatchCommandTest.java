package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

    private static final String AS_OF = "2026-11-21";

    @TempDir
    Path dir;

    /** The batch command with a fixed date and no rule cache, so tests neither depend on nor touch ~/.cache. */
    private static CliRun batch(String... args) {
        return batchWithInput("", args);
    }

    private static CliRun batchWithInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("batch", "--as-of", AS_OF, "--no-cache", "--no-progress"));
        all.addAll(List.of(args));
        return CliRun.runWithInput(stdin, all.toArray(String[]::new));
    }

    /** A varied batch: recommendations, conflicts, bad rows and overlapping subnets, reproducibly. */
    private static String variedCsv(int rows) {
        Random random = new Random(7);
        String[] policies = {"none", "any", "cilium", "calico", "azure"};
        String[] traffic = {"", "intra-cluster", "external", "mixed"};
        StringBuilder csv = new StringBuilder("name,nodeCount,maxPodsPerNode,nodeSubnetCidr,podCidr,networkPolicy,"
                + "trafficPattern,windowsNodePools,virtualNodes,dualStack,currentPlugin\n");
        for (int i = 1; i <= rows; i++) {
            String nodes = random.nextInt(40) == 0 ? "lots" : Integer.toString(1 + random.nextInt(1200));
            csv.append(random.nextInt(10) == 0 ? "" : "team-" + i).append(',')
                    .append(nodes).append(',')
                    .append(random.nextBoolean() ? "" : 10 + random.nextInt(240)).append(',')
                    .append(random.nextInt(3) == 0 ? "10." + random.nextInt(4) + "." + random.nextInt(8) * 32 + ".0/"
                            + (19 + random.nextInt(6)) : "").append(',')
                    .append(random.nextInt(8) == 0 ? "10." + random.nextInt(4) + ".0.0/16" : "").append(',')
                    .append(policies[random.nextInt(policies.length)]).append(',')
                    .append(traffic[random.nextInt(traffic.length)]).append(',')
                    .append(random.nextInt(6) == 0).append(',')
                    .append(random.nextInt(20) == 0).append(',')
                    .append(random.nextInt(20) == 0).append(',')
                    .append(random.nextInt(8) == 0 ? "kubenet" : "").append('\n');
        }
        return csv.toString();
    }

    @Nested
    class ExitCodes {

        @Test
        void zeroWhenEveryRequestGotARecommendation() {
            CliRun run = batchWithInput("name,nodeCount\na,10\nb,20\n", "-", "--input-format", "csv", "-o", "csv");

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(3, run.out().lines().count());
            assertEquals("Batch: 2 requests: 2 recommended, 0 no fit, 0 invalid; 0 with errors, 0 with warnings",
                    run.err().lines().findFirst().orElseThrow());
        }

        @Test
        void fourWhenSomeRequestHasNoFittingOption() {
            CliRun run = batchWithInput("""
                    {"name": "a", "nodeCount": 10}
                    {"name": "kiosk", "nodeCount": 10, "virtualNodes": true, "dualStack": true}
                    """, "-", "--input-format", "jsonl", "-o", "jsonl");

            assertEquals(4, run.exitCode(), run.toString());
            assertEquals(2, run.out().lines().count());
        }

        @Test
        void twoWhenSomeInputIsInvalidAndTheRestIsStillEvaluated() {
            CliRun run = batchWithInput("""
                    name,nodeCount,virtualNodes,dualStack
                    a,10,,
                    kiosk,10,true,true
                    bad,many,,
                    c,5,,
                    """, "-", "--input-format", "csv", "-o", "csv");

            assertEquals(2, run.exitCode(), run.toString());
            List<String> rows = run.out().lines().toList();
            assertEquals(5, rows.size());
            assertTrue(rows.get(1).startsWith("stdin,2,a,recommended,azure-cni-overlay,"), rows.get(1));
            assertTrue(rows.get(2).startsWith("stdin,3,kiosk,no-fit,"), rows.get(2));
            assertTrue(rows.get(3).startsWith("stdin,4,bad,invalid,,,,,,,,,\"stdin:4: nodeCount: expected a whole "
                    + "number from 1 up, got \"\"many\"\"\""), rows.get(3));
            assertTrue(rows.get(4).startsWith("stdin,5,c,recommended,"), rows.get(4));
            assertEquals("Batch: 4 requests: 2 recommended, 1 no fit, 1 invalid; 1 with errors, 0 with warnings",
                    run.err().lines().findFirst().orElseThrow());
        }

        @Test
        void theHelpSaysWhatTheExitCodesMean() {
            CliRun run = CliRun.run("batch", "--help");

            assertEquals(0, run.exitCode());
            assertTrue(run.out().replaceAll("\\s+", " ").contains("Exit codes for batch: 0 every request got a "
                    + "recommendation; 4 some request has no fitting option; 2 some input is invalid (checked first), "
                    + "or a bad option or file."), run.out());
            assertTrue(run.out().contains("Exit codes:"), run.out());
        }
    }

    @Nested
    class BadUsage {

        @Test
        void stdinNeedsAnInputFormat() {
            CliRun run = batchWithInput("name,nodeCount\na,1\n", "-");

            assertEquals(2, run.exitCode());
            assertEquals("error: stdin: say how standard input is written with --input-format (csv, jsonl, json, "
                    + "yaml)\n", run.err());
        }

        @Test
        void filesMustExistAndHaveAKnownExtension() throws Exception {
            Path text = Files.writeString(dir.resolve("teams.txt"), "name,nodeCount\n");

            CliRun run = batch(text.toString(), dir.resolve("missing.csv").toString());

            assertEquals(2, run.exitCode());
            assertEquals(List.of(
                    "error: " + text + ": unknown extension; use .csv, .jsonl, .ndjson, .json, .yaml or .yml, or say "
                            + "the format with --input-format (csv, jsonl, json, yaml)",
                    "error: " + dir.resolve("missing.csv") + ": no such file"), run.err().lines().toList());
        }

        @Test
        void theAddressPoolTakesIpv4Cidrs() {
            CliRun run = batch("examples/batch/teams.csv", "--address-pool", "10.0.0.1/8,fd00::/8");

            assertEquals(2, run.exitCode());
            assertEquals(List.of(
                    "error: --address-pool: \"10.0.0.1/8\" has host bits set; the network address is 10.0.0.0/8",
                    "error: --address-pool: \"fd00::/8\" is IPv6; this key takes an IPv4 CIDR"),
                    run.err().lines().toList());
        }

        @Test
        void threadsMustBePositive() {
            CliRun run = batch("examples/batch/teams.csv", "--threads", "0");

            assertEquals(2, run.exitCode());
            assertEquals("error: --threads must be at least 1, got 0\n", run.err());
        }
    }

    @Nested
    class Examples {

        @Test
        void theCsvExampleHasABadRowAnOverlapAndADefaultName() {
            CliRun run = batch("examples/batch/teams.csv", "-o", "table");

            assertEquals(2, run.exitCode(), run.toString());
            List<String> lines = run.out().lines().toList();
            assertTrue(lines.get(4).startsWith("     4  lob-windows               azure-cni-overlay / azure / calico"
                    + "             1   1  ERROR BATCH-NODE-SUBNET-OVERLAP: Node subnet 10.20.0.128/25 overlaps node "
                    + "subnet 10.20.0.0/24 of payments (examples/batch/teams.csv:2)"), lines.get(4));
            assertTrue(lines.get(9).startsWith("     9  analytics                 INVALID"), lines.get(9));
            assertTrue(lines.get(10).startsWith("    10  teams.csv#10              byo-cni / none / none"),
                    lines.get(10));
            assertTrue(lines.contains("Batch: 10 requests: 9 recommended, 0 no fit, 1 invalid; 1 with errors, "
                    + "4 with warnings"), run.out());
            assertEquals("", run.err(), "the table carries the summary itself");
        }

        @Test
        void jsonLinesAndYamlExamplesReadTogetherInOrder() {
            CliRun run = batch("examples/batch/teams.jsonl", "examples/batch/teams.yaml", "-o", "csv");

            assertEquals(2, run.exitCode(), run.toString());
            List<String> names = run.out().lines().skip(1).map(row -> row.split(",")[2]).toList();
            assertEquals(List.of("search", "reporting", "kiosk", "ledger", "teams.jsonl#5", "media", "identity",
                    "build-farm", "intranet-old", "typo", "mesh-lab"), names);
        }

        @Test
        void theAddressPoolLineSaysWhatIsTakenAndWhatIsLeft() {
            CliRun run = batch("examples/batch/teams.csv", "-o", "jsonl", "--address-pool", "10.0.0.0/9");

            assertEquals(2, run.exitCode(), run.toString());
            // given node subnets 256 + 1,024 + 1,024 + 128 + 256 + 2,048 + 4,096, the proposed ones for the two
            // without one (surge at AKS's default 10%, rounded up): 200 + 20 overlay nodes + 5 reserved in a /24
            // (256), 12 + 2 BYO nodes + 5 in a /27 (32), and trading's proposed pod subnet: 30 + 3 nodes x 2
            // batches of 16 = 1,056 addresses in a /21 (2,048)
            assertTrue(run.err().lines().anyMatch(line -> line.equals("Address pool 10.0.0.0/9 (8,388,608 "
                    + "addresses): 9 requests take 11,168; 8,377,440 left.")), run.err());
        }
    }

    @Nested
    class Determinism {

        @Test
        void oneAndFourThreadsWriteTheSameBytesInInputOrder() throws Exception {
            Path input = Files.writeString(dir.resolve("varied.csv"), variedCsv(600));

            for (String format : List.of("csv", "jsonl", "sarif")) {
                CliRun one = batch(input.toString(), "--threads", "1", "-o", format, "--address-pool", "10.0.0.0/14");
                CliRun four = batch(input.toString(), "--threads", "4", "-o", format, "--address-pool", "10.0.0.0/14");

                assertEquals(2, one.exitCode(), one.err());
                assertEquals(one.out(), four.out(), format);
                assertEquals(one.err(), four.err(), format);
            }
            CliRun csv = batch(input.toString(), "--threads", "3", "-o", "csv");
            List<Integer> lines = csv.out().lines().skip(1).map(row -> Integer.parseInt(row.split(",")[1])).toList();
            assertEquals(600, lines.size());
            assertEquals(lines.stream().sorted().toList(), lines);
        }
    }

    @Nested
    class OutputFile {

        private List<String> files() throws Exception {
            try (Stream<Path> list = Files.list(dir)) {
                return list.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }

        @Test
        void theReportGoesToTheFileInTheFormatItsExtensionNames() throws Exception {
            Path report = dir.resolve("report.md");

            CliRun run = batch("examples/batch/teams.yaml", "--output-file", report.toString());

            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("", run.out());
            assertTrue(Files.readString(report).startsWith("# AKS network plugin advice: batch report\n"));
            assertTrue(run.err().startsWith("Batch: 5 requests: 4 recommended, 0 no fit, 1 invalid;"), run.err());
            assertEquals(List.of("report.md"), files());
        }

        @Test
        void anExistingReportIsReplacedWhole() throws Exception {
            Path report = Files.writeString(dir.resolve("report.csv"), "x".repeat(100_000));

            CliRun run = batch("examples/batch/teams.jsonl", "--output-file", report.toString());

            assertEquals(2, run.exitCode(), run.toString());
            List<String> rows = Files.readAllLines(report);
            assertEquals(7, rows.size());
            assertTrue(rows.get(0).startsWith("input,line,name,status,"));
            assertEquals(List.of("report.csv"), files());
        }

        @Test
        void aRunThatFailsHalfwayLeavesTheOldReportAndNoTemporaryFile() throws Exception {
            Path rules = Files.createDirectories(dir.resolve("rules"));
            Files.writeString(rules.resolve("boom.drl"), """
                    package org.rules;
                    import cniadvisor.model.*;
                    global cniadvisor.engine.Verdict verdict;
                    rule "A rule with a bug"
                        @id("ORG-BUG") @source("learn-quotas")
                    when
                        Request( nodeCount == 777 )
                    then
                        String text = "two values: %s and %s"; // built at run time: only running it shows the mistake
                        verdict.warning(kcontext, text, "only one");
                    end
                    """);
            StringBuilder csv = new StringBuilder("name,nodeCount\n");
            for (int i = 1; i <= 2000; i++) {
                csv.append("t").append(i).append(',').append(i == 1500 ? 777 : 1 + i % 500).append('\n');
            }
            Path input = Files.writeString(dir.resolve("input.csv"), csv);
            Path report = Files.writeString(dir.resolve("report.csv"), "the previous report\n");

            CliRun run = batch(input.toString(), "--rules", "bundled", "--rules", rules.toString(),
                    "--output-file", report.toString());

            assertEquals(3, run.exitCode(), run.toString());
            assertTrue(run.err().contains("boom.drl:4: rule \"A rule with a bug\" (ORG-BUG) text \"two values: %s "
                    + "and %s\" has 2 format placeholders but 1 argument was given"), run.err());
            assertFalse(run.err().contains("internal error"), run.err());
            assertEquals("the previous report\n", Files.readString(report));
            assertEquals(List.of("input.csv", "report.csv", "rules"), files());
        }

        @Test
        void aFolderThatDoesNotExistIsAUsageError() {
            CliRun run = batch("examples/batch/teams.csv", "--output-file", dir.resolve("no/such/r.csv").toString());

            assertEquals(2, run.exitCode());
            assertTrue(run.err().startsWith("error: --output-file " + dir.resolve("no/such/r.csv")
                    + ": cannot write there"), run.err());
            assertFalse(Files.exists(dir.resolve("no")));
        }
    }
}
