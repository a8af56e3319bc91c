package cniadvisor.inventory;

import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDate;
import java.util.List;

/**
 * What {@code assess} concludes for one existing cluster: what it runs ({@code current}), whether that is supported
 * on the date judged ({@code status}, with every {@code deadlines} entry that applies), what it should run
 * ({@code target}: the advisor's recommendation for the request made from the cluster), how it gets there
 * ({@code migration}, null until a migration planner is wired in), and the findings on its ranges and pools. The
 * request itself (under the cluster's name), the advice and the cluster state are kept for the writers (not
 * serialised).
 */
@JsonPropertyOrder({"name", "resourceGroup", "source", "line", "current", "status", "daysLeft", "statusDetail", "deadlines",
        "target", "migration", "findings", "assumptions", "requirements"})
public record Assessment(
        String name,
        String resourceGroup,
        String source,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int line,
        @JsonIgnore String file,
        Current current,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long daysLeft,
        String statusDetail,
        List<Deadline> deadlines,
        Target target,
        MigrationPlan migration,
        List<Reason> findings,
        List<Clusters.Assumption> assumptions,
        List<String> requirements,
        @JsonIgnore ClusterState state,
        @JsonIgnore NamedRequest request,
        @JsonIgnore Advice advice) {

    public static final String SUPPORTED = "supported";
    public static final String RETIRING = "retiring";
    public static final String RETIRED = "retired";
    public static final String UNSUPPORTED = "unsupported";

    public Assessment {
        deadlines = List.copyOf(deadlines);
        findings = List.copyOf(findings);
        assumptions = List.copyOf(assumptions);
        requirements = List.copyOf(requirements);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> Reason.ERROR.equals(f.level()));
    }

    /** What the cluster runs, as Azure reports it (option ids as advise gives them). */
    @JsonPropertyOrder({"option", "dataplane", "networkPolicy", "kubernetesVersion", "sku", "automatic",
            "outboundType",
            "podCidr", "serviceCidr", "dnsServiceIp", "ipv6PodCidr", "ipv6ServiceCidr", "vnetCidr", "features",
            "pools"})
    public record Current(String option, String dataplane, String networkPolicy, String kubernetesVersion,
                          String sku, boolean automatic, String outboundType, String podCidr, String serviceCidr,
                          String dnsServiceIp, @JsonInclude(JsonInclude.Include.NON_NULL) String ipv6PodCidr,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String ipv6ServiceCidr,
                          List<String> vnetCidr, List<String> features, List<Pool> pools) {
    }

    /** One node pool: its settings as read, and its subnets' prefixes when --vnets resolved them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "mode", "os", "osSku", "windowsServerVersion", "count", "minCount", "maxCount",
            "maxPods", "maxSurge", "nodeSubnetId", "nodeSubnetCidr", "podSubnetId", "podSubnetCidr"})
    public record Pool(String name, String mode, String os, String osSku, String windowsServerVersion, Integer count,
                       Integer minCount, int maxCount, Integer maxPods, String maxSurge, String nodeSubnetId,
                       String nodeSubnetCidr, String podSubnetId, String podSubnetCidr) {
    }

    /**
     * A retirement that applies to what the cluster runs: {@code part} is plugin, networkPolicy or
     * windowsServer; {@code daysLeft} is negative once the date has passed.
     */
    @JsonPropertyOrder({"subject", "part", "date", "daysLeft", "passed", "replacement", "note", "sources"})
    public record Deadline(String subject, String part, LocalDate date, long daysLeft, boolean passed,
                           String replacement, String note, List<Source> sources) {
    }

    /**
     * The configuration to run: the recommendation; {@code stay} when it is what the cluster runs, else
     * {@code changes} names what differs (option, dataplane, networkPolicy). Null when no option fits.
     */
    @JsonPropertyOrder({"option", "title", "dataplane", "networkPolicy", "stay", "changes"})
    public record Target(String option, String title, String dataplane, String networkPolicy, boolean stay,
                         List<String> changes) {
    }
}
