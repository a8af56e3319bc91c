package cniadvisor.authoring;

import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.InputLimits;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree that remembers the line of every key and list item, so that problems
 * found after parsing can still be reported as file:line. Duplicate keys are an error, as in request files.
 */
record LocatedYaml(String file, JsonNode root, Map<JsonPointer, Integer> lines) {

    /** A scenario holds a request and what to expect of it: the limits of a request file apply. */
    private static final ObjectMapper YAML = InputLimits.yaml(InputLimits.LINE_CHARS, InputLimits.REQUEST_FILE_BYTES);

    static LocatedYaml read(Path path) throws InputException, IOException {
        String file = DisplayPath.of(path.toString());
        long size = Files.size(path);
        if (size > InputLimits.REQUEST_FILE_BYTES) {
            throw new InputException(new InputError(file, 0, null, "is " + String.format(java.util.Locale.ROOT,
                    "%,d", size) + " bytes, more than " + InputLimits.describe(InputLimits.REQUEST_FILE_BYTES,
                    "bytes") + ", the limit for a scenario file; see docs/input-limits.md"));
        }
        Map<JsonPointer, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(path.toFile())) {
            if (parser.nextToken() == null) {
                throw new InputException(new InputError(file, 0, null, "the file is empty"));
            }
            JsonNode root = value(parser, file, JsonPointer.empty(), lines);
            return new LocatedYaml(file, root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String limit = InputLimits.limitProblem(e.getOriginalMessage());
            String message = e.getOriginalMessage() == null ? "cannot be parsed" : e.getOriginalMessage().lines()
                    .findFirst().orElse("").replaceAll("\\s*at \\[Source:.*$", "");
            throw new InputException(new InputError(file, line, null, limit != null ? limit
                    : "invalid YAML: " + message));
        }
    }

    /** The line of the key or list item at {@code pointer}, or of the nearest enclosing one. */
    int line(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null; p = p.head()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static JsonNode value(JsonParser parser, String file, JsonPointer at, Map<JsonPointer, Integer> lines)
            throws IOException, InputException {
        lines.putIfAbsent(at, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonPointer child = at.appendProperty(key);
                int line = parser.currentTokenLocation().getLineNr();
                if (object.has(key)) {
                    throw new InputException(new InputError(file, line, key,
                            "given more than once (first on line " + lines.get(child) + ")"));
                }
                lines.put(child, line);
                parser.nextToken();
                object.set(key, value(parser, file, child, lines));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser, file, at.appendIndex(index++), lines));
            }
            return array;
        }
        JsonNode scalar = parser.readValueAsTree();
        return scalar == null ? NullNode.getInstance() : scalar;
    }
}
