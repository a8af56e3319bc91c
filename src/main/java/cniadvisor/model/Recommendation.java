package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The configuration to deploy, its network settings, and the az CLI command that creates it. */
@JsonPropertyOrder({"option", "title", "dataplane", "networkPolicy", "azCli", "network"})
public record Recommendation(String option, String title, String dataplane, String networkPolicy, String azCli,
                             NetworkProfile network) {
}
