package cniadvisor.batch;

import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.io.RequestReader;
import cniadvisor.model.NamedRequest;

import java.util.List;

/**
 * One request as read from a batch input, not yet checked: its keys and values, or the reason it could not be read
 * at all. Binding is left to {@link #bind} so that it can run on a worker thread.
 *
 * @param file        the input's display name (a path, or "stdin")
 * @param line        the line the request starts on (CSV: its row's line; JSON Lines: its line; JSON and YAML:
 *                    the line of its opening brace or first key); 0 when unknown
 * @param index       the request's 1-based position in its input
 * @param fields      the keys as given
 * @param readErrors  problems found while reading (a syntax error, a YAML alias); with fields empty and an error
 *                    present, the record could not be read at all
 * @param defaultName the name used when the request gives none
 */
public record BatchRecord(String file, int line, int index, List<Field> fields, List<InputError> readErrors,
                          String defaultName) {

    public BatchRecord {
        fields = List.copyOf(fields);
        readErrors = List.copyOf(readErrors);
    }

    public static BatchRecord of(String file, int line, int index, List<Field> fields,
                                 List<InputError> readErrors) {
        return new BatchRecord(file, line, index, fields, readErrors, defaultName(file, index));
    }

    /** A record that could not be read: only the errors are known. */
    public static BatchRecord unreadable(String file, int index, List<InputError> errors) {
        return new BatchRecord(file, errors.get(0).line(), index, List.of(), errors, defaultName(file, index));
    }

    /**
     * A record for an input that could not be read on (it could not be opened, or failed while it was read), at
     * position {@code index} in it: only the error is known, and it has no line.
     */
    public static BatchRecord failed(String file, int index, String message) {
        return unreadable(file, index, List.of(new InputError(file, 0, null, message)));
    }

    /** "teams.csv#3": the input's file name and the request's position in it. */
    static String defaultName(String file, int index) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1) + "#" + index;
    }

    /** The name the request gives, if it is usable text, else its default name: how an invalid request is shown. */
    public String displayName() {
        return RequestReader.displayName(fields, defaultName);
    }

    /** Checks every key and value; throws with all problems (read errors included) when the request is unusable. */
    public NamedRequest bind(RequestBinder binder) throws InputException {
        if (fields.isEmpty() && !readErrors.isEmpty()) {
            throw new InputException(readErrors);
        }
        return RequestReader.bind(fields, readErrors, file, defaultName, binder);
    }
}
