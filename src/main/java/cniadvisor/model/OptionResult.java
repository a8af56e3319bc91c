package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The verdict on one option: recommended, eligible or excluded, with its reasons. For options that are not
 * excluded, {@code dataplane}, {@code networkPolicy} and {@code score} describe its best configuration.
 */
@JsonPropertyOrder({"id", "title", "status", "score", "dataplane", "networkPolicy", "reasons"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptionResult(
        String id,
        String title,
        String status,
        Integer score,
        String dataplane,
        String networkPolicy,
        List<Reason> reasons) {

    public static final String RECOMMENDED = "recommended";
    public static final String ELIGIBLE = "eligible";
    public static final String EXCLUDED = "excluded";

    public OptionResult {
        reasons = List.copyOf(reasons);
    }
}
