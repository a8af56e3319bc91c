package cniadvisor.inventory;

import cniadvisor.io.InputError;
import cniadvisor.io.InputLimits;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The resources in one file of Azure JSON, read one at a time (a Resource Graph export of thousands of clusters is
 * never held in memory at once). The shape is detected: one resource ({@code az aks show}, {@code az rest}, an ARM
 * export), an array of them ({@code az aks list}, {@code az network vnet list}), or an object holding them in
 * {@code data} (Azure Resource Graph, {@code az graph query}) or {@code value} (an ARM list response). Each item
 * is named {@code file} when the file holds one resource, else {@code file#n}, n counting from 1. A syntax error ends
 * the file with an error item; what was read before it stays.
 */
public final class AzureInput implements Iterator<AzureInput.Item>, Closeable {

    /** One resource, or the error that ended the file ({@code node} null); {@code file} is the input's name. */
    public record Item(String file, String source, int line, JsonNode node, InputError error) {
        public boolean valid() {
            return error == null;
        }
    }

    /** The longest string one value may be: far above any Azure id or prefix list. */
    private static final ObjectMapper JSON = InputLimits.json(InputLimits.RECORD_CHARS);

    private final String name;
    private final JsonParser parser;
    private final ObjectMapper mapper;
    private Item pending;
    private boolean started;
    private boolean done;
    /** Inside a top-level array, or the data/value array of a top-level object. */
    private boolean inList;
    /** The list is the data/value field of a top-level object: its other fields follow it. */
    private boolean listInObject;
    private int count;

    private AzureInput(String name, JsonParser parser, ObjectMapper mapper) {
        this.name = name;
        this.parser = parser;
        this.mapper = mapper;
    }

    /** Reads {@code in}; {@code name} is how sources and messages name it ("fleet.json", "stdin"). */
    public static AzureInput open(String name, InputStream in) throws IOException {
        return new AzureInput(name, JSON.getFactory().createParser(in), JSON);
    }

    /** What the file is, for messages: "a list of 3", "one resource", ... after the file was read. */
    public int count() {
        return count;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            try {
                pending = advance();
            } catch (JsonProcessingException e) {
                pending = error(line(), syntax(e));
                done = true;
            } catch (IOException e) {
                pending = error(0, "cannot read: " + e.getMessage() + (count > 0 ? "; the rest of the file is not "
                        + "read" : ""));
                done = true;
            }
        }
        return pending != null;
    }

    @Override
    public Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Item item = pending;
        pending = null;
        return item;
    }

    private Item advance() throws IOException {
        if (!started) {
            started = true;
            JsonToken first = parser.nextToken();
            if (first == null) {
                done = true;
                return error(0, "is empty: " + Expected.ANY);
            }
            if (first == JsonToken.START_ARRAY) {
                inList = true;
            } else if (first == JsonToken.START_OBJECT) {
                Item single = readTopObject();
                if (single != null) {
                    return single;
                }
            } else {
                done = true;
                return error(line(), "is a single " + first.name().toLowerCase(Locale.ROOT).replace("value_", "")
                        + ", not " + Expected.ANY);
            }
        }
        if (!inList) {
            done = true;
            return null;
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY || token == null) {
            inList = false;
            if (listInObject) {
                skipRestOfObject();
            }
            done = true;
            return null;
        }
        int line = line();
        JsonNode node = mapper.readTree(parser);
        count++;
        return new Item(name, name + "#" + count, line, node, null);
    }

    /**
     * Reads a top-level object field by field: when a {@code data} or {@code value} field holds a list, the list
     * is streamed (null is returned and {@link #inList} set); otherwise the object is the one resource.
     */
    private Item readTopObject() throws IOException {
        int line = line();
        ObjectNode object = mapper.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && (field.equalsIgnoreCase("data") || field.equalsIgnoreCase("value"))
                    && !object.has("type") && !object.has("properties")) {
                inList = true;
                listInObject = true;
                return null;
            }
            object.set(field, mapper.readTree(parser));
        }
        done = true;
        count++;
        return new Item(name, name, line, object, null);
    }

    private void skipRestOfObject() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            parser.nextToken();
            parser.skipChildren();
        }
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private Item error(int line, String message) {
        count++;
        return new Item(name, inList ? name + "#" + count : name, line, null,
                new InputError(name, Math.max(line, 0), null, message));
    }

    private String syntax(JsonProcessingException e) {
        String limit = InputLimits.limitProblem(e.getOriginalMessage());
        String what = limit != null ? limit : "is not valid JSON: " + e.getOriginalMessage().lines().findFirst()
                .orElse("");
        return what + (count > 0 ? "; the rest of the file is not read" : "") + " (" + Expected.ANY + ")";
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a file may hold, for messages. */
    static final class Expected {
        static final String ANY = "expected Azure JSON: az aks show/list -o json, az rest or an ARM export, "
                + "or az graph query output";

        private Expected() {
        }
    }
}
