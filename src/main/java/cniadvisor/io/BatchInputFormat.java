package cniadvisor.io;

import java.util.Locale;
import java.util.Optional;

/** Input formats of {@code batch}: how a file holds many requests. */
public enum BatchInputFormat {
    /** A header row of request keys, then one request per row; list values separated by ';'. */
    csv,
    /** JSON Lines: one request object per line. */
    jsonl,
    /** A JSON array of request objects (or objects one after another). */
    json,
    /** YAML documents separated by '---', one request per document. */
    yaml;

    /** The format a file name's extension stands for: .csv, .jsonl/.ndjson, .json, .yaml/.yml. */
    public static Optional<BatchInputFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return Optional.of(csv);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Optional.of(jsonl);
        }
        if (lower.endsWith(".json")) {
            return Optional.of(json);
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Optional.of(yaml);
        }
        return Optional.empty();
    }
}
