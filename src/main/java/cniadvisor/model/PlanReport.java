package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;

/** What {@code plan} prints: the address plan of one request, with ranges planned for {@code option}. */
@JsonPropertyOrder({"name", "asOf", "option", "addressPlan"})
public record PlanReport(String name, LocalDate asOf, String option, AddressPlan addressPlan) {
}
