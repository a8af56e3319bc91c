package cniadvisor.io;

import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests read by one streaming parser over the whole input: a JSON array of objects (or objects one after
 * another), or YAML documents separated by '---'. The parser holds one request at a time. A syntax error ends the
 * input, because neither format says where the next request would start.
 */
final class ParsedRequestStream extends RequestStream {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private final JsonParser parser;
    private final boolean yaml;
    private boolean started;
    private boolean inArray;
    private boolean failed;

    private ParsedRequestStream(String file, CountingInputStream counter, InputStream in, boolean yaml)
            throws IOException {
        super(file, counter);
        this.parser = (yaml ? YAML : JSON).createParser(in);
        this.yaml = yaml;
    }

    static ParsedRequestStream json(String file, CountingInputStream counter, InputStream in) throws IOException {
        return new ParsedRequestStream(file, counter, in, false);
    }

    static ParsedRequestStream yaml(String file, CountingInputStream counter, InputStream in) throws IOException {
        return new ParsedRequestStream(file, counter, in, true);
    }

    @Override
    protected BatchRecord readNext() throws IOException {
        if (failed) {
            return null;
        }
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (!started) {
                    started = true;
                    if (token == JsonToken.START_ARRAY && !yaml) {
                        inArray = true;
                        continue;
                    }
                }
                if (token == null) {
                    return null;
                }
                int line = RequestReader.lineOf(parser.currentTokenLocation());
                if (inArray && token == JsonToken.END_ARRAY) {
                    inArray = false;
                    if (parser.nextToken() != null) {
                        failed = true;
                        return unreadable(RequestReader.lineOf(parser.currentTokenLocation()),
                                "unexpected content after the array of requests");
                    }
                    return null;
                }
                if (token == JsonToken.START_OBJECT) {
                    List<InputError> aliasErrors = new ArrayList<>();
                    List<Field> fields = RequestReader.readObjectFields(parser, file, aliasErrors);
                    return BatchRecord.of(file, line, nextIndex(), fields, aliasErrors);
                }
                if (isEmptyDocument(token)) {
                    continue;
                }
                parser.skipChildren();
                return unreadable(line, "expected an object of request keys");
            }
        } catch (JacksonException e) {
            failed = true;
            InputError error = RequestReader.syntaxError(file, yaml ? "YAML" : "JSON", e);
            return unreadable(error.line(), error.message() + REST_NOT_READ);
        }
    }

    /** YAML reads "---" with nothing after it as an empty document; it holds no request. */
    private boolean isEmptyDocument(JsonToken token) throws IOException {
        return yaml && (token == JsonToken.VALUE_NULL
                || token == JsonToken.VALUE_STRING && parser.getText().isEmpty());
    }

    @Override
    public void close() throws IOException {
        parser.close();
        super.close();
    }
}
