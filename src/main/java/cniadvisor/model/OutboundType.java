package cniadvisor.model;

import java.util.List;

/**
 * One way a cluster's traffic leaves it (facts/egress.yaml, {@code outboundTypes:}): {@code id} is the AKS API
 * value (az --outbound-type), {@code title} how reasons name it.
 *
 * <ul>
 *   <li>{@code vnet}: which virtual network it works in: {@code managed} (only the VNet AKS creates),
 *       {@code own} (only a VNet you bring, with the subnet prepared) or {@code any}.</li>
 *   <li>{@code aksDefault}: what AKS uses when the request names no outbound type (exactly one has it).</li>
 *   <li>{@code preview}: Microsoft documents it as a preview.</li>
 *   <li>{@code networkIsolated}: only available with a network isolated cluster.</li>
 *   <li>{@code routesToAppliance}: the subnet's default route (0.0.0.0/0) goes to a firewall or network virtual
 *       appliance, not to a public load balancer.</li>
 *   <li>{@code counterpart}: the outbound type that does the same in the other kind of VNet (may be null).</li>
 *   <li>{@code prerequisite}: what must exist before the cluster is created (may be null).</li>
 *   <li>{@code noMigrationTo}: outbound types a cluster on this one cannot be updated to later.</li>
 *   <li>{@code caveats}: what a network plugin option needs, or may lack, with this outbound type.</li>
 * </ul>
 */
public record OutboundType(String id, String title, String note, String vnet, Boolean aksDefault, Boolean preview,
                           Boolean networkIsolated, Boolean routesToAppliance, String counterpart,
                           String prerequisite, List<String> noMigrationTo, List<Caveat> caveats,
                           List<String> sources) implements Cited {

    /** Values of {@code vnet}. */
    public static final List<String> VNETS = List.of("managed", "own", "any");

    /**
     * What one network plugin option ({@code option}, an option id) needs or lacks with an outbound type, with the
     * sources that say so.
     */
    public record Caveat(String option, String note, List<String> sources) implements Cited {
        public Caveat {
            sources = sources == null ? null : List.copyOf(sources);
        }
    }

    /** The yes/no fields may be left out of an entry: then they are false. */
    public OutboundType {
        aksDefault = Boolean.TRUE.equals(aksDefault);
        preview = Boolean.TRUE.equals(preview);
        networkIsolated = Boolean.TRUE.equals(networkIsolated);
        routesToAppliance = Boolean.TRUE.equals(routesToAppliance);
        noMigrationTo = noMigrationTo == null ? List.of() : List.copyOf(noMigrationTo);
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
        sources = sources == null ? null : List.copyOf(sources);
    }

    /** The outbound types it cannot be updated to, for reason texts: "a", "a or b", "a, b or c". */
    public String noMigrationText() {
        int last = noMigrationTo.size() - 1;
        return last <= 0 ? String.join("", noMigrationTo)
                : String.join(", ", noMigrationTo.subList(0, last)) + " or " + noMigrationTo.get(last);
    }
}
