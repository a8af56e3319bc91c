package cniadvisor.knowledge;

import cniadvisor.model.AddressRange;
import cniadvisor.model.BatchCheck;
import cniadvisor.model.Component;
import cniadvisor.model.Conflict;
import cniadvisor.model.Feature;
import cniadvisor.model.OutboundType;
import cniadvisor.model.WindowsVersion;
import cniadvisor.model.Limit;
import cniadvisor.model.LimitName;
import cniadvisor.model.Migration;
import cniadvisor.model.MigrationPrerequisite;
import cniadvisor.model.TerraformChange;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Retirement;
import cniadvisor.model.Source;
import cniadvisor.model.Support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The platform knowledge loaded from facts/: immutable, shared by every evaluation. Lookups by id are indexed,
 * since a batch makes them many times per request.
 */
public final class Knowledge {

    private final Map<String, Source> sources;
    private final List<PluginOption> options;
    private final List<Component> dataplanes;
    private final List<Component> policyEngines;
    private final List<Limit> limits;
    private final List<Support> support;
    private final List<Conflict> conflicts;
    private final List<Retirement> retirements;
    private final List<Migration> migrations;
    private final List<MigrationPrerequisite> migrationPrerequisites;
    private final List<TerraformChange> terraformChanges;
    private final List<AddressRange> ranges;
    private final List<Feature> features;
    private final List<WindowsVersion> windowsVersions;
    private final List<OutboundType> outboundTypes;
    private final List<BatchCheck> batchChecks;
    private final String fingerprint;

    private final Map<String, PluginOption> optionsById;
    private final Map<String, Component> dataplanesById;
    private final Map<String, Component> policyEnginesById;
    private final Map<String, Limit> limitsByKey;
    private final java.util.SortedSet<String> limitNames;
    private final Map<String, List<AddressRange>> rangesByKind;
    private final List<Object> facts;

    public Knowledge(Map<String, Source> sources, List<PluginOption> options, List<Component> dataplanes,
                     List<Component> policyEngines, List<Limit> limits, List<LimitName> limitNames,
                     List<Support> support, List<Conflict> conflicts,
                     List<Retirement> retirements, List<Migration> migrations, List<AddressRange> ranges,
                     List<Feature> features, List<WindowsVersion> windowsVersions, List<OutboundType> outboundTypes,
                     List<MigrationPrerequisite> migrationPrerequisites, List<TerraformChange> terraformChanges,
                     List<BatchCheck> batchChecks,
                     String fingerprint) {
        this.migrationPrerequisites = List.copyOf(migrationPrerequisites);
        this.terraformChanges = List.copyOf(terraformChanges);
        this.features = List.copyOf(features);
        this.windowsVersions = List.copyOf(windowsVersions);
        this.outboundTypes = List.copyOf(outboundTypes);
        this.batchChecks = List.copyOf(batchChecks);
        this.sources = Map.copyOf(sources);
        this.options = List.copyOf(options);
        this.dataplanes = List.copyOf(dataplanes);
        this.policyEngines = List.copyOf(policyEngines);
        this.limits = List.copyOf(limits);
        this.limitNames = limitNames.stream().map(LimitName::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        this.support = List.copyOf(support);
        this.conflicts = List.copyOf(conflicts);
        this.retirements = List.copyOf(retirements);
        this.migrations = List.copyOf(migrations);
        this.ranges = List.copyOf(ranges);
        this.fingerprint = fingerprint;
        this.optionsById = index(this.options, PluginOption::id);
        this.dataplanesById = index(this.dataplanes, Component::id);
        this.policyEnginesById = index(this.policyEngines, Component::id);
        this.limitsByKey = index(this.limits, l -> l.subject() + "." + l.name());
        this.rangesByKind = this.ranges.stream().collect(Collectors.groupingBy(AddressRange::kind,
                LinkedHashMap::new, Collectors.toUnmodifiableList()));
        List<Object> all = new ArrayList<>();
        Stream.of(this.options, this.dataplanes, this.policyEngines, this.limits, this.support, this.conflicts,
                this.retirements, this.migrations, this.ranges, this.features, this.outboundTypes,
                this.migrationPrerequisites, this.terraformChanges).forEach(all::addAll);
        this.facts = List.copyOf(all);
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
        Map<String, T> index = new LinkedHashMap<>();
        values.forEach(v -> index.putIfAbsent(key.apply(v), v));
        return Map.copyOf(index);
    }

    /** The features support cells and conflicts name, in facts order. */
    public List<Feature> features() {
        return features;
    }

    /** The Windows Server versions AKS runs node pools on, in facts order. */
    public List<WindowsVersion> windowsVersions() {
        return windowsVersions;
    }

    /** The checks across the requests of a batch, in facts order; never facts the rules match. */
    public List<BatchCheck> batchChecks() {
        return batchChecks;
    }

    /** The batch check that makes {@code check} (one of BatchCheck's check names). */
    public BatchCheck batchCheck(String check) {
        return batchChecks.stream().filter(c -> c.check().equals(check)).findFirst()
                .orElseThrow(() -> new IllegalStateException("facts/ have no batch check " + check));
    }

    /** The outbound types a cluster can have, in facts order. */
    public List<OutboundType> outboundTypes() {
        return outboundTypes;
    }

    public Map<String, Source> sources() {
        return sources;
    }

    public List<PluginOption> options() {
        return options;
    }

    public List<Component> dataplanes() {
        return dataplanes;
    }

    public List<Component> policyEngines() {
        return policyEngines;
    }

    public List<Limit> limits() {
        return limits;
    }

    /** The limit names facts/ declares (every limit uses one; rules may match only these). */
    public java.util.Set<String> limitNames() {
        return java.util.Collections.unmodifiableSortedSet(limitNames);
    }

    public List<Support> support() {
        return support;
    }

    /** Pairs of features AKS does not support together. */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    public List<Retirement> retirements() {
        return retirements;
    }

    public List<Migration> migrations() {
        return migrations;
    }

    /** What an existing cluster's migration needs or breaks (rules/migration.drl decides when each applies). */
    public List<MigrationPrerequisite> migrationPrerequisites() {
        return migrationPrerequisites;
    }

    /** How the azurerm provider applies what a migration changes (facts/terraform.yaml). */
    public List<TerraformChange> terraformChanges() {
        return terraformChanges;
    }

    public List<AddressRange> ranges() {
        return ranges;
    }

    /** A hash of the facts files, for caches keyed on the knowledge. */
    public String fingerprint() {
        return fingerprint;
    }

    public Optional<PluginOption> option(String id) {
        return Optional.ofNullable(optionsById.get(id));
    }

    public Optional<Limit> limit(String subject, String name) {
        return Optional.ofNullable(limitsByKey.get(subject + "." + name));
    }

    /** A limit the code cannot work without; facts/ validation guarantees these exist. */
    public Limit requiredLimit(String subject, String name) {
        return limit(subject, name).orElseThrow(() -> new IllegalStateException(
                "facts/ has no limit " + subject + "." + name));
    }

    public List<AddressRange> ranges(String kind) {
        return rangesByKind.getOrDefault(kind, List.of());
    }

    public Optional<Component> dataplane(String id) {
        return Optional.ofNullable(dataplanesById.get(id));
    }

    public Optional<Component> policyEngine(String id) {
        return Optional.ofNullable(policyEnginesById.get(id));
    }

    /** Every fact the rules match on, in a fixed order. */
    public List<Object> facts() {
        return facts;
    }
}
