package cniadvisor.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** A batch report written with {@code -o jsonl}, read back: one entry per request, in report order. */
public record BatchReport(List<Entry> entries) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the report shows it.
     *
     * @param input  "file:line" (or the file alone when the line is unknown)
     * @param name   the request's name
     * @param errors the input errors as "key: message" (or the message alone); empty when the request was evaluated
     */
    public record Entry(String input, String name, boolean evaluated, List<String> errors) {
    }

    public static BatchReport ofJsonLines(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line of a batch report: " + line, e);
            }
            List<String> errors = new ArrayList<>();
            node.path("inputErrors").forEach(error -> errors.add(error.hasNonNull("key")
                    ? error.get("key").asText() + ": " + error.path("message").asText()
                    : error.path("message").asText()));
            entries.add(new Entry(node.path("input").asText(), node.path("name").asText(),
                    node.has("options"), errors));
        }
        return new BatchReport(entries);
    }

    public List<Entry> evaluated() {
        return entries.stream().filter(Entry::evaluated).toList();
    }

    public List<Entry> invalid() {
        return entries.stream().filter(entry -> !entry.evaluated()).toList();
    }
}
