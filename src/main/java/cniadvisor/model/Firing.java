package cniadvisor.model;

import java.util.List;

/**
 * One rule firing of an evaluation (--explain). {@code sequence} counts from 1 over the recorded firings; {@code option} is the plugin option the
 * firing was about (from the candidate, option or address fit it matched), or null for request-level firings.
 */
public record Firing(int sequence, String ruleId, String ruleName, String option, List<String> matched) {
}
