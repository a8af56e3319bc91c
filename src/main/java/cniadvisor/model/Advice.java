package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the advisor concluded for one request. {@code recommendation} is null when no option satisfies the
 * requirements; {@code conflicts} then names the rules that excluded each option. {@code addressPlan} sizes every
 * option's ranges and holds the address findings.
 */
@JsonPropertyOrder({"schemaVersion", "name", "asOf", "recommendation", "options", "warnings", "conflicts", "addressPlan"})
public record Advice(
        String name,
        LocalDate asOf,
        Recommendation recommendation,
        List<OptionResult> options,
        List<Reason> warnings,
        List<String> conflicts,
        AddressPlan addressPlan) {

    public Advice {
        options = List.copyOf(options);
        warnings = List.copyOf(warnings);
        conflicts = List.copyOf(conflicts);
    }

    /** The version of the JSON this is written as: the first key of {@code advise -o json}. */
    @JsonProperty(SchemaVersion.KEY)
    public String schemaVersion() {
        return SchemaVersion.CURRENT;
    }

    public boolean hasRecommendation() {
        return recommendation != null;
    }

    /** Every finding: the warnings and the address plan's findings. */
    public List<Reason> findings() {
        List<Reason> planFindings = addressPlan.findings();
        if (planFindings.isEmpty()) {
            return warnings;
        }
        List<Reason> all = new java.util.ArrayList<>(warnings.size() + planFindings.size());
        all.addAll(warnings);
        all.addAll(planFindings);
        return java.util.Collections.unmodifiableList(all);
    }

    public boolean hasErrors() {
        return findings().stream().anyMatch(w -> "error".equals(w.level()));
    }
}
