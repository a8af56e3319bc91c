package cniadvisor.inventory;

import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.NodePool;
import cniadvisor.model.Recommendation;
import cniadvisor.model.Request;
import cniadvisor.model.Retirement;
import cniadvisor.model.Source;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Turns an imported cluster into a request (the keys read from Azure, with --requirements over them, bound by the
 * request contract so every check a request file gets applies) and, with the advice for it, into an
 * {@link Assessment}. Thread-safe.
 */
public final class Assessor {

    /** Plans a cluster's migration to the advice's recommendation (engine/MigrationPlanner does). */
    @FunctionalInterface
    public interface Planner {
        MigrationPlan plan(ClusterState current, Request request, Advice advice);
    }

    private final Knowledge knowledge;
    private final RequestBinder binder;
    private final Requirements requirements;
    private final LocalDate asOf;
    private final Planner migrations;
    private final java.util.Set<String> featureKeys;

    public Assessor(Knowledge knowledge, RequestBinder binder, Requirements requirements, LocalDate asOf,
                    Planner migrations) {
        this.knowledge = knowledge;
        this.binder = binder;
        this.requirements = requirements;
        this.asOf = asOf;
        this.migrations = migrations;
        this.featureKeys = java.util.Set.copyOf(binder.contract().featureKeys());
    }

    /** The same assessor with its own planner: one per worker thread, each with its migration session. */
    public Assessor withPlanner(Planner planner) {
        return new Assessor(knowledge, binder, requirements, asOf, planner);
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The fields of the cluster's request: what Azure says, with the requirements' keys replacing or adding. */
    public List<Field> fields(Clusters.Imported imported) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> given = requirements.forCluster(imported.state().name(),
                imported.state().resourceGroup());
        List<Field> fields = new ArrayList<>();
        for (Field field : imported.fields()) {
            if (!given.containsKey(field.key())) {
                fields.add(field);
            }
        }
        given.forEach((key, value) -> fields.add(new Field(key, value, 0)));
        return fields;
    }

    /**
     * The request for the cluster; {@link #assess} gives it its name again (see {@link #requestName}).
     *
     * @throws InputException what the contract refuses in it, against the cluster's source
     */
    public Request request(Clusters.Imported imported) throws InputException {
        return binder.bind(fields(imported), imported.state().source(), imported.state().name()).request();
    }

    /**
     * The name the cluster's request is bound with: the cluster's, or the name the requirements give it. Only read
     * once {@link #request} has bound the fields, so the value is known to be valid.
     */
    public String requestName(Clusters.Imported imported) {
        for (Field field : fields(imported)) {
            if (field.key().equals("name")) {
                try {
                    Object name = binder.readValue(field, imported.state().source());
                    return name == null ? imported.state().name() : (String) name;
                } catch (InputException e) {
                    throw new IllegalStateException("the name was bound before: " + e.getMessage(), e);
                }
            }
        }
        return imported.state().name();
    }

    public Assessment assess(Clusters.Imported imported, Request request, Advice advice) {
        ClusterState state = imported.state();
        NamedRequest named = new NamedRequest(requestName(imported), request);
        List<String> given = new ArrayList<>(requirements.forCluster(state.name(), state.resourceGroup()).keySet());
        List<Clusters.Assumption> assumptions = new ArrayList<>();
        for (Clusters.Assumption assumption : imported.assumptions()) {
            if (!given.contains(assumption.key())) {
                assumptions.add(assumption);
            }
        }
        Map<String, Object> values = binder.contract().values(named);
        for (Map.Entry<String, String> entry : Clusters.NOT_IN_THE_API.entrySet()) {
            if (!given.contains(entry.getKey())) {
                Object value = values.get(entry.getKey());
                assumptions.add(new Clusters.Assumption(entry.getKey(), value, entry.getValue()));
            }
        }

        List<Assessment.Deadline> deadlines = deadlines(state, request);
        String status = Assessment.SUPPORTED;
        Long daysLeft = null;
        String detail = "nothing it runs has a retirement date";
        Assessment.Deadline plugin = deadlines.stream().filter(d -> d.passed() && d.part().equals("plugin"))
                .findFirst().orElse(null);
        Assessment.Deadline passed = deadlines.stream().filter(Assessment.Deadline::passed).findFirst().orElse(null);
        Assessment.Deadline ahead = deadlines.stream().filter(d -> !d.passed()).findFirst().orElse(null);
        if (plugin != null) {
            status = Assessment.RETIRED;
            detail = plugin.subject() + " has been unsupported since " + plugin.date() + "; move to "
                    + plugin.replacement();
        } else if (passed != null) {
            status = Assessment.UNSUPPORTED;
            detail = describe(passed) + " has been unsupported since " + passed.date() + "; move to "
                    + passed.replacement();
        } else if (ahead != null) {
            status = Assessment.RETIRING;
            daysLeft = ahead.daysLeft();
            detail = describe(ahead) + " retires on " + ahead.date() + " (" + ahead.daysLeft() + " day"
                    + (ahead.daysLeft() == 1 ? "" : "s") + " left); move to " + ahead.replacement();
        }

        Assessment.Target target = target(state, advice.recommendation());
        MigrationPlan migration = migrations.plan(state, request, advice);
        return new Assessment(state.name(), state.resourceGroup(), state.source(), imported.line(), imported.file(),
                current(imported, request), status,
                daysLeft, detail, deadlines, target, migration, advice.findings(), assumptions, given, state,
                named, advice);
    }

