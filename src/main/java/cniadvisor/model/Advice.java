package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the advisor concluded for one request. {@code recommendation} is null when no option satisfies the
 * requirements; {@code conflicts} then names the rules that excluded each option.
 */
@JsonPropertyOrder({"name", "asOf", "recommendation", "options", "warnings", "conflicts"})
public record Advice(
        String name,
        LocalDate asOf,
        Recommendation recommendation,
        List<OptionResult> options,
        List<Reason> warnings,
        List<String> conflicts) {

    public Advice {
        options = List.copyOf(options);
        warnings = List.copyOf(warnings);
        conflicts = List.copyOf(conflicts);
    }

    public boolean hasRecommendation() {
        return recommendation != null;
    }

    public boolean hasErrors() {
        return warnings.stream().anyMatch(w -> "error".equals(w.level()));
    }
}
