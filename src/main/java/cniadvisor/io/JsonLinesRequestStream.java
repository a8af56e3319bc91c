package cniadvisor.io;

import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one request object per line, blank lines ignored. Each line is parsed on its own, so a broken line
 * is one error and the lines after it are still read.
 */
final class JsonLinesRequestStream extends RequestStream {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final BufferedReader lines;
    private int lineNumber;

    JsonLinesRequestStream(String file, CountingInputStream counter, InputStream in) {
        super(file, counter);
        // bytes that are not UTF-8 become U+FFFD, so the error lands on their line and the lines after still count
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    protected BatchRecord readNext() throws IOException {
        String text;
        do {
            text = lines.readLine();
            if (text == null) {
                return null;
            }
            lineNumber++;
        } while (text.isBlank());
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            return unreadable(lineNumber, "is not UTF-8 text");
        }
        return parseLine(text, lineNumber);
    }

    private BatchRecord parseLine(String text, int line) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return unreadable(line, "expected an object of request keys");
            }
            List<InputError> noAliases = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            // the parser counts lines within this one line; the file's line is what the user needs
            for (Field field : RequestReader.readObjectFields(parser, file, noAliases)) {
                fields.add(new Field(field.key(), field.value(), line));
            }
            if (parser.nextToken() != null) {
                return unreadable(line, "unexpected content after the request object (one request per line)");
            }
            return BatchRecord.of(file, line, nextIndex(), fields, List.of());
        } catch (JacksonException e) {
            return unreadable(line, RequestReader.syntaxError(file, "JSON", e).message());
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
