package cniadvisor.hostile;

import static cniadvisor.testing.Hostile.INPUTS;
import static cniadvisor.testing.Hostile.assertInputError;
import static cniadvisor.testing.Hostile.assertNoTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.InputLimits;
import cniadvisor.testing.BatchReport;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Hostile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command over hostile input, through the real entry point: the crafted files under
 * src/test/resources/hostile/inputs, inputs too large to keep there (made here), endless streams and named pipes.
 * Each run must end quickly with a known exit code, name the file and the line, key or limit on stderr, and show
 * no stack trace; a batch must account for every request it was given.
 */
class HostileInputTest {

    /** No hostile input may keep a command busy longer than this (the limits make them all take a second or so). */
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return assertTimeoutPreemptively(QUICKLY, () -> CliRun.run(args), () -> String.join(" ", args));
    }

    private static CliRun run(java.io.InputStream stdin, String... args) {
        return assertTimeoutPreemptively(QUICKLY, () -> CliRun.run(stdin, args), () -> String.join(" ", args));
    }

    private static String input(String name) {
        return INPUTS.resolve(name).toString();
    }

    /** The crafted single requests and what each must end in: exit codes, and what stderr must say. */
    private static final Map<String, Expect> REQUESTS = new LinkedHashMap<>();

    private record Expect(Set<Integer> exits, List<String> says) {
    }

    private static void expect(String file, Set<Integer> exits, String... says) {
        REQUESTS.put(file, new Expect(exits, List.of(says)));
    }

    static {
        // ranges at the edges of the address space: an answer (a plan, a no-fit, findings), never a crash
        for (String file : List.of("cidr-top-node-subnet.yaml", "cidr-top-pod-cidr.yaml", "cidr-top-connected.yaml",
                "cidr-top-service-30.yaml", "cidr-top-service-32.json", "cidr-top-dns.yaml", "cidr-whole-space.yaml",
                "cidr-first-addresses.yaml", "scale-max.yaml", "crlf-bom.yaml", "cr-only.yaml")) {
            expect(file, Set.of(0, 4, 6));
        }
        expect("cidr-huge-prefix.yaml", Set.of(2), ":3: podCidr: \"::1/12898768698651631050272415206\" is not a valid IPv4 CIDR",
                ":4: serviceCidr: \"10.0.0.0/99999\" is not a valid IPv4 CIDR", ":5: dnsServiceIp:");
        expect("nesting-21.json", Set.of(2), ":1: name: lists and objects nested more than 20 levels deep");
        expect("nesting-21.yaml", Set.of(2), ":2: name: lists and objects nested more than 20 levels deep");
        expect("list-1001.yaml", Set.of(2), ":2: connectedNetworks: a list of more than 1,000 items");
        expect("keys-1001.yaml", Set.of(2), ":2: unknown key 'key0'",
                ":102: ... and 900 more problems in this request (only the first 100 are listed)");
        expect("number-1001-digits.yaml", Set.of(2), ":1: a number longer than 1,000 digits");
        expect("number-huge.json", Set.of(2), ":1: nodeCount: expected a whole number from 1 up, got Infinity");
        expect("not-utf8.yaml", Set.of(2), ": is not UTF-8 text");
        expect("control-characters.yaml", Set.of(2), ":2: name: contains a control character (U+001B)");
        expect("yaml-alias-bomb.yaml", Set.of(2), ":4: nodeCount: YAML aliases (*c) are not supported");
        expect("yaml-tags.yaml", Set.of(2), ":2: name: expected text, got a list");
        expect("json-trailing.json", Set.of(2), ":2: unexpected content after the request object");
        expect("json-duplicate-keys.json", Set.of(2), ":1: nodeCount: given more than once");
        expect("empty.yaml", Set.of(2), ": the request is empty");
        expect("only-comments.yaml", Set.of(2), ": the request is empty");
        expect("not-an-object.json", Set.of(2), ":1: expected an object of request keys");
        expect("wrong-types.yaml", Set.of(2), ":1: nodeCount:", ":5: networkPolicy:", ":7: dnsServiceIp:",
                ":8: nodeSubnetCidr:");
    }

    @Test
    void everyCraftedFileIsInTheTable() throws IOException {
        try (Stream<Path> files = Files.list(INPUTS)) {
            List<String> single = files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("mixed.")).sorted().toList();
            assertEquals(single, REQUESTS.keySet().stream().sorted().toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> adviseAndPlanAnswerEveryCraftedRequest() {
        return REQUESTS.entrySet().stream().flatMap(entry -> Stream.of("advise", "plan").map(command ->
                DynamicTest.dynamicTest(command + " " + entry.getKey(), () -> {
                    String file = input(entry.getKey());
                    CliRun run = run(command, "-f", file, "-o", "json");
                    Expect expect = entry.getValue();
                    assertTrue(expect.exits().contains(run.exitCode()), run::toString);
                    assertNoTrace(run);
                    if (run.exitCode() == 2) {
                        assertInputError(run, file);
                    }
                    for (String says : expect.says()) {
                        assertTrue(run.err().contains("error: " + file + says), () -> "says " + says + ": " + run);
                    }
                })));
    }

    // ---- inputs too large to keep in the repository: made here, each far past a limit

    private Path write(String name, String... parts) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (String part : parts) {
                out.write(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static String repeat(String text, int times) {
        return text.repeat(times);
    }

    @TestFactory
    Stream<DynamicTest> oversizedRequestsAreRefusedNamingTheLimit() throws IOException {
        String tenMegabytes = "a".repeat(10_000_000);
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(write("value.yaml", "nodeCount: 10\nname: ", tenMegabytes, "\n"), "1 MiB");
        files.put(write("value.json", "{\"nodeCount\": 10, \"name\": \"", tenMegabytes, "\"}"), "1 MiB");
        files.put(write("key.yaml", "nodeCount: 10\n", tenMegabytes, ": 1\n"), "1 MiB");
        files.put(write("list.json", "{\"nodeCount\": 10, \"connectedNetworks\": [",
                repeat("\"10.0.0.0/8\",", 999_999), "\"10.0.0.0/8\"]}"), "1 MiB");
        files.put(write("list.yaml", "nodeCount: 10\nconnectedNetworks:\n", repeat("- 10.0.0.0/8\n", 1_000_000)),
                "1 MiB");
        files.put(write("line.yaml", "nodeCount: 10\nname: ", "b".repeat(InputLimits.LINE_CHARS + 1), "\n"),
                ":2: line is 65,543 characters long, more than 64 KiB (65,536 characters), the limit for a line");
        files.put(write("line.json", "{\"nodeCount\": 10, \"connectedNetworks\": [",
                repeat("\"10.0.0.0/8\",", 10_000), "\"10.0.0.0/8\"]}"), ":1: line is");
        files.put(write("deep.json", "{\"nodeCount\": 10, \"name\": ", "[".repeat(30_000), "]".repeat(30_000), "}"),
                ":1: lists and objects nested more than 1,000 levels deep, more than the parser can skip");
        files.put(write("deep.yaml", "nodeCount: 10\nname:\n", deepBlockList(600)),
                ":2: name: lists and objects nested more than 20 levels deep");
        files.put(write("list-of-1001.json", "{\"nodeCount\": 10, \"connectedNetworks\": [\n",
                repeat("\"10.0.0.0/8\",\n", 1_000), "\"10.0.0.0/8\"]}"), ":1: connectedNetworks: a list of more than 1,000");
        return files.entrySet().stream().flatMap(entry -> Stream.of("advise", "plan").map(command ->
                DynamicTest.dynamicTest(command + " " + entry.getKey().getFileName(), () -> {
                    String file = entry.getKey().toString();
                    CliRun run = run(command, "-f", file);
                    assertInputError(run, file);
                    assertTrue(run.err().contains(entry.getValue()), () -> "names the limit: " + run);
                })));
    }

    /** A YAML block list nested {@code depth} levels, each on its own short line. */
    private static String deepBlockList(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i + 1)).append("-\n");
        }
        return yaml.toString();
    }

    @Test
    void endlessInputIsCutAtTheFileLimit() {
        for (String command : List.of("advise", "plan")) {
            CliRun zeros = run(Hostile.endless((byte) 0), command, "-f", "-");
            assertInputError(zeros, "stdin");
            assertTrue(zeros.err().contains("holds more than 1 MiB (1,048,576 bytes), the limit for a request file"),
                    zeros::toString);
            CliRun yaml = run(Hostile.endless("nodeCount: 1\n".getBytes(StandardCharsets.UTF_8)), command, "-f", "-");
            assertInputError(yaml, "stdin");
        }
    }

    @Test
    void devZeroIsCutAtTheFileLimit() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
        CliRun run = run("advise", "-f", zero.toString());
        assertInputError(run, "/dev/zero");
        assertTrue(run.err().contains("holds more than 1 MiB"), run::toString);
    }

    // ---- rules test reads scenario files: the same limits, and only regular files

    @Test
    void rulesTestRefusesHostileScenarioFiles() throws IOException {
        Path huge = write("huge.yaml", "name: huge\nasOf: 2026-11-21\nrequest:\n  nodeCount: 1\n  name: ",
                "h".repeat(2_000_000), "\n");
        Path deep = write("deep.yaml", "name: deep\nasOf: 2026-11-21\nrequest: ", "[".repeat(1_500),
                "]".repeat(1_500), "\n");
        for (Path scenario : List.of(huge, deep)) {
            CliRun run = run("rules", "test", scenario.toString());
            assertInputError(run, scenario.toString());
        }
        assertTrue(run("rules", "test", huge.toString()).err().contains("more than 1 MiB"));
        if (Files.exists(Path.of("/dev/zero"))) {
            CliRun zero = run("rules", "test", "/dev/zero");
            assertInputError(zero, "/dev/zero");
            assertTrue(zero.err().contains("is not a regular file or a folder"), zero::toString);
        }
    }

    // ---- named pipes: one nothing writes to is given up; one with a writer (as <(cat x) gives) is read

    @Nested
    class NamedPipes {

        private String timeout;

        @BeforeEach
        void shortTimeout() {
            timeout = System.getProperty(InputLimits.OPEN_TIMEOUT_PROPERTY);
            System.setProperty(InputLimits.OPEN_TIMEOUT_PROPERTY, "300");
        }

        @AfterEach
        void restoreTimeout() {
            if (timeout == null) {
                System.clearProperty(InputLimits.OPEN_TIMEOUT_PROPERTY);
            } else {
                System.setProperty(InputLimits.OPEN_TIMEOUT_PROPERTY, timeout);
            }
        }

        private Path fifo(String name) throws IOException, InterruptedException {
            Path fifo = dir.resolve(name);
            Process mkfifo;
            try {
                mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            } catch (IOException e) {
                Assumptions.abort("no mkfifo here");
                throw e;
            }
            Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
            return fifo;
        }

        @Test
        void aPipeNothingWritesToIsGivenUp() throws Exception {
            Path fifo = fifo("nobody.yaml");
            for (String command : List.of("advise", "plan")) {
                CliRun run = run(command, "-f", fifo.toString());
                assertInputError(run, fifo.toString());
                assertTrue(run.err().contains("nothing opened this pipe for writing within 300 ms"), run::toString);
            }
        }

        @Test
        void aPipeWithAWriterIsReadAsProcessSubstitutionGivesIt() throws Exception {
            Path fifo = fifo("written.yaml");
            Thread writer = new Thread(() -> {
                try {
                    Files.writeString(fifo, "name: piped\nnodeCount: 12\n"); // blocks until the reader opens it
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            System.setProperty(InputLimits.OPEN_TIMEOUT_PROPERTY, "10000");
            CliRun run = run("advise", "-f", fifo.toString(), "-o", "json");
            writer.join(10_000);
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().contains("\"name\" : \"piped\""), run::toString);
        }

        @Test
        void aBatchGoesOnPastAPipeNothingWritesTo() throws Exception {
            Path fifo = fifo("nobody.csv");
            CliRun run = run("batch", input("mixed.jsonl"), fifo.toString(), input("mixed.json"), "-o", "jsonl");
            assertNoTrace(run);
            BatchReport report = BatchReport.ofJsonLines(run.out());
            assertEquals(MIXED.get("mixed.jsonl") + 1 + MIXED.get("mixed.json"), report.entries().size(),
                    run::toString);
            assertTrue(report.entries().stream().anyMatch(entry -> entry.input().equals(fifo.toString())
                    && entry.errors().get(0).startsWith("nothing opened this pipe for writing")), run::toString);
            assertEquals(2, run.exitCode(), run::toString);
        }
    }

    // ---- batch: every request given is in the report once, the good ones evaluated

    /** The requests in each mixed file: rows, lines, elements or documents, whatever is wrong with them. */
    private static final Map<String, Integer> MIXED = Map.of("mixed.csv", 16, "mixed.jsonl", 16, "mixed.json", 10,
            "mixed.yaml", 9);

    /**
     * Checks a batch report against its inputs: {@code counts} requests per input, in input order; a request named
     * ok-* evaluated; every other one invalid, with an error naming its input (and a line where one is known).
     */
    private static void assertAccountedFor(CliRun run, Map<String, Integer> counts) {
        assertNoTrace(run);
        BatchReport report = BatchReport.ofJsonLines(run.out());
        assertEquals(counts.values().stream().mapToInt(Integer::intValue).sum(), report.entries().size(),
                run::toString);
        int at = 0;
        for (Map.Entry<String, Integer> input : counts.entrySet()) {
            for (int i = 0; i < input.getValue(); i++, at++) {
                BatchReport.Entry entry = report.entries().get(at);
                assertTrue(entry.input().startsWith(input.getKey()), () -> entry + " comes from " + input.getKey());
                if (entry.name().startsWith("ok-")) {
                    assertTrue(entry.evaluated(), entry::toString);
                } else {
                    assertFalse(entry.evaluated(), entry::toString);
                    assertFalse(entry.errors().isEmpty(), entry::toString);
                }
            }
        }
        assertEquals(2, run.exitCode(), "some input is invalid: " + run);
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfEveryMixedFileIsAccountedFor() {
        return MIXED.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            String file = input(name);
            assertAccountedFor(run("batch", file, "-o", "jsonl"), Map.of(file, MIXED.get(name)));
            // the same through standard input
            CliRun piped = run(Files.newInputStream(Path.of(file)), "batch", "-", "--input-format",
                    name.substring(name.indexOf('.') + 1), "-o", "jsonl");
            assertAccountedFor(piped, Map.of("stdin", MIXED.get(name)));
        }));
    }

    @Test
    void allMixedFilesInOneRunWithAReportFile() throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of("batch"));
        for (String name : List.of("mixed.csv", "mixed.jsonl", "mixed.json", "mixed.yaml")) {
            counts.put(input(name), MIXED.get(name));
            args.add(input(name));
        }
        Path report = dir.resolve("report.jsonl");
        args.addAll(List.of("--output-file", report.toString(), "--threads", "3"));
        CliRun run = run(args.toArray(String[]::new));
        assertAccountedFor(new CliRun(run.exitCode(), Files.readString(report), run.err()), counts);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(run.err().contains(total + " requests: "), run::toString);
    }

    @Test
    void anOverlongBatchLineIsOneEntryAndTheNextLinesAreRead() throws IOException {
        String huge = "x".repeat(InputLimits.RECORD_CHARS + 10);
        Path csv = write("long.csv", "name,nodeCount\nok-a,1\n\"", huge, "\",2\nok-b,3\n", huge, "\nok-c,4\n");
        Path jsonl = write("long.jsonl", "{\"name\":\"ok-a\",\"nodeCount\":1}\n{\"name\":\"", huge,
                "\",\"nodeCount\":2}\n{\"name\":\"ok-b\",\"nodeCount\":3}\n");
        String half = "y".repeat(InputLimits.RECORD_CHARS / 2 + 10);
        Path json = write("long.json", "[{\"name\":\"ok-a\",\"nodeCount\":1},\n{\"name\":\"bad\",\"a\":\"", half,
                "\",\"b\":\"", half, "\"},\n{\"name\":\"ok-b\",\"nodeCount\":3}]\n");
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(csv.toString(), 5);
        counts.put(jsonl.toString(), 3);
        counts.put(json.toString(), 3);
        CliRun run = run("batch", csv.toString(), jsonl.toString(), json.toString(), "-o", "jsonl");
        assertAccountedFor(run, counts);
        BatchReport report = BatchReport.ofJsonLines(run.out());
        assertEquals(List.of("longer than 1 MiB (1,048,576 characters), the limit for one request of a batch (see "
                + "docs/input-limits.md)"), report.entries().get(1).errors());
        assertEquals(csv + ":3", report.entries().get(1).input());
        assertEquals(csv + ":5", report.entries().get(3).input());
        assertEquals(json + ":2", report.entries().get(9).input());
        assertTrue(report.entries().get(9).errors().get(0).startsWith("larger than 1 MiB"), run::toString);
    }

    @TestFactory
    Stream<DynamicTest> anEndlessBatchInputWithoutLineEndsStops() {
        return Stream.of("csv", "jsonl", "json", "yaml").map(format -> DynamicTest.dynamicTest(format, () -> {
            CliRun run = run(Hostile.endless((byte) 0), "batch", "-", "--input-format", format, "-o", "jsonl");
            assertNoTrace(run);
            assertEquals(2, run.exitCode(), run::toString);
            BatchReport report = BatchReport.ofJsonLines(run.out());
            assertEquals(1, report.entries().size(), run::toString);
            assertTrue(report.entries().get(0).errors().get(0)
                    .matches(".*(the rest of this input was not read|no row of this file was read)"), run::toString);
        }));
    }
}
