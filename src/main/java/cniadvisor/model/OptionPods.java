package cniadvisor.model;

/**
 * The pods a cluster's nodes have room for under one option: each pool's nodes (surge aside) at the max pods the
 * option plans for it, added up. {@code highestMaxPods} is the highest of the pools' max pods.
 */
public record OptionPods(String option, long podCapacity, int highestMaxPods) {
}
