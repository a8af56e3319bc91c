package cniadvisor.io;

import cniadvisor.batch.BatchRecord;
import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests read by one streaming parser over the whole input: a JSON array of objects (or objects one after
 * another), or YAML documents separated by '---'. The parser holds one request at a time. A syntax error ends the
 * input, because neither format says where the next request would start. A JSON request over
 * {@link InputLimits#RECORD_CHARS} is an error and is skipped (read, not kept); a YAML document over it ends the
 * input, since the YAML parser would have to scan it whole to find the next one.
 */
final class ParsedRequestStream extends RequestStream {

    private static final ObjectMapper JSON = InputLimits.json(InputLimits.RECORD_CHARS);
    private static final ObjectMapper YAML = InputLimits.yaml(InputLimits.RECORD_CHARS, InputLimits.RECORD_CHARS);

    private final JsonParser parser;
    private final RequestReader.Budget budget;
    private final boolean yaml;
    private boolean started;
    private boolean inArray;
    private boolean failed;

    private ParsedRequestStream(String file, CountingInputStream counter, InputStream in, boolean yaml)
            throws IOException {
        super(file, counter);
        this.parser = (yaml ? YAML : JSON).createParser(in);
        this.budget = new RequestReader.Budget(parser, InputLimits.RECORD_CHARS);
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
                    List<InputError> readErrors = new ArrayList<>();
                    budget.start();
                    List<Field> fields = RequestReader.readObjectFields(parser, file, readErrors, budget);
                    if (budget.spent()) {
                        return unreadable(line, "larger than " + InputLimits.describe(InputLimits.RECORD_CHARS,
                                yaml ? "characters" : "bytes") + ", the limit for one request of a batch (see docs/input-limits.md)");
                    }
                    return BatchRecord.of(file, line, nextIndex(), fields, readErrors);
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
            // a parser's limit comes without a location: the parser's own position is where it stopped
            int line = error.line() > 0 ? error.line() : RequestReader.lineOf(parser.currentLocation());
            return unreadable(line, error.message() + REST_NOT_READ);
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
