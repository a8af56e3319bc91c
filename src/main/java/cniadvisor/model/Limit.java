package cniadvisor.model;

import java.util.List;

/** A numeric platform limit, e.g. subject "kubenet", name "maxNodes", value 400. */
public record Limit(String subject, String name, long value, String unit, String note, List<String> sources)
        implements Cited {
}
