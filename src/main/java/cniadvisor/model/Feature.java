package cniadvisor.model;

import java.util.List;

/**
 * Something a request can use that not every option, data plane or policy engine supports (facts/support.yaml,
 * {@code features:}): {@code id} is the name support cells and conflicts use, {@code title} how reasons name it.
 * A request flag with the same id turns it on; windows and windows-server-VERSION come from the Windows pools.
 * {@code decidedBy} names the rule that decides what its unsupported cells mean, when that is not the general
 * eligibility rule (null: the general rule excludes them). {@code subnetRole} is the address plan role of the
 * subnet only this feature uses (e.g. agc-subnet), or null: a request that gives that subnet without the feature
 * gets a warning.
 */
public record Feature(String id, String title, String decidedBy, String subnetRole, List<String> sources)
        implements Cited {
    public Feature {
        sources = sources == null ? null : List.copyOf(sources);
    }
}
