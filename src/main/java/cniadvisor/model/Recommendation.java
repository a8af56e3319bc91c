package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The configuration to deploy, its network settings, and how to deploy it ({@link Deployment}: the subnets, pools
 * and az CLI steps, as data). The writers render the steps as a bash block ({@code azCli} in JSON and YAML).
 */
@JsonPropertyOrder({"option", "title", "dataplane", "networkPolicy", "deployment", "network"})
public record Recommendation(String option, String title, String dataplane, String networkPolicy,
                             Deployment deployment, NetworkProfile network) {

    /** The same recommendation for a cluster of another name (the name is in the commands). */
    public Recommendation renamed(String cluster) {
        return new Recommendation(option, title, dataplane, networkPolicy, deployment.renamed(cluster), network);
    }
}
