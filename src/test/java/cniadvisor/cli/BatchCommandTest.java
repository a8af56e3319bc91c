package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.batch.BatchConfig;
import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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
            List<String> err = run.err().lines().toList();
            assertEquals(List.of("error: kiosk (stdin:3): [ELIG-CONFLICT-ERROR] Not supported together (virtualNodes "
                            + "+ dualStack): virtual nodes do not support IPv6 or dual-stack (and they need Azure CNI "
                            + "Node Subnet, while dual-stack needs Azure CNI Overlay); drop one of the two.",
                    "Batch: 4 requests: 2 recommended, 1 no fit, 1 invalid; 1 with errors, 0 with warnings"),
                    err.subList(0, 2));
            assertFalse(run.err().contains("cni-advisor: failing"), "2 wins over 4 and 6: " + run.err());
        }

        @Test
        void theHelpSaysWhatTheExitCodesMean() {
            CliRun run = CliRun.run("batch", "--help");

            assertEquals(0, run.exitCode());
            assertTrue(run.out().replaceAll("\\s+", " ").contains("Exit codes for batch: 0 every request got a "
                    + "recommendation and no finding is at or above --fail-on; 2 some input is invalid, or a bad "
                    + "option or file; else 4 some request has no fitting option; else 6 some finding (cross-request "
                    + "checks included) is at or above --fail-on (default: error). The JUnit and SARIF reports agree "
                    + "with the exit code."), run.out());
            assertTrue(run.out().contains("Exit codes:"), run.out());
        }
    }

    /** --fail-on: findings fail the run (exit code 6) after invalid input (2) and no fit (4), and the reports agree. */
    @Nested
    class Findings {

        private static final String OVERLAP = """
                name,nodeCount,nodeSubnetCidr
                a,10,10.20.0.0/24
                b,10,10.20.0.128/25
                """;
        private static final String OVERLAP_ERROR = "error: b (stdin:3): [BATCH-NODE-SUBNET-OVERLAP] Node subnet "
                + "10.20.0.128/25 overlaps node subnet 10.20.0.0/24 of a (stdin:2): subnets of peered or connected "
                + "VNets must not overlap, so give this cluster a free range.";

        /** The batch's JUnit report: [tests, failures, errors] of the suite, then each failure's type. */
        private List<String> junit(Path report) throws Exception {
            Element suite = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                    .getElementsByTagName("testsuite").item(0);
            List<String> found = new ArrayList<>(List.of(suite.getAttribute("tests"), suite.getAttribute("failures"),
                    suite.getAttribute("errors")));
            NodeList failures = suite.getElementsByTagName("failure");
            for (int i = 0; i < failures.getLength(); i++) {
                found.add(((Element) failures.item(i)).getAttribute("type"));
            }
            return found;
        }

        private JsonNode sarifInvocation(Path report) throws Exception {
            JsonNode invocations = new ObjectMapper().readTree(report.toFile()).at("/runs/0/invocations");
            assertEquals(1, invocations.size(), invocations::toString);
            return invocations.get(0);
        }

        private CliRun reports(String csv, String... options) {
            List<String> args = new ArrayList<>(List.of("-", "--input-format", "csv", "-o", "junit", "--output-file",
                    dir.resolve("batch.xml").toString()));
            args.addAll(List.of(options));
            CliRun junit = batchWithInput(csv, args.toArray(String[]::new));
            args.set(4, "sarif");
            args.set(6, dir.resolve("batch.sarif").toString());
            CliRun sarif = batchWithInput(csv, args.toArray(String[]::new));
            assertEquals(junit.exitCode(), sarif.exitCode(), sarif.toString());
            assertEquals(junit.err(), sarif.err());
            args.set(6, dir.resolve("notes.sarif").toString());
            args.add("--sarif-recommendations");
            CliRun withNotes = batchWithInput(csv, args.toArray(String[]::new));
            assertEquals(sarif.exitCode(), withNotes.exitCode(), "notes do not change the verdict: " + withNotes);
            try {
                cniadvisor.testing.SarifSchema.assertValid(Files.readString(dir.resolve("batch.sarif")));
                JsonNode notes = cniadvisor.testing.SarifSchema.assertValid(Files.readString(
                        dir.resolve("notes.sarif")));
                assertEquals(sarifInvocation(dir.resolve("batch.sarif")), notes.at("/runs/0/invocations/0"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return junit;
        }

        @Test
        void aCrossRequestOverlapFailsTheRunAndTheReportsSaySo() throws Exception {
            CliRun run = reports(OVERLAP);

            assertEquals(6, run.exitCode(), run.toString());
            List<String> err = run.err().lines().toList();
            assertEquals(OVERLAP_ERROR, err.get(0));
            assertEquals("Batch: 2 requests: 2 recommended, 0 no fit, 0 invalid; 1 with errors, 0 with warnings",
                    err.get(1));
            assertEquals("cni-advisor: failing (--fail-on error): 1 error", err.get(err.size() - 1));
            assertEquals(List.of("2", "1", "0", "error-finding"), junit(dir.resolve("batch.xml")));
            JsonNode invocation = sarifInvocation(dir.resolve("batch.sarif"));
            assertTrue(invocation.get("executionSuccessful").asBoolean()); // the scan ran; the exit code fails it
            assertEquals(6, invocation.get("exitCode").asInt());
        }

        @Test
        void failOnNeverPassesTheRunAndTheReportsWhileStillListingTheError() throws Exception {
            CliRun run = reports(OVERLAP, "--fail-on", "never");

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(OVERLAP_ERROR, run.err().lines().findFirst().orElseThrow());
            assertFalse(run.err().contains("cni-advisor: failing"), run.err());
            assertEquals(List.of("2", "0", "0"), junit(dir.resolve("batch.xml")));
            JsonNode invocation = sarifInvocation(dir.resolve("batch.sarif"));
            assertTrue(invocation.get("executionSuccessful").asBoolean());
            assertEquals(0, invocation.get("exitCode").asInt());
            JsonNode results = new ObjectMapper().readTree(dir.resolve("batch.sarif").toFile()).at("/runs/0/results");
            assertTrue(results.findValuesAsText("level").contains("error"), "result levels stay per finding");
        }

        @Test
        void aWarningFailsTheBatchOnlyWithFailOnWarning() throws Exception {
            String csv = """
                    name,nodeCount,nodeSubnetCidr,serviceCidr,dnsServiceIp
                    trading,30,10.40.0.0/22,,
                    ml,20,10.50.0.0/24,10.40.0.0/24,10.40.0.10
                    """;

            CliRun byDefault = reports(csv);
            assertEquals(0, byDefault.exitCode(), byDefault.toString());
            assertEquals(List.of("2", "0", "0"), junit(dir.resolve("batch.xml")));
            assertTrue(sarifInvocation(dir.resolve("batch.sarif")).get("executionSuccessful").asBoolean());

            CliRun onWarning = reports(csv, "--fail-on", "warning");
            assertEquals(6, onWarning.exitCode(), onWarning.toString());
            List<String> err = onWarning.err().lines().toList();
            assertEquals("warning: ml (stdin:3): [BATCH-CLUSTER-RANGE-OVERLAP] The service CIDR 10.40.0.0/24 "
                    + "overlaps node subnet 10.40.0.0/22 of trading (stdin:2): if the two clusters' networks are "
                    + "connected, those addresses become ambiguous.", err.get(0));
            assertEquals("cni-advisor: failing (--fail-on warning): 1 warning", err.get(err.size() - 1));
            assertEquals(List.of("2", "1", "0", "warning-finding"), junit(dir.resolve("batch.xml")));
            assertEquals(6, sarifInvocation(dir.resolve("batch.sarif")).get("exitCode").asInt());
        }

        @Test
        void invalidInputWinsOverFindings() throws Exception {
            CliRun run = reports("""
                    name,nodeCount,nodeSubnetCidr
                    a,10,10.20.0.0/24
                    bad,many,
                    b,10,10.20.0.128/25
                    """);

            assertEquals(2, run.exitCode(), run.toString());
            assertEquals(OVERLAP_ERROR.replace("stdin:3", "stdin:4"), run.err().lines().findFirst().orElseThrow());
            assertFalse(run.err().contains("cni-advisor: failing"), run.err());
            assertEquals(List.of("3", "1", "1", "error-finding"), junit(dir.resolve("batch.xml")));
            JsonNode invocation = sarifInvocation(dir.resolve("batch.sarif"));
            assertTrue(invocation.get("executionSuccessful").asBoolean()); // the scan ran; the exit code fails it
            assertEquals(2, invocation.get("exitCode").asInt());
        }

        @Test
        void noFitWinsOverFindings() {
            CliRun run = batchWithInput("""
                    name,nodeCount,nodeSubnetCidr,virtualNodes,dualStack
                    a,10,10.20.0.0/24,,
                    kiosk,10,,true,true
                    b,10,10.20.0.128/25,,
                    """, "-", "--input-format", "csv", "-o", "csv");

            assertEquals(4, run.exitCode(), run.toString());
            assertFalse(run.err().contains("cni-advisor: failing"), run.err());
        }

        @Test
        void theListingStopsAfterFiftyFindingsAndSaysHowManyMore() {
            StringBuilder csv = new StringBuilder("name,nodeCount,windowsNodePools,windowsServerVersion\n");
            for (int i = 1; i <= 55; i++) {
                csv.append("win-").append(i).append(",10,true,2019\n");
            }

            CliRun run = batchWithInput(csv.toString(), "-", "--input-format", "csv", "-o", "csv");

            assertEquals(6, run.exitCode(), run.toString());
            List<String> err = run.err().lines().toList();
            assertTrue(err.get(0).startsWith("error: win-1 (stdin:2): [LIFE-WINDOWS-RETIRED] "), err.get(0));
            assertTrue(err.get(49).startsWith("error: win-50 (stdin:51): [LIFE-WINDOWS-RETIRED] "), err.get(49));
            assertEquals("... and 5 more (see the report)", err.get(50));
            assertTrue(err.get(51).startsWith("Batch: 55 requests: 55 recommended,"), err.get(51));
            assertEquals("cni-advisor: failing (--fail-on error): 55 errors", err.get(err.size() - 1));
            assertEquals(56, run.out().lines().count(), "every request is in the report");
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
            assertEquals("error: --threads must be from 1 to " + BatchConfig.MAX_THREADS + ", got 0\n"
                    + "Try 'cni-advisor batch --help' for usage.\n", run.err());
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
            // the table carries the summary itself; stderr the errors and warnings, and no closing line (exit 2)
            assertEquals(List.of(
                    "error: lob-windows (examples/batch/teams.csv:5): [BATCH-NODE-SUBNET-OVERLAP] Node subnet "
                            + "10.20.0.128/25 overlaps node subnet 10.20.0.0/24 of payments "
                            + "(examples/batch/teams.csv:2): subnets of peered or connected VNets must not overlap, "
                            + "so give this cluster a free range.",
                    "warning: lob-windows (examples/batch/teams.csv:5): [LIFE-WINDOWS-RETIRING] Windows Server 2022 "
                            + "is unsupported from 2028-06-30: Windows Server 2022 is not supported on Kubernetes "
                            + "1.37 and later; node images are removed on 2029-06-30. Plan the move to Windows "
                            + "Server 2025.",
                    "warning: legacy-intranet (examples/batch/teams.csv:6): [LIFE-RETIRING-PLUGIN-MIGRATE] This "
                            + "cluster runs kubenet, which is unsupported from 2028-03-31 (496 days after "
                            + "2026-11-21): migrate to azure-cni-overlay before then.",
                    "warning: ml-platform (examples/batch/teams.csv:9): [BATCH-CLUSTER-RANGE-OVERLAP] The service "
                            + "CIDR 10.40.0.0/24 overlaps node subnet 10.40.0.0/22 of trading "
                            + "(examples/batch/teams.csv:4): if the two clusters' networks are connected, those "
                            + "addresses become ambiguous.",
                    "warning: teams.csv#10 (examples/batch/teams.csv:11): [PREF-BYO-SUPPORT] Bring your own CNI: "
                            + "Microsoft does not support CNI-related issues; the team installs, upgrades and "
                            + "troubleshoots cilium-oss itself, and nodes stay NotReady until it runs."),
                    run.err().lines().toList());
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
        void theAddressPoolLinesSayWhatIsGivenReservedAllocatedAndLeft() {
            CliRun run = batch("examples/batch/teams.csv", "-o", "jsonl", "--address-pool", "10.0.0.0/9");

            assertEquals(2, run.exitCode(), run.toString());
            // given node subnets inside the pool, each address once: 256 + 1,024 + 1,024 + 256 + 2,048 + 4,096
            // (lob-windows' /25 lies in payments' /24); reserved: the connected 10.0.0.0/16 (the other connected
            // networks and the given pod CIDRs lie outside the pool, ml-platform's service CIDR inside trading's
            // subnet). Allocated with 25% headroom (surge at AKS's default 10%, rounded up): edge-ipv6, 200 + 20
            // overlay nodes = 220 + 25% = 275 in a /23 VNet; teams.csv#10, 12 + 2 = 14 + 25% = 18 in a /27 VNet;
            // trading's pod subnet, 30 + 3 nodes x 2 batches of 16 = 1,056 + 25% = 1,320 in a /21
            List<String> lines = run.err().lines().dropWhile(line -> !line.startsWith("Address pool")).toList();
            assertEquals(List.of("Address pool 10.0.0.0/9: 8,388,608 addresses; given ranges hold 8,704, reserved "
                            + "ranges 65,536, 2,592 allocated to 3 requests; 8,311,776 free.",
                    "  Largest free blocks: 10.96.0.0/11, 10.80.0.0/12, 10.8.0.0/13, 10.24.0.0/13, 10.32.0.0/13",
                    // AKS's default service CIDR 10.0.0.0/16 lies in the pool: one clear of it serves every cluster
                    "  Cluster-private ranges reused across clusters: pod-cidr 10.244.0.0/16 by 5 clusters; "
                            + "service-cidr 10.128.0.0/16 by 8 clusters"), lines.subList(0, 3));
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
            List<String> err = run.err().lines().toList();
            int summary = err.indexOf(err.stream().filter(l -> l.startsWith("Batch: ")).findFirst().orElseThrow());
            assertTrue(err.get(summary).startsWith("Batch: 5 requests: 4 recommended, 0 no fit, 1 invalid;"),
                    run.err());
            assertTrue(err.subList(0, summary).stream().allMatch(l -> l.startsWith("error: ")
                    || l.startsWith("warning: ")), "the findings, then the summary: " + run.err());
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
