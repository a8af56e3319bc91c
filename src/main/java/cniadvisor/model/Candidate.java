package cniadvisor.model;

import java.util.List;

/**
 * One deployable configuration: an option with a data plane and a network policy engine. Rules exclude and score
 * candidates; an option is eligible while at least one of its candidates survives. {@code components} holds the
 * subjects the candidate is built from (option id, "dataplane:x", "policy:x") so that support entries, limits and
 * retirements can be matched with {@code components contains $s.subject}.
 */
public record Candidate(String option, String dataplane, String policy, List<String> components) {

    public static Candidate of(String option, String dataplane, String policy) {
        return new Candidate(option, dataplane, policy, List.of(option, "dataplane:" + dataplane, "policy:" + policy));
    }

    public String label() {
        return option + " / " + dataplane + " data plane / " + policy + " policy";
    }
}
