package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The address plan of a request: how every option sizes its ranges ({@code sizing}), the ranges a deployment should
 * use ({@code ranges}), and what the IP-space rules found ({@code findings}: overlaps, reserved ranges, one-way
 * doors), each with its rule id and sources.
 */
@JsonPropertyOrder({"sizing", "ranges", "findings"})
public record AddressPlan(List<AddressFit> sizing, List<ProposedRange> ranges, List<Reason> findings) {

    public AddressPlan {
        sizing = List.copyOf(sizing);
        ranges = List.copyOf(ranges);
        findings = List.copyOf(findings);
    }

    public java.util.Optional<ProposedRange> range(String role) {
        return ranges.stream().filter(r -> r.role().equals(role)).findFirst();
    }
}
