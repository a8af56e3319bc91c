package cniadvisor.io;

import cniadvisor.batch.BatchRecord;
import cniadvisor.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cniadvisor.model.NamedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestStreamTest {

    /**
     * Every record of the input as one line: "line: name nodeCount" for a request that binds, or "line: errors"
     * (each formatted, joined by " / ") for one that does not.
     */
    private static List<String> read(String file, BatchInputFormat format, String content) throws IOException {
        return read(file, format, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> read(String file, BatchInputFormat format, byte[] content) throws IOException {
        List<String> lines = new ArrayList<>();
        try (RequestStream stream = RequestStream.open(file, new ByteArrayInputStream(content), format, Fixtures.binder())) {
            while (stream.hasNext()) {
                BatchRecord record = stream.next();
                try {
                    NamedRequest request = record.bind(Fixtures.binder());
                    lines.add(record.line() + ": " + request.name() + " " + request.request().nodeCount());
                } catch (InputException e) {
                    lines.add(record.line() + ": " + e.errors().stream().map(InputError::format)
                            .collect(Collectors.joining(" / ")));
                }
            }
            assertEquals(content.length, stream.bytesRead());
        }
        return lines;
    }

    private static List<NamedRequest> requests(String file, BatchInputFormat format, String content) throws Exception {
        List<NamedRequest> requests = new ArrayList<>();
        try (RequestStream stream = RequestStream.open(file,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), format, Fixtures.binder())) {
            while (stream.hasNext()) {
                requests.add(stream.next().bind(Fixtures.binder()));
            }
        }
        return requests;
    }

    @Nested
    class Csv {

        @Test
        void rowsBindWithListsBlankCellsAndDefaultNames() throws Exception {
            List<NamedRequest> requests = requests("teams.csv", BatchInputFormat.csv, """
                    name,nodeCount,connectedNetworks,windowsNodePools,networkPolicy
                    payments,60,10.0.0.0/16;192.168.0.0/20,,any
                    ,12,,true,
                    """);

            assertEquals(2, requests.size());
            assertEquals("payments", requests.get(0).name());
            assertEquals(List.of("10.0.0.0/16", "192.168.0.0/20"), requests.get(0).request().connectedNetworks());
            assertEquals("any", requests.get(0).request().networkPolicy());
            assertEquals("teams.csv#2", requests.get(1).name());
            assertEquals(List.of(), requests.get(1).request().connectedNetworks());
            assertEquals(true, requests.get(1).request().windowsNodePools());
            assertEquals(List.of("2025"), requests.get(1).request().windowsServerVersions());
            assertEquals("none", requests.get(1).request().networkPolicy());
        }

        @Test
        void badRowsAreErrorsWithTheirLineAndTheRestIsRead() throws IOException {
            assertEquals(List.of(
                            "2: a 10",
                            "3: teams.csv:3: nodeCount: expected a whole number from 1 up, got \"many\"",
                            "4: teams.csv:4: row has 4 cells, but the header names 3 columns (quote cells that "
                                    + "contain commas)",
                            "6: teams.csv:6: podCidr: \"10.244.0.1/16\" has host bits set; the network address is "
                                    + "10.244.0.0/16",
                            "7: b 7"),
                    read("teams.csv", BatchInputFormat.csv, """
                            name,nodeCount,podCidr
                            a,10,
                            bad,many,
                            c,3,10.0.0.0/8,extra

                            d,4,10.244.0.1/16
                            b,7,
                            """));
        }

        @Test
        void quotedCellsMaySpanLinesAndHoldCommas() throws IOException {
            assertEquals(List.of("2: multi\nline 5", "4: a, b 6"),
                    read("t.csv", BatchInputFormat.csv, "name,nodeCount\n\"multi\nline\",5\n\"a, b\",6\n"));
        }

        @Test
        void rowsOfEmptyCellsAreSkippedAsSpreadsheetsWriteThem() throws IOException {
            assertEquals(List.of("2: a 1", "4: b 2"),
                    read("t.csv", BatchInputFormat.csv, "name,nodeCount\na,1\n,,\nb,2\n,\n"));
        }

        @Test
        void anUnknownOrRepeatedColumnIsOneErrorForTheFile() throws IOException {
            assertEquals(List.of("1: t.csv:1: header: unknown column 'nodecount'; did you mean 'nodeCount'?; no row "
                            + "of this file was read / t.csv:1: header: column 'name' appears more than once; no row "
                            + "of this file was read"),
                    read("t.csv", BatchInputFormat.csv, "name,nodecount,name\na,1,a\nb,2,b\n"));
        }

        @Test
        void aByteOrderMarkIsNotPartOfTheFirstKey() throws IOException {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] text = "name,nodeCount\na,3\n".getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[bom.length + text.length];
            System.arraycopy(bom, 0, content, 0, bom.length);
            System.arraycopy(text, 0, content, bom.length, text.length);

            assertEquals(List.of("2: a 3"), read("t.csv", BatchInputFormat.csv, content));
        }

        @Test
        void anUnclosedQuoteEndsTheFileWithAnError() throws IOException {
            assertEquals(List.of("2: a 1", "3: t.csv:3: invalid CSV: Missing closing quote for value; the rest of "
                            + "this input was not read"),
                    read("t.csv", BatchInputFormat.csv, "name,nodeCount\na,1\n\"b,2\nc,3\n"));
        }

        @Test
        void anEmptyFileHoldsNoRequests() throws IOException {
            assertEquals(List.of(), read("t.csv", BatchInputFormat.csv, ""));
        }
    }

    @Nested
    class JsonLines {

        @Test
        void aBrokenLineIsOneErrorAndTheLinesAfterItAreRead() throws IOException {
            assertEquals(List.of(
                            "1: a 1",
                            "3: t.jsonl:3: invalid JSON: Unexpected character (',' (code 44)): was expecting "
                                    + "double-quote to start field name",
                            "4: t.jsonl:4: expected an object of request keys",
                            "5: t.jsonl#4 4",
                            "6: t.jsonl:6: unknown key 'podCIDR'; did you mean 'podCidr'?"),
                    read("t.jsonl", BatchInputFormat.jsonl, """
                            {"name": "a", "nodeCount": 1}

                            {"name": "b",, "nodeCount": 2}
                            [1, 2]
                            {"nodeCount": 4}
                            {"nodeCount": 5, "podCIDR": "10.0.0.0/8"}
                            """));
        }

        @Test
        void bytesThatAreNotUtf8SpoilOnlyTheirLine() throws IOException {
            byte[] first = "{\"name\": \"a\", \"nodeCount\": 1}\n{\"name\": \"".getBytes(StandardCharsets.UTF_8);
            byte[] bad = {(byte) 0xC3, (byte) 0x28};
            byte[] rest = "\", \"nodeCount\": 2}\n{\"name\": \"c\", \"nodeCount\": 3}\n"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[first.length + bad.length + rest.length];
            System.arraycopy(first, 0, content, 0, first.length);
            System.arraycopy(bad, 0, content, first.length, bad.length);
            System.arraycopy(rest, 0, content, first.length + bad.length, rest.length);

            assertEquals(List.of("1: a 1", "2: t.jsonl:2: is not UTF-8 text", "3: c 3"),
                    read("t.jsonl", BatchInputFormat.jsonl, content));
        }
    }

    @Nested
    class Json {

        @Test
        void anArrayOfObjectsWithLinesOfEachObject() throws IOException {
            assertEquals(List.of("2: a 1", "3: t.json:3: expected an object of request keys", "4: t.json#3 3"),
                    read("t.json", BatchInputFormat.json, """
                            [
                              {"name": "a", "nodeCount": 1},
                              "not a request",
                              {"nodeCount": 3}
                            ]
                            """));
        }

        @Test
        void objectsOneAfterAnotherAreReadToo() throws IOException {
            assertEquals(List.of("1: a 1", "2: b 2"), read("t.json", BatchInputFormat.json,
                    "{\"name\": \"a\", \"nodeCount\": 1}\n{\"name\": \"b\", \"nodeCount\": 2}\n"));
        }

        @Test
        void aSyntaxErrorEndsTheInputAfterTheObjectsBeforeIt() throws IOException {
            assertEquals(List.of("2: a 1", "3: t.json:3: invalid JSON: Unexpected character (']' (code 93)): "
                            + "expected a value; the rest of this input was not read"),
                    read("t.json", BatchInputFormat.json, "[\n{\"name\": \"a\", \"nodeCount\": 1},\n]\n"));
        }
    }

    @Nested
    class Yaml {

        @Test
        void documentsWithTheLineOfTheirFirstKeyAndEmptyDocumentsSkipped() throws IOException {
            assertEquals(List.of(
                            "3: a 1",
                            "7: t.yaml:9: unknown key 'netwrokPolicy'; did you mean 'networkPolicy'?",
                            "11: t.yaml:11: nodeCount: YAML aliases (*n) are not supported; write the value out",
                            "13: t.yaml:13: expected an object of request keys"),
                    read("t.yaml", BatchInputFormat.yaml, """
                            ---
                            # first
                            name: a
                            nodeCount: 1
                            ---
                            ---
                            name: typo
                            nodeCount: 2
                            netwrokPolicy: cilium
                            ---
                            nodeCount: *n
                            ---
                            - 1
                            """));
        }

        @Test
        void aSyntaxErrorEndsTheInput() throws IOException {
            List<String> lines = read("t.yaml", BatchInputFormat.yaml,
                    "name: a\nnodeCount: 1\n---\nname: b\n  bad: indent\n---\nname: c\nnodeCount: 3\n");

            assertEquals(2, lines.size());
            assertEquals("1: a 1", lines.get(0));
            assertEquals("5: t.yaml:5: invalid YAML: mapping values are not allowed here; the rest of this input "
                    + "was not read", lines.get(1));
        }
    }

    @Test
    void anInvalidRequestIsShownByTheNameItGivesElseItsDefaultName() throws IOException {
        try (RequestStream stream = RequestStream.open("t.jsonl", new ByteArrayInputStream(
                "{\"name\": \"payments\", \"nodeCount\": 0}\n{\"name\": null, \"nodeCount\": 0}\n"
                        .getBytes(StandardCharsets.UTF_8)), BatchInputFormat.jsonl, Fixtures.binder())) {
            assertEquals("payments", stream.next().displayName());
            assertEquals("t.jsonl#2", stream.next().displayName());
            assertFalse(stream.hasNext());
        }
    }
}
