package cniadvisor.io;

import java.util.Comparator;

/**
 * One problem with a request, located as precisely as the input allows.
 *
 * @param file    the name shown to the user (a path, or "stdin")
 * @param line    1-based line, or 0 when unknown
 * @param key     the request key at fault (e.g. {@code podCidr}, {@code connectedNetworks[2]}), or null
 * @param message what is wrong, phrased for the person who wrote the file
 */
public record InputError(String file, int line, String key, String message) {

    /** Orders errors as they appear in the file; errors without a line go last. */
    public static final Comparator<InputError> IN_FILE_ORDER =
            Comparator.comparingInt(error -> error.line() > 0 ? error.line() : Integer.MAX_VALUE);

    /** {@code file:line: key: message}, leaving out {@code :line} when unknown and {@code key: } when null. */
    public String format() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (key != null) {
            text.append(key).append(": ");
        }
        return text.append(message).toString();
    }
}
