package cniadvisor.io;

import cniadvisor.batch.BatchRecord;
import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: one request object per line, blank lines ignored. Each line is parsed on its own, so a broken line
 * is one error and the lines after it are still read. A line over {@link InputLimits#RECORD_CHARS} is an error
 * too, and is never held in memory.
 */
final class JsonLinesRequestStream extends RequestStream {

    private static final ObjectMapper JSON = InputLimits.json(InputLimits.RECORD_CHARS);
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final Reader reader;
    private final LineReader lines;

    JsonLinesRequestStream(String file, CountingInputStream counter, InputStream in) {
        super(file, counter);
        // bytes that are not UTF-8 become U+FFFD, so the error lands on their line and the lines after still count
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.lines = new LineReader(reader, false, InputLimits.RECORD_CHARS);
    }

    @Override
    protected BatchRecord readNext() throws IOException {
        LineReader.Line line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (!line.tooLong() && line.text().isBlank());
        if (line.tooLong()) {
            return unreadable(line.line(), tooLong(line));
        }
        String text = line.text();
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            return unreadable(line.line(), "is not UTF-8 text");
        }
        return parseLine(text, line.line());
    }

    /** The message of a line over the limit; it says too when nothing after it was read. */
    static String tooLong(LineReader.Line line) {
        return "longer than " + InputLimits.describe(InputLimits.RECORD_CHARS, "characters")
                + ", the limit for one request of a batch (see docs/input-limits.md)"
                + (line.endsInput() ? "; no line end follows within "
                + InputLimits.describe(InputLimits.SKIP_CHARS, "characters") + REST_NOT_READ : "");
    }

    private BatchRecord parseLine(String text, int line) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return unreadable(line, "expected an object of request keys");
            }
            List<InputError> lineErrors = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            // the parser counts lines within this one line; the file's line is what the user needs
            for (Field field : RequestReader.readObjectFields(parser, file, lineErrors, RequestReader.Budget.NONE)) {
                fields.add(new Field(field.key(), field.value(), line));
            }
            if (parser.nextToken() != null) {
                return unreadable(line, "unexpected content after the request object (one request per line)");
            }
            // the read errors (a list over the limit) carry the parser's line within this one line: use the file's
            List<InputError> readErrors = lineErrors.stream()
                    .map(error -> new InputError(error.file(), line, error.key(), error.message())).toList();
            return BatchRecord.of(file, line, nextIndex(), fields, readErrors);
        } catch (JacksonException e) {
            return unreadable(line, RequestReader.syntaxError(file, "JSON", e).message());
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
