package cniadvisor.model;

import java.util.List;

/**
 * One way a cluster's traffic leaves it (facts/egress.yaml, {@code outboundTypes:}): {@code id} is the AKS API
 * value (az --outbound-type), {@code title} how reasons name it.
 */
public record OutboundType(String id, String title, String note, List<String> sources) implements Cited {
    public OutboundType {
        sources = sources == null ? null : List.copyOf(sources);
    }
}
