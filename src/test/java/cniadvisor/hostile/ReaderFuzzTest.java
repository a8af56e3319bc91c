package cniadvisor.hostile;

import cniadvisor.testing.Fixtures;
import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.BatchInputFormat;
import cniadvisor.batch.BatchRecord;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.io.RequestStream;
import cniadvisor.ipplan.Cidrs;
import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.model.NamedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzzer: valid requests and batch files, mutated at random (bytes flipped, spans cut or repeated many
 * times, structure characters, YAML anchors and tags, huge tokens, deep nesting, bytes that are not UTF-8), fed to
 * every reader. Whatever comes in, a reader returns requests or throws {@link InputException} whose errors name the
 * input; a batch stream never throws, and every record it gives binds or says why not. The CIDR parser is fuzzed
 * the same way. Fixed seeds, so a failure reproduces; {@code -Dfuzz.seed=N -Dfuzz.cases=N} explores further, and a
 * failing input is kept under target/fuzz-failures.
 */
class ReaderFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 400);
    private static final Path FAILURES = Path.of("target", "fuzz-failures");

    /** Pieces that mean something to one of the formats, or to the value readers. */
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", "'", ":", ": ", ",", ";", "\n", "\r", "\r\n",
        "\t", " ", "---\n", "...\n", "&a ", "*a", "<<: *a\n", "!!binary ", "!!python/object ", "? ", "- ", "#", "|\n",
        ">-\n", "%YAML 1.2\n", "\u0000", "\uFEFF", "\u001b[31m", "\u2028", "\uD83D\uDE00", "\uD800", "255.255.255.255/32",
        "0.0.0.0/0", "255.255.255.252/30", "::1/128", "10.0.0.1/8", "1e400", "-1", "99999999999999999999", "0x10",
        "null", "~", "true", "NaN", "\"\"", "{}", "[]", "nodeCount: ", "\"nodeCount\": ", "connectedNetworks",
        "name,nodeCount\n", "\\u0000", "\\"};

    private final Random random = new Random(SEED);

    // ---- seeds: the bundled examples, as YAML, JSON, CSV and JSON Lines

    private static List<String> yamlSeeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples", "requests"))) {
            for (Path file : files.sorted().toList()) {
                seeds.add(Files.readString(file));
            }
        }
        return seeds;
    }

    private static List<String> jsonSeeds() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        ObjectMapper json = new ObjectMapper();
        List<String> seeds = new ArrayList<>();
        for (String text : yamlSeeds()) {
            JsonNode tree = yaml.readTree(text);
            // pretty and compact: errors on many lines and on one
            seeds.add(seeds.size() % 2 == 0 ? json.writerWithDefaultPrettyPrinter().writeValueAsString(tree)
                    : json.writeValueAsString(tree));
        }
        return seeds;
    }

    // ---- mutation

    private byte[] mutate(String seed) {
        byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        int rounds = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 4);
        for (int i = 0; i < rounds; i++) {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
        switch (random.nextInt(10)) {
            case 0 -> { // flip a byte
                if (bytes.length > 0) {
                    byte[] copy = bytes.clone();
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    return copy;
                }
                return bytes;
            }
            case 1, 2 -> {
                return insert(bytes, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> { // cut a span
                int end = Math.min(bytes.length, at + random.nextInt(40));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, Math.min(at, bytes.length));
                out.write(bytes, end, bytes.length - end);
                return out.toByteArray();
            }
            case 4 -> { // repeat a span many times: long lines, many keys, long lists
                int end = Math.min(bytes.length, at + 1 + random.nextInt(30));
                byte[] span = java.util.Arrays.copyOfRange(bytes, Math.min(at, bytes.length), end);
                int times = random.nextInt(3) == 0 ? 2 + random.nextInt(20_000) : 2 + random.nextInt(50);
                ByteArrayOutputStream repeated = new ByteArrayOutputStream();
                for (int t = 0; t < times && repeated.size() < 3_000_000; t++) {
                    repeated.write(span, 0, span.length);
                }
                return insert(bytes, at, repeated.toByteArray());
            }
            case 5 -> { // deep nesting
                int depth = random.nextInt(3) == 0 ? 1 + random.nextInt(3_000) : 1 + random.nextInt(30);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return insert(bytes, at, (open.repeat(depth) + close.repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            case 6 -> { // a huge token
                int length = random.nextInt(3) == 0 ? 60_000 + random.nextInt(1_200_000) : random.nextInt(2_000);
                return insert(bytes, at, "z".repeat(length).getBytes(StandardCharsets.UTF_8));
            }
            case 7 -> { // bytes that are not UTF-8
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
                    (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                return insert(bytes, at, bad[random.nextInt(bad.length)]);
            }
            case 8 -> { // truncate
                return java.util.Arrays.copyOf(bytes, Math.min(at, bytes.length));
            }
            default -> { // random bytes
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                return insert(bytes, at, noise);
            }
        }
    }

    private static byte[] insert(byte[] bytes, int at, byte[] piece) {
        int position = Math.min(at, bytes.length);
        byte[] result = new byte[bytes.length + piece.length];
        System.arraycopy(bytes, 0, result, 0, position);
        System.arraycopy(piece, 0, result, position, piece.length);
        System.arraycopy(bytes, position, result, position + piece.length, bytes.length - position);
        return result;
    }

    /** Runs {@code check} on one input; on any failure, keeps the input and says how to find it again. */
    private static void check(String kind, int n, byte[] input, ThrowingRunnable check) {
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), check::run);
        } catch (Throwable failure) {
            Path kept = FAILURES.resolve(kind + "-" + SEED + "-" + n);
            try {
                Files.createDirectories(FAILURES);
                Files.write(kept, input);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw new AssertionError(kind + " case " + n + " (seed " + SEED + ", input kept in " + kept + "): "
                    + failure, failure);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Throwable;
    }

    private static void assertNamesTheInput(InputException e, String name) {
        assertFalse(e.errors().isEmpty());
        for (InputError error : e.errors()) {
            assertEquals(name, error.file(), error::format);
            assertTrue(error.line() >= 0, error::format);
            assertFalse(error.message().isBlank(), error::format);
        }
    }

    // ---- properties

    @Test
    void requestFilesGiveARequestOrAnInputErrorNamingTheFile() throws IOException {
        List<String> seeds = new ArrayList<>(yamlSeeds());
        seeds.addAll(jsonSeeds());
        int evaluated = 0;
        for (int n = 0; n < CASES * 2; n++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())));
            NamedRequest[] read = new NamedRequest[1];
            check("request", n, input, () -> {
                try {
                    read[0] = RequestReader.read("fuzz.yaml", "fuzz", new ByteArrayInputStream(input), Fixtures.binder());
                } catch (InputException e) {
                    assertNamesTheInput(e, "fuzz.yaml");
                }
            });
            // what reads as a request is evaluated without error, however odd its values
            if (read[0] != null && evaluated++ < 150) {
                check("evaluate", n, input, () -> assertNotNull(advisor().advise(read[0], AS_OF)));
            }
        }
    }

    @Test
    void batchStreamsNeverThrowAndEveryRecordBindsOrSaysWhy() throws IOException {
        List<String> requests = yamlSeeds();
        ObjectMapper yaml = new YAMLMapper();
        ObjectMapper json = new ObjectMapper();
        List<String> jsonLines = new ArrayList<>();
        for (String request : requests) {
            jsonLines.add(json.writeValueAsString(yaml.readTree(request)));
        }
        String csv = Files.readString(Path.of("examples", "batch", "teams.csv"));
        String jsonl = String.join("\n", jsonLines) + "\n";
        String jsonArray = "[\n" + String.join(",\n", jsonLines) + "\n]\n";
        String yamlDocs = String.join("---\n", requests);
        for (BatchInputFormat format : BatchInputFormat.values()) {
            String seed = switch (format) {
                case csv -> csv;
                case jsonl -> jsonl;
                case json -> jsonArray;
                case yaml -> yamlDocs;
            };
            for (int n = 0; n < CASES / 2; n++) {
                byte[] input = mutate(seed);
                check("batch-" + format, n, input, () -> {
                    int records = 0;
                    try (RequestStream stream = RequestStream.open("fuzz." + format, new ByteArrayInputStream(input),
                            format, Fixtures.binder())) {
                        while (stream.hasNext()) {
                            BatchRecord record = stream.next();
                            records++;
                            assertEquals("fuzz." + format, record.file());
                            assertEquals(records, record.index(), "records are numbered in order");
                            assertTrue(record.line() >= 0);
                            try {
                                assertNotNull(record.bind(Fixtures.binder()));
                            } catch (InputException e) {
                                assertNamesTheInput(e, "fuzz." + format);
                            }
                        }
                    }
                    if (format == BatchInputFormat.jsonl) {
                        // one record per line that is not blank: a bad line never takes a good one with it
                        long lines = new String(input, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1).length;
                        assertTrue(records <= lines, records + " records from " + lines + " lines");
                    }
                });
            }
        }
    }

    @Test
    void theCidrParserAcceptsOnlyCanonicalBlocksAndTheirArithmeticHolds() {
        List<String> seeds = List.of("10.0.0.0/8", "0.0.0.0/0", "255.255.255.255/32", "255.255.255.252/30",
                "192.168.1.0/24", "100.64.0.0/10", "10.244.0.0/16");
        for (int n = 0; n < CASES * 5; n++) {
            byte[] input = random.nextInt(4) == 0 ? randomCidrText()
                    : mutateCidr(seeds.get(random.nextInt(seeds.size())));
            check("cidr", n, input, () -> {
                String text = new String(input, StandardCharsets.UTF_8);
                String canonical;
                try {
                    canonical = RequestBinder.checkCidr(text);
                } catch (IllegalArgumentException e) {
                    assertFalse(e.getMessage().isBlank());
                    return;
                }
                assertEquals(canonical, RequestBinder.checkCidr(canonical), "canonical text reads back the same");
                Span span = Span.of(canonical);
                long size = Cidrs.size(canonical);
                assertEquals(size, span.last() - span.first() + 1);
                assertEquals(1L << (32 - Cidrs.prefixLength(canonical)), size);
                Cidrs.Texts texts = Cidrs.texts(canonical);
                assertEquals(size == 1, texts.firstHost() == null, canonical);
                assertNotNullOrOutside(canonical, size - 1, size);
                assertTrue(Cidrs.contains("0.0.0.0/0", canonical));
            });
        }
    }

    private static void assertNotNullOrOutside(String cidr, long last, long size) {
        assertNotNull(Cidrs.hostAt(cidr, last), cidr);
        assertEquals(null, Cidrs.hostAt(cidr, size), cidr);
    }

    private byte[] randomCidrText() {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> Integer.toString(random.nextInt(300));
                case 1 -> Long.toString(random.nextLong());
                case 2 -> ".";
                case 3 -> "/" + (random.nextInt(40) - 4);
                case 4 -> TOKENS[random.nextInt(TOKENS.length)];
                default -> "0" + random.nextInt(10);
            });
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mutateCidr(String seed) {
        StringBuilder text = new StringBuilder(seed);
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, (char) (' ' + random.nextInt(95)));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> text.insert(at, Integer.toString(random.nextInt(1000)));
                default -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
