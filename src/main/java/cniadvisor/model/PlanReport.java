package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;

/** What {@code plan} prints: the address plan of one request, with ranges planned for {@code option}. */
@JsonPropertyOrder({"schemaVersion", "name", "asOf", "option", "addressPlan"})
public record PlanReport(String name, LocalDate asOf, String option, AddressPlan addressPlan) {

    /** The version of the JSON this is written as: the first key of {@code plan -o json}. */
    @JsonProperty(SchemaVersion.KEY)
    public String schemaVersion() {
        return SchemaVersion.CURRENT;
    }
}