    private static String describe(Assessment.Deadline deadline) {
        return switch (deadline.part()) {
            case "networkPolicy" -> deadline.subject().replace("policy:", "") + " network policy";
            case "windowsServer" -> "Windows Server " + deadline.subject().replace("windows:", "");
            default -> deadline.subject();
        };
    }

    /** Every retirement that applies to what the cluster runs, soonest first. */
    List<Assessment.Deadline> deadlines(ClusterState state, Request request) {
        List<Assessment.Deadline> deadlines = new ArrayList<>();
        TreeSet<String> versions = new TreeSet<>();
        request.nodePools().stream().filter(NodePool::windows).map(NodePool::windowsServerVersion)
                .filter(Objects::nonNull).forEach(versions::add);
        for (Retirement retirement : knowledge.retirements()) {
            String part = null;
            if (retirement.subject().equals(state.option())) {
                part = "plugin";
            } else if (retirement.subject().equals("policy:" + state.networkPolicy())
                    && (retirement.appliesTo() == null || "linux".equals(retirement.appliesTo())
                    || "windows".equals(retirement.appliesTo()) && state.windowsPools())) {
                part = "networkPolicy";
            } else if (retirement.subject().startsWith("windows:")
                    && versions.contains(retirement.subject().substring("windows:".length()))) {
                part = "windowsServer";
            }
            if (part == null) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(asOf, retirement.date());
            String subject = retirement.subject() + (retirement.appliesTo() != null && part.equals("networkPolicy")
                    ? " (" + retirement.appliesTo() + ")" : "");
            List<Source> sources = retirement.sources().stream().map(id -> knowledge.sources().get(id))
                    .filter(Objects::nonNull).toList();
            deadlines.add(new Assessment.Deadline(subject, part, retirement.date(), days, days <= 0,
                    retirement.replacement(), retirement.note(), sources));
        }
        deadlines.sort(Comparator.comparing(Assessment.Deadline::date));
        return deadlines;
    }

    private static Assessment.Target target(ClusterState state, Recommendation recommendation) {
        if (recommendation == null) {
            return null;
        }
        List<String> changes = new ArrayList<>();
        if (!recommendation.option().equals(state.option())) {
            changes.add("option");
        }
        if (!Objects.equals(recommendation.dataplane(), state.dataplane())) {
            changes.add("dataplane");
        }
        if (!Objects.equals(recommendation.networkPolicy(), state.networkPolicy())) {
            changes.add("networkPolicy");
        }
        return new Assessment.Target(recommendation.option(), recommendation.title(), recommendation.dataplane(),
                recommendation.networkPolicy(), changes.isEmpty(), changes);
    }

    private Assessment.Current current(Clusters.Imported imported, Request request) {
        ClusterState state = imported.state();
        List<Assessment.Pool> pools = new ArrayList<>();
        for (NodePool pool : request.nodePools()) {
            pools.add(new Assessment.Pool(pool.name(), pool.mode(), pool.os(), imported.poolOsSkus().get(pool.name()),
                    pool.windowsServerVersion(), imported.poolCounts().get(pool.name()), pool.minCount(),
                    pool.maxCount(), pool.maxPodsPerNode(), pool.maxSurge(), pool.nodeSubnetId(),
                    pool.nodeSubnetCidr(), pool.podSubnetId(), pool.podSubnetCidr()));
        }
        TreeSet<String> features = new TreeSet<>(request.features());
        features.retainAll(featureKeys);
        return new Assessment.Current(state.option(), state.dataplane(), state.networkPolicy(),
                state.kubernetesVersion(), state.sku(), state.automatic(), state.outboundType(), request.podCidr(),
                request.serviceCidr(), request.dnsServiceIp(), imported.ipv6PodCidr(), imported.ipv6ServiceCidr(),
                request.vnetCidr(), List.copyOf(features), pools);
    }
}
