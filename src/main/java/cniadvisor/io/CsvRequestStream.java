package cniadvisor.io;

import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV: a header row of request keys, then one request per row. Cells are read as text and bound like any other
 * request ({@link Field#text}); an empty cell means "not given", list values are separated by ';'. A header with
 * an unknown or repeated column makes every row meaningless, so it is one error for the whole file.
 */
final class CsvRequestStream extends RequestStream {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final MappingIterator<String[]> rows;
    private List<String> header;
    /** Jackson reports where a row ends, so the line a row starts on is where the previous one ended. */
    private int nextRowLine = 1;
    private boolean failed;

    CsvRequestStream(String file, CountingInputStream counter, InputStream in) throws IOException {
        super(file, counter);
        this.rows = CSV.readerFor(String[].class).readValues(in);
    }

    @Override
    protected BatchRecord readNext() throws IOException {
        if (failed) {
            return null;
        }
        try {
            if (header == null) {
                if (!rows.hasNextValue()) {
                    return null;
                }
                int headerLine = nextRowLine;
                String[] names = rows.nextValue();
                nextRowLine = currentLine();
                List<InputError> errors = checkHeader(names, headerLine);
                if (!errors.isEmpty()) {
                    failed = true;
                    return BatchRecord.unreadable(file, nextIndex(), errors);
                }
                // interned, as JSON and YAML keys are: the binder then finds each key by identity
                header = Arrays.stream(names).map(String::strip).map(String::intern).toList();
            }
            while (rows.hasNextValue()) {
                int line = nextRowLine;
                String[] cells = rows.nextValue();
                nextRowLine = currentLine();
                if (isBlank(cells)) {
                    continue;
                }
                if (cells.length > header.size()) {
                    return unreadable(line, "row has " + cells.length + " cells, but the header names "
                            + header.size() + " columns (quote cells that contain commas)");
                }
                List<Field> fields = new ArrayList<>(cells.length);
                for (int i = 0; i < cells.length; i++) {
                    fields.add(Field.text(header.get(i), cells[i], line));
                }
                return BatchRecord.of(file, line, nextIndex(), fields, List.of());
            }
            return null;
        } catch (JacksonException e) {
            failed = true; // reported at the start of the row: Jackson notices an unclosed quote only at the end
            return unreadable(nextRowLine, RequestReader.syntaxError(file, "CSV", e).message() + REST_NOT_READ);
        } catch (CharConversionException e) {
            failed = true;
            return unreadable(nextRowLine, "is not UTF-8 text (at or after this line)" + REST_NOT_READ);
        }
    }

    /** Every blank, unknown or repeated column name. */
    private List<InputError> checkHeader(String[] names, int line) {
        List<InputError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            String key = names[i].strip();
            String problem = null;
            if (key.isEmpty()) {
                problem = "column " + (i + 1) + " has no name";
            } else if (!RequestBinder.KEYS.contains(key)) {
                problem = RequestBinder.unknownKey(key).replaceFirst("^unknown key", "unknown column");
            } else if (!seen.add(key)) {
                problem = "column '" + key + "' appears more than once";
            }
            if (problem != null) {
                errors.add(new InputError(file, line, null, "header: " + problem + "; no row of this file was read"));
            }
        }
        return errors;
    }

    private int currentLine() {
        return rows.getCurrentLocation().getLineNr();
    }

    /** An empty line, or a row of empty cells as spreadsheets write below the data. */
    private static boolean isBlank(String[] cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
