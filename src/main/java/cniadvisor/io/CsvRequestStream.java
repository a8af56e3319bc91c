package cniadvisor.io;

import cniadvisor.batch.BatchRecord;
import cniadvisor.io.RequestBinder.Field;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV: a header row of request keys, then one request per row. Cells are read as text and bound like any other
 * request ({@link Field#text}); an empty cell means "not given", list values are separated by ';'. A header with
 * an unknown or repeated column makes every row meaningless, so it is one error for the whole file. Rows are split
 * by {@link LineReader}, so a row over {@link InputLimits#RECORD_CHARS} is one error and the rows after it are read;
 * bytes that are not UTF-8 spoil only their row.
 */
final class CsvRequestStream extends RequestStream {

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final Reader reader;
    private final LineReader rows;
    private List<String> header;
    private boolean failed;

    private final RequestBinder binder;

    CsvRequestStream(String file, CountingInputStream counter, InputStream in, RequestBinder binder) {
        super(file, counter);
        this.binder = binder;
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.rows = new LineReader(reader, true, InputLimits.RECORD_CHARS);
    }

    @Override
    protected BatchRecord readNext() throws IOException {
        if (failed) {
            return null;
        }
        while (true) {
            LineReader.Line row = rows.next();
            if (row == null) {
                return null;
            }
            if (row.endsInput()) {
                failed = true;
            }
            if (row.unclosedQuote() && !row.tooLong()) {
                return unreadable(row.line(), "invalid CSV: Missing closing quote for value" + REST_NOT_READ);
            }
            if (row.tooLong()) {
                String message = JsonLinesRequestStream.tooLong(row);
                if (header == null) {
                    failed = true;
                    message = "header: " + message + "; no row of this file was read";
                }
                return unreadable(row.line(), message);
            }
            List<String> cells = row.cells();
            if (cells.stream().anyMatch(cell -> cell.indexOf(REPLACEMENT_CHARACTER) >= 0)) {
                if (header == null) {
                    failed = true;
                    return unreadable(row.line(), "header: is not UTF-8 text; no row of this file was read");
                }
                return unreadable(row.line(), "is not UTF-8 text");
            }
            if (header == null) {
                List<InputError> errors = checkHeader(cells, row.line());
                if (!errors.isEmpty()) {
                    failed = true;
                    return BatchRecord.unreadable(file, nextIndex(), errors);
                }
                // interned, as JSON and YAML keys are: the binder then finds each key by identity
                header = cells.stream().map(String::strip).map(String::intern).toList();
                continue;
            }
            if (isBlank(cells)) {
                continue;
            }
            int line = row.line();
            if (cells.size() > header.size()) {
                return unreadable(line, "row has " + cells.size() + " cells, but the header names "
                        + header.size() + " columns (quote cells that contain commas)");
            }
            List<Field> fields = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                fields.add(Field.text(header.get(i), cells.get(i), line));
            }
            return BatchRecord.of(file, line, nextIndex(), fields, List.of());
        }
    }

    /** Every blank, unknown or repeated column name. */
    private List<InputError> checkHeader(List<String> names, int line) {
        List<InputError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (errors.size() >= MAX_HEADER_ERRORS) {
                errors.add(new InputError(file, line, null, "header: more problems in columns " + (i + 1) + " to "
                        + names.size() + "; no row of this file was read"));
                break;
            }
            String key = names.get(i).strip();
            String problem = null;
            if (key.isEmpty()) {
                problem = "column " + (i + 1) + " has no name";
            } else if (!binder.keys().contains(key)) {
                problem = binder.unknownKey(key).replaceFirst("^unknown key", "unknown column");
            } else if (!seen.add(key)) {
                problem = "column '" + key + "' appears more than once";
            }
            if (problem != null) {
                errors.add(new InputError(file, line, null, "header: " + problem + "; no row of this file was read"));
            }
        }
        return errors;
    }

    /** Header problems listed one by one; a header of thousands of bad columns is summed up after these. */
    private static final int MAX_HEADER_ERRORS = 50;

    /** An empty line, or a row of empty cells as spreadsheets write below the data. */
    private static boolean isBlank(List<String> cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
