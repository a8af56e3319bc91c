package cniadvisor.model;

import java.util.List;

/**
 * A data plane ({@code kind} "dataplane") or network policy engine ({@code kind} "policy"). Its {@code subject}
 * ("dataplane:cilium", "policy:calico") is how support entries, limits and retirements refer to it.
 * {@code pairsWith} lists, for a data plane, the policy engines it can run.
 */
public record Component(
        String kind,
        String id,
        String title,
        int rank,
        List<String> pairsWith,
        List<String> sources) implements Cited {

    public String subject() {
        return kind + ":" + id;
    }
}
