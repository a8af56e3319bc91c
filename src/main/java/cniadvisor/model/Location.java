package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A place in an input that a finding points to besides its own: the file as given, its 1-based line (0: the whole
 * file) and a label naming what is there (for a batch overlap, the other request). Reports that can show it do
 * (SARIF: {@code relatedLocations}); the others leave it to the finding's text, which names the other request too.
 */
@JsonPropertyOrder({"file", "line", "label"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(String file, int line, String label) {

    public Location {
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (the whole file) or more, got " + line);
        }
    }
}
