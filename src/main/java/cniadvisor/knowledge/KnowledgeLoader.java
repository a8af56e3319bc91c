package cniadvisor.knowledge;

import cniadvisor.model.AddressRange;
import cniadvisor.model.BatchCheck;
import cniadvisor.model.Cited;
import cniadvisor.model.Component;
import cniadvisor.model.Conflict;
import cniadvisor.model.Feature;
import cniadvisor.model.Limit;
import cniadvisor.model.LimitName;
import cniadvisor.model.Migration;
import cniadvisor.model.MigrationPrerequisite;
import cniadvisor.model.TerraformChange;
import cniadvisor.model.OutboundType;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;
import cniadvisor.model.Retirement;
import cniadvisor.model.Source;
import cniadvisor.model.Support;
import cniadvisor.model.WindowsVersion;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads every *.yaml file of a facts folder (in file-name order) and checks it: known sections and keys, required
 * fields, unique ids, source ids that exist, and the limits and ranges the tool cannot work without. All problems
 * are reported together as "file:line: message".
 */
public final class KnowledgeLoader {

    /** Record components that may be left out of an entry. */
    private static final Set<String> OPTIONAL_FIELDS = Set.of("note", "appliesTo", "replacement", "command", "unit",
            "networkPluginMode", "min", "max", "decidedBy", "subnetRole", "counterpart", "prerequisite", "noMigrationTo",
            "caveats", "aksDefault", "preview", "networkIsolated", "routesToAppliance", "clearedBy", "kubernetesMinor",
            "replacesWhen");

    private static final List<String> OPTION_MODELS = List.of("overlay", "flat", "byo");
    private static final List<String> POD_ADDRESSES = List.of("node-subnet", "pod-subnet", "pod-cidr", "none");
    private static final List<String> MIGRATION_PATHS = List.of("in-place", "rebuild");
    /** Limit subjects that are not an option, data plane or policy engine (see facts/limits.yaml). */
    private static final List<String> GENERAL_LIMIT_SUBJECTS = List.of("cluster", "node", "nodePool", "serviceCidr", "subnet",
            "linux", "windows", "apiServerSubnet", "appGatewayForContainersSubnet", "applicationGatewaySubnet");
    private static final List<String> APPLIES_TO = List.of("linux", "windows");
    private static final List<String> RANGE_KINDS = List.of("default-pod-cidr", "default-service-cidr",
            "default-dns-service-ip", "reserved", "supported-pod-range");

    /** Limits the address planner reads by name (each option's defaultMaxPods is checked per option). */
    private static final List<String> REQUIRED_LIMITS = List.of("subnet.reservedAddresses", "cluster.defaultMaxSurge",
            "windows.recommendedMaxPods", "node.lowestMaxPods", "node.highestMaxPods",
            "azure-cni-overlay.podBlockPrefix", "kubenet.podBlockPrefix", "azure-cni-pod-subnet.allocationBatch",
            "azure-cni-pod-subnet.staticBlockPrefix");

    /** Strict: a key given twice, a fraction where a whole number belongs, or an unknown key is an error. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    private record Located<T>(T value, String file, int line) {
        String where() {
            return file + ":" + line;
        }
    }

    /** How a dataplane or policy engine entry is written in YAML: the kind comes from the section. */
    private record ComponentEntry(String id, String title, int rank, List<String> pairsWith, List<String> sources) {
    }

    /** How a batch check is written in YAML: where it is written is added when it is built. */
    private record BatchCheckEntry(String check, String id, String name, String level, String decides,
                                   List<String> sources, Map<String, String> messages) implements Cited {
    }

    private final List<String> problems = new ArrayList<>();
    private final List<Located<Source>> sources = new ArrayList<>();
    private final List<Located<PluginOption>> options = new ArrayList<>();
    private final List<Located<Component>> dataplanes = new ArrayList<>();
    private final List<Located<Component>> policyEngines = new ArrayList<>();
    private final List<Located<Limit>> limits = new ArrayList<>();
    private final List<Located<Support>> support = new ArrayList<>();
    private final List<Located<Conflict>> conflicts = new ArrayList<>();
    private final List<Located<Retirement>> retirements = new ArrayList<>();
    private final List<Located<Migration>> migrations = new ArrayList<>();
    private final List<Located<MigrationPrerequisite>> migrationPrerequisites = new ArrayList<>();
    private final List<Located<TerraformChange>> terraformChanges = new ArrayList<>();
    private final List<Located<AddressRange>> ranges = new ArrayList<>();
    private final List<Located<LimitName>> limitNames = new ArrayList<>();
    private final List<Located<Feature>> features = new ArrayList<>();
    private final List<Located<WindowsVersion>> windowsVersions = new ArrayList<>();
    private final List<Located<OutboundType>> outboundTypes = new ArrayList<>();
    private final List<Located<BatchCheckEntry>> batchChecks = new ArrayList<>();

    private KnowledgeLoader() {
    }

    public static Knowledge load(Path dir) throws KnowledgeException {
        return load(dir, List.of());
    }

    /**
     * Loads a facts folder plus {@code extraFiles} (same format), checked as one: how a rule scenario adds the
     * entries a rule needs to fire that the bundled facts do not have.
     */
    public static Knowledge load(Path dir, List<Path> extraFiles) throws KnowledgeException {
        if (!Files.isDirectory(dir)) {
            throw new KnowledgeException(List.of(dir + ": facts folder not found"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            // a folder named *.yaml is not a facts file; a link that leads nowhere is reported when read
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && !Files.isDirectory(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new KnowledgeException(List.of(dir + ": cannot list folder: " + e.getMessage()));
        }
        if (files.isEmpty()) {
            throw new KnowledgeException(List.of(dir + ": no *.yaml files"));
        }
        for (Path extra : extraFiles) {
            if (!Files.isRegularFile(extra)) {
                throw new KnowledgeException(List.of(extra + ": facts file not found"));
            }
        }
        files = Stream.concat(files.stream(), extraFiles.stream()).toList();
        KnowledgeLoader loader = new KnowledgeLoader();
        for (Path file : files) {
            loader.readFile(file);
        }
        loader.validate();
        if (!loader.problems.isEmpty()) {
            throw new KnowledgeException(loader.problems);
        }
        return loader.build(fingerprint(files));
    }

    private void readFile(Path file) {
        String name = file.toString();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() == null) {
                return;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                problems.add(name + ":" + line(parser) + ": expected sections such as 'sources:' or 'limits:'");
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.currentName();
                int sectionLine = line(parser);
                parser.nextToken();
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    problems.add(name + ":" + sectionLine + ": section '" + section + "' must be a list");
                    parser.skipChildren();
                    continue;
                }
                switch (section) {
                    case "sources" -> readEntries(parser, name, Source.class, sources, Function.identity());
                    case "options" -> readEntries(parser, name, PluginOption.class, options, Function.identity());
                    case "dataplanes" -> readEntries(parser, name, ComponentEntry.class, dataplanes,
                            e -> new Component("dataplane", e.id(), e.title(), e.rank(), e.pairsWith(), e.sources()));
                    case "policyEngines" -> readEntries(parser, name, ComponentEntry.class, policyEngines,
                            e -> new Component("policy", e.id(), e.title(), e.rank(), List.of(), e.sources()));
                    case "limits" -> readEntries(parser, name, Limit.class, limits, Function.identity());
                    case "limitNames" -> readEntries(parser, name, LimitName.class, limitNames, Function.identity());
                    case "support" -> readEntries(parser, name, Support.class, support, Function.identity());
                    case "conflicts" -> readEntries(parser, name, Conflict.class, conflicts, Function.identity());
                    case "retirements" -> readEntries(parser, name, Retirement.class, retirements, Function.identity());
                    case "migrations" -> readEntries(parser, name, Migration.class, migrations, Function.identity());
                    case "migrationPrerequisites" -> readEntries(parser, name, MigrationPrerequisite.class,
                            migrationPrerequisites, Function.identity());
                    case "terraformChanges" -> readEntries(parser, name, TerraformChange.class, terraformChanges,
                            Function.identity());
                    case "ranges" -> readEntries(parser, name, AddressRange.class, ranges, Function.identity());
                    case "features" -> readEntries(parser, name, Feature.class, features, Function.identity());
                    case "windowsServerVersions" -> readEntries(parser, name, WindowsVersion.class, windowsVersions,
                            Function.identity());
                    case "outboundTypes" -> readEntries(parser, name, OutboundType.class, outboundTypes,
                            Function.identity());
                    case "batchChecks" -> readEntries(parser, name, BatchCheckEntry.class, batchChecks,
                            Function.identity());
                    default -> {
                        problems.add(name + ":" + sectionLine + ": unknown section '" + section + "'; allowed: "
                                + "sources, options, dataplanes, policyEngines, limits, limitNames, support, conflicts, "
                                + "retirements, migrations, migrationPrerequisites, ranges, features, windowsServerVersions, "
                                + "outboundTypes, terraformChanges, batchChecks");
                        parser.skipChildren();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(name + ":" + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add(name + ": cannot read: " + readProblem(file, e));
        }
    }

    /** Why a facts file cannot be read, in words (Java's messages are often only the path again). */
    private static String readProblem(Path file, IOException e) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            return "a symbolic link that leads nowhere or loops";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage();
    }

    /**
     * Reads a list entry by entry. Each entry is taken as a tree first, so a bad entry is reported at its line and
     * the next one still reads.
     */
    private <E, T> void readEntries(JsonParser parser, String file, Class<E> type, List<Located<T>> into,
                                    Function<E, T> convert) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int line = line(parser);
            JsonNode node = parser.readValueAsTree();
            try {
                T value = convert.apply(YAML.treeToValue(node, type));
                if (requireFields(value, file, line)) {
                    into.add(new Located<>(value, file, line));
                }
            } catch (UnrecognizedPropertyException e) {
                problems.add(file + ":" + line + ": unknown key '" + e.getPropertyName() + "'; allowed: "
                        + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                        .collect(Collectors.joining(", ")));
            } catch (JsonMappingException e) {
                String key = e.getPath().isEmpty() ? "entry" : e.getPath().get(e.getPath().size() - 1).getFieldName();
                problems.add(file + ":" + line + ": " + key + ": " + plain(e));
            }
        }
    }

    private static String plain(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (message.contains("LocalDate")) {
            return "expected a date as YYYY-MM-DD";
        }
        if (message.contains("`int`") || message.contains("`long`")) {
            return "expected a whole number";
        }
        if (message.contains("`java.util.List") || message.contains("from String value")) {
            return "expected a list, e.g. [a, b]";
        }
        int cut = message.indexOf(" (class");
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private boolean requireFields(Object value, String file, int line) {
        boolean complete = true;
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            if (OPTIONAL_FIELDS.contains(c.getName())) {
                continue;
            }
            try {
                Object field = c.getAccessor().invoke(value);
                if (field == null) {
                    problems.add(file + ":" + line + ": " + c.getName() + ": required");
                    complete = false;
                } else if (field instanceof String text && text.isBlank()) {
                    problems.add(file + ":" + line + ": " + c.getName() + ": must not be empty");
                    complete = false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return complete;
    }

    private void validate() {
        Map<String, Located<Source>> sourceIds = unique(sources, s -> s.id(), "source");
        Set<String> optionIds = unique(options, PluginOption::id, "option").keySet();
        Set<String> dataplaneIds = unique(dataplanes, Component::id, "dataplane").keySet();
        Set<String> policyIds = unique(policyEngines, Component::id, "policy engine").keySet();
        unique(limits, l -> l.subject() + "." + l.name(), "limit");
        Set<String> declaredLimitNames = unique(limitNames, LimitName::name, "limit name").keySet();
        Map<String, LimitName> declared = new LinkedHashMap<>();
        limitNames.forEach(n -> declared.putIfAbsent(n.value().name(), n.value()));
        for (Located<Limit> l : limits) {
            String limitName = l.value().name();
            check(l, declaredLimitNames.contains(limitName), "name: '" + limitName + "' is not a declared limit name"
                    + Suggestions.didYouMean(limitName, declaredLimitNames)
                    + " (a new limit's name goes under limitNames: first, with its unit and meaning)");
            LimitName name = declared.get(limitName);
            check(l, !l.value().includesSurge() || name == null || name.unit().equals("nodes"),
                    "includesSurge: only a limit on nodes can count surge nodes; " + limitName + " is in "
                            + (name == null ? "" : name.unit()));
        }
        unique(support, s -> s.subject() + " / " + s.feature(), "support entry");
        unique(conflicts, c -> c.features().stream().sorted().toList().toString(), "conflict");
        unique(retirements, Retirement::id, "retirement");
        unique(migrations, m -> m.from() + " -> " + m.to(), "migration");
        unique(migrationPrerequisites, MigrationPrerequisite::id, "migration prerequisite");
        unique(terraformChanges, t -> t.attribute() + " / " + t.step(), "Terraform change");
        unique(features, Feature::id, "feature");
        unique(outboundTypes, OutboundType::id, "outbound type");
        Set<String> windowsVersionIds = new java.util.TreeSet<>(
                unique(windowsVersions, WindowsVersion::version, "Windows Server version").keySet());

        Set<String> subjects = new HashSet<>(optionIds);
        dataplaneIds.forEach(id -> subjects.add("dataplane:" + id));
        policyIds.forEach(id -> subjects.add("policy:" + id));

        for (List<? extends Located<? extends Cited>> list : List.of(options, dataplanes, policyEngines, limits,
                support, conflicts, retirements, migrations, ranges, features, windowsVersions, outboundTypes,
                migrationPrerequisites, terraformChanges, batchChecks)) {
            for (Located<? extends Cited> entry : list) {
                if (entry.value().sources().isEmpty()) {
                    problems.add(entry.where() + ": sources: cite at least one source id");
                }
                for (String id : entry.value().sources()) {
                    if (!sourceIds.containsKey(id)) {
                        problems.add(entry.where() + ": sources: unknown source id '" + id + "'");
                    }
                }
            }
        }
        for (Located<PluginOption> o : options) {
            check(o, OPTION_MODELS.contains(o.value().model()), "model: '" + o.value().model()
                    + "' is not one of " + String.join(", ", OPTION_MODELS));
            check(o, POD_ADDRESSES.contains(o.value().podAddresses()), "podAddresses: '" + o.value().podAddresses()
                    + "' is not one of " + String.join(", ", POD_ADDRESSES));
            o.value().dataplanes().forEach(d -> check(o, dataplaneIds.contains(d), "dataplanes: unknown data plane '" + d + "'"));
            o.value().policyEngines().forEach(p -> check(o, policyIds.contains(p), "policyEngines: unknown policy engine '" + p + "'"));
            check(o, limits.stream().anyMatch(l -> l.value().subject().equals(o.value().id())
                    && l.value().name().equals("defaultMaxPods")), "needs a limit " + o.value().id() + ".defaultMaxPods");
        }
        for (Located<Component> d : dataplanes) {
            d.value().pairsWith().forEach(p -> check(d, policyIds.contains(p), "pairsWith: unknown policy engine '" + p + "'"));
        }
        for (Located<Support> s : support) {
            check(s, Support.LEVELS.contains(s.value().level()), "level: '" + s.value().level() + "' is not one of "
                    + String.join(", ", Support.LEVELS));
            check(s, subjects.contains(s.value().subject()), "subject: '" + s.value().subject()
                    + "' is not an option id, dataplane:<id> or policy:<id>");
        }
        Set<String> featureIds = featureIds(windowsVersionIds);
        for (Located<Conflict> c : conflicts) {
            List<String> features = c.value().features();
            check(c, features.size() == 2 && !features.get(0).equals(features.get(1)),
                    "features: name two different features, e.g. [nodeAutoProvisioning, windows]");
            for (String feature : features) {
                check(c, featureIds.contains(feature), "features: '" + feature + "' is not a feature"
                        + Suggestions.didYouMean(feature, featureIds) + " (features: declares them)");
            }
            check(c, Conflict.LEVELS.contains(c.value().level()), "level: '" + c.value().level()
                    + "' is not one of " + String.join(", ", Conflict.LEVELS));
            check(c, c.value().note() != null, "note: required (say what goes wrong and what to do)");
        }
        validateOutboundTypes(optionIds, sourceIds.keySet());
        Map<String, Located<Feature>> subnetRoles = new HashMap<>();
        for (Located<Feature> f : features) {
            String role = f.value().subnetRole();
            if (role == null) {
                continue;
            }
            check(f, cniadvisor.ipplan.AddressPlanner.SUBNET_ROLES.contains(role), "subnetRole: '" + role
                    + "' is not one of " + String.join(", ", new java.util.TreeSet<>(
                    cniadvisor.ipplan.AddressPlanner.SUBNET_ROLES)));
            Located<Feature> first = subnetRoles.putIfAbsent(role, f);
            check(f, first == null, "subnetRole: '" + role + "' is also the subnet of feature "
                    + (first == null ? "" : first.value().id() + " (" + first.where() + ")"));
        }
        for (Located<Migration> m : migrations) {
            check(m, MIGRATION_PATHS.contains(m.value().path()), "path: '" + m.value().path() + "' is not one of "
                    + String.join(", ", MIGRATION_PATHS));
            check(m, optionIds.contains(m.value().from()), "from: unknown option '" + m.value().from() + "'");
            check(m, optionIds.contains(m.value().to()), "to: unknown option '" + m.value().to() + "'");
        }
        validateMigrationPrerequisites();
        validateTerraformChanges();
        validateBatchChecks();
        for (Located<AddressRange> r : ranges) {
            check(r, RANGE_KINDS.contains(r.value().kind()), "kind: '" + r.value().kind() + "' is not one of "
                    + String.join(", ", RANGE_KINDS));
            check(r, isIPv4Range(r.value().cidr()), "cidr: '" + r.value().cidr() + "' is not an IPv4 network"
                    + " (a.b.c.d/n, the network address of its prefix) or an IPv4 address (a.b.c.d)");
        }
        for (Located<Limit> l : limits) {
            if (l.value().subject().equals("cluster") && l.value().name().equals("defaultMaxSurge")) {
                check(l, l.value().value() >= 1 && l.value().value() <= 100, "value: " + l.value().value()
                        + " is not a percentage from 1 to 100 (AKS's default max surge)");
            }
        }
        for (String required : REQUIRED_LIMITS) {
            if (limits.stream().noneMatch(l -> (l.value().subject() + "." + l.value().name()).equals(required))) {
                problems.add("facts: missing limit " + required + " (the address planner needs it)");
            }
        }
        for (String kind : List.of("default-pod-cidr", "default-service-cidr", "default-dns-service-ip")) {
            if (ranges.stream().filter(r -> r.value().kind().equals(kind)).count() != 1) {
                problems.add("facts: needs exactly one range of kind " + kind);
            }
        }
        validateMeanings(optionIds, dataplaneIds, policyIds, subjects, windowsVersionIds);
    }

    /**
     * A migration prerequisite names the runbook step it concerns and the step that clears it, from the steps the
     * planner knows; a Kubernetes minimum is a minor version of Kubernetes 1.
     */
    private void validateMigrationPrerequisites() {
        for (Located<MigrationPrerequisite> located : migrationPrerequisites) {
            MigrationPrerequisite p = located.value();
            check(located, MigrationPrerequisite.STEPS.contains(p.step()), "step: '" + p.step() + "' is not one of "
                    + String.join(", ", MigrationPrerequisite.STEPS)
                    + Suggestions.didYouMean(p.step(), new java.util.TreeSet<>(MigrationPrerequisite.STEPS))
                    .replaceFirst("; known: .*", ""));
            check(located, p.clearedBy() == null || MigrationPrerequisite.CLEARING_STEPS.contains(p.clearedBy()),
                    "clearedBy: '" + p.clearedBy() + "' is not one of "
                            + String.join(", ", MigrationPrerequisite.CLEARING_STEPS)
                            + " (leave it out when nothing in the runbook clears it)");
            check(located, p.kubernetesMinor() == null || p.kubernetesMinor() >= 1 && p.kubernetesMinor() <= 99,
                    "kubernetesMinor: " + p.kubernetesMinor() + " is not a Kubernetes 1.x minor version (1 to 99)");
        }
    }

    /** A Terraform change names an attribute, a runbook step the planner knows, and replacesWhen only as "changed". */
    private void validateTerraformChanges() {
        for (Located<TerraformChange> located : terraformChanges) {
            TerraformChange t = located.value();
            check(located, t.attribute() != null && t.attribute().matches("[a-z_]+(\\.[a-z_]+)*"), "attribute: '"
                    + t.attribute() + "' is not an azurerm attribute path (network_profile.network_plugin, say)");
            check(located, TerraformChange.STEPS.contains(t.step()), "step: '" + t.step() + "' is not one of "
                    + String.join(", ", TerraformChange.STEPS));
            check(located, t.replacesWhen() == null || TerraformChange.CHANGED.equals(t.replacesWhen()),
                    "replacesWhen: '" + t.replacesWhen() + "' is not allowed; the one value is 'changed' (changing or "
                            + "removing a value the cluster has replaces it)");
        }
    }

    /**
     * Each check the batch makes is worded once, at a known level, with every message it needs; a message fills only
     * the placeholders its check has values for. The batch cannot run without all of them.
     */
    private void validateBatchChecks() {
        unique(batchChecks, BatchCheckEntry::check, "batch check");
        unique(batchChecks, BatchCheckEntry::id, "batch check id");
        Set<String> checks = BatchCheck.MESSAGES.keySet();
        for (Located<BatchCheckEntry> located : batchChecks) {
            BatchCheckEntry c = located.value();
            Map<String, List<String>> needed = BatchCheck.MESSAGES.get(c.check());
            if (needed == null) {
                check(located, false, "check: '" + c.check() + "' is not one of " + String.join(", ", checks)
                        + Suggestions.didYouMean(c.check(), new java.util.TreeSet<>(checks))
                        .replaceFirst("; known: .*", ""));
                continue;
            }
            check(located, Reason.LEVELS.contains(c.level()), "level: '" + c.level() + "' is not one of "
                    + String.join(", ", Reason.LEVELS));
            for (String message : c.messages().keySet()) {
                check(located, needed.containsKey(message), "messages: unknown message '" + message + "' for "
                        + c.check() + "; its messages are " + String.join(", ", needed.keySet()));
            }
            needed.forEach((message, placeholders) -> {
                String text = c.messages().get(message);
                if (text == null || text.isBlank()) {
                    check(located, false, "messages." + message + ": required (" + c.check() + " says it with "
                            + placeholders.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "))
                            + ")");
                    return;
                }
                for (String placeholder : BatchCheck.placeholders(text)) {
                    check(located, placeholders.contains(BatchCheck.filledAs(placeholder)), "messages." + message
                            + ": unknown placeholder {" + placeholder + "}; this message fills "
                            + placeholders.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", ")));
                }
            });
        }
        for (String check : checks) {
            if (batchChecks.stream().noneMatch(c -> check.equals(c.value().check()))) {
                problems.add("facts: missing batch check " + check + " (batchChecks:, which batch needs)");
            }
        }
    }

    /**
     * An outbound type's VNet kind, and the outbound types and options it names: each must exist, or the rules that
     * read them would name something AKS does not have.
     */
    private void validateOutboundTypes(Set<String> optionIds, Set<String> sourceIds) {
        Set<String> ids = new java.util.TreeSet<>();
        outboundTypes.forEach(o -> ids.add(o.value().id()));
        List<String> defaults = outboundTypes.stream().filter(o -> Boolean.TRUE.equals(o.value().aksDefault())).map(o -> o.value().id())
                .toList();
        if (!outboundTypes.isEmpty() && defaults.size() != 1) {
            problems.add("facts: exactly one outbound type needs aksDefault: true (AKS's default outbound type); "
                    + (defaults.isEmpty() ? "none has it" : String.join(", ", defaults) + " have it"));
        }
        for (Located<OutboundType> located : outboundTypes) {
            OutboundType o = located.value();
            check(located, OutboundType.VNETS.contains(o.vnet()), "vnet: '" + o.vnet() + "' is not one of "
                    + String.join(", ", OutboundType.VNETS));
            if (o.counterpart() != null) {
                check(located, ids.contains(o.counterpart()) && !o.counterpart().equals(o.id()), "counterpart: '"
                        + o.counterpart() + "' is not another outbound type" + Suggestions.didYouMean(o.counterpart(), ids));
            }
            for (String to : o.noMigrationTo()) {
                check(located, ids.contains(to) && !to.equals(o.id()), "noMigrationTo: '" + to
                        + "' is not another outbound type" + Suggestions.didYouMean(to, ids));
            }
            for (OutboundType.Caveat caveat : o.caveats()) {
                check(located, caveat != null && optionIds.contains(caveat.option()), "caveats: option '"
                        + (caveat == null ? null : caveat.option()) + "' is not an option id"
                        + (caveat == null || caveat.option() == null ? "" : Suggestions.didYouMean(caveat.option(), optionIds)));
                check(located, caveat != null && caveat.note() != null && !caveat.note().isBlank(),
                        "caveats: each needs a note (what the option needs or lacks)");
                if (caveat != null) {
                    List<String> cited = caveat.sources() == null ? List.of() : caveat.sources();
                    check(located, !cited.isEmpty(), "caveats: each cites at least one source id");
                    cited.stream().filter(id -> !sourceIds.contains(id)).forEach(id -> check(located, false,
                            "caveats: sources: unknown source id '" + id + "'"));
                }
            }
            check(located, !o.preview().booleanValue() || o.note() != null,
                    "note: a preview outbound type needs a note (what it is, and what to use in production)");
            check(located, !"managed".equals(o.vnet()) || o.counterpart() != null,
                    "counterpart: an outbound type for the AKS-managed VNet needs one (what to use in your own VNet)");
            check(located, !o.networkIsolated().booleanValue() || !"own".equals(o.vnet()),
                    "networkIsolated: an outbound type for network isolated clusters cannot need vnet: own");
        }
    }

    /**
     * What parses but would match nothing, or mean nothing: a limit for a subject nobody is, a value outside its
     * declared bounds, a support feature no request has, a retirement whose replacement does not exist. Each would
     * otherwise be a rule that silently never fires.
     */
    private void validateMeanings(Set<String> optionIds, Set<String> dataplaneIds, Set<String> policyIds,
                                  Set<String> subjects, Set<String> windowsVersionIds) {
        Set<String> featureIds = featureIds(windowsVersionIds);
        Map<String, LimitName> declared = new LinkedHashMap<>();
        limitNames.forEach(n -> declared.putIfAbsent(n.value().name(), n.value()));
        Set<String> limitSubjects = new java.util.TreeSet<>(subjects);
        limitSubjects.addAll(GENERAL_LIMIT_SUBJECTS);
        for (Located<Limit> l : limits) {
            Limit limit = l.value();
            check(l, limitSubjects.contains(limit.subject()), "subject: '" + limit.subject() + "' is not an option id, "
                    + "dataplane:<id>, policy:<id> or one of " + String.join(", ", GENERAL_LIMIT_SUBJECTS)
                    + Suggestions.didYouMean(limit.subject(), limitSubjects).replaceFirst("; known: .*", ""));
            LimitName name = declared.get(limit.name());
            if (name != null) {
                long min = name.min() == null ? 0 : name.min();
                check(l, limit.value() >= min && (name.max() == null || limit.value() <= name.max()), "value: "
                        + limit.value() + " is outside what " + limit.name() + " allows (" + min + " to "
                        + (name.max() == null ? "any" : name.max()) + ")");
            }
        }
        for (Located<Support> s : support) {
            check(s, featureIds.contains(s.value().feature()), "feature: '" + s.value().feature() + "' is not a "
                    + "feature" + Suggestions.didYouMean(s.value().feature(), featureIds) + " (features: declares them)");
        }
        Set<String> windowsVersions = windowsVersionIds;
        for (Located<Retirement> r : retirements) {
            Retirement retirement = r.value();
            String subject = retirement.subject();
            boolean windows = subject.startsWith("windows:");
            check(r, subjects.contains(subject) || windows && windowsVersions.contains(subject.substring(8)),
                    "subject: '" + subject + "' is not an option id, dataplane:<id>, policy:<id> or windows:<version>");
            Set<String> replacements = windows ? windowsVersions : subject.startsWith("policy:") ? policyIds
                    : subject.startsWith("dataplane:") ? dataplaneIds : optionIds;
            check(r, replacements.contains(retirement.replacement()), "replacement: '" + retirement.replacement()
                    + "' is not one of " + String.join(", ", replacements));
            check(r, retirement.appliesTo() == null || APPLIES_TO.contains(retirement.appliesTo()), "appliesTo: '"
                    + retirement.appliesTo() + "' is not one of " + String.join(", ", APPLIES_TO));
        }
        Map<Integer, Located<PluginOption>> ranks = new HashMap<>();
        for (Located<PluginOption> o : options) {
            check(o, !o.value().dataplanes().isEmpty(), "dataplanes: list at least one data plane");
            check(o, !o.value().policyEngines().isEmpty(), "policyEngines: list at least one (none for no engine)");
            Located<PluginOption> first = ranks.putIfAbsent(o.value().rank(), o);
            check(o, first == null, "rank: " + o.value().rank() + " is also the rank of "
                    + (first == null ? "" : first.value().id() + " (" + first.where() + ")")
                    + "; ranks break ties, so each option needs its own");
        }
        for (Located<Source> s : sources) {
            String url = s.value().url();
            check(s, url.startsWith("https://") && !url.contains(" "), "url: '" + url + "' is not an https URL");
        }
    }

    /**
     * The features support cells and conflicts can name: those facts/ declare, and windows-server-VERSION for each
     * declared Windows Server version.
     */
    private Set<String> featureIds(Set<String> windowsVersionIds) {
        Set<String> ids = new java.util.TreeSet<>();
        features.forEach(f -> ids.add(f.value().id()));
        windowsVersionIds.forEach(v -> ids.add(Request.WINDOWS_VERSION_FEATURE + v));
        return ids;
    }

    /** The planner does IPv4 arithmetic on every range of facts/, so anything else must stop the load. */
    private static boolean isIPv4Range(String cidr) {
        IPAddress address = cidr == null ? null : new IPAddressString(cidr).getAddress();
        return address != null && address.isIPv4()
                && (address.getNetworkPrefixLength() == null || address.isPrefixBlock());
    }

    private void check(Located<?> entry, boolean ok, String message) {
        if (!ok) {
            problems.add(entry.where() + ": " + message);
        }
    }

    private <T> Map<String, Located<T>> unique(List<Located<T>> entries, Function<T, String> key, String what) {
        Map<String, Located<T>> seen = new LinkedHashMap<>();
        for (Located<T> entry : entries) {
            Located<T> first = seen.putIfAbsent(key.apply(entry.value()), entry);
            if (first != null) {
                problems.add(entry.where() + ": duplicate " + what + " '" + key.apply(entry.value())
                        + "' (first defined at " + first.where() + ")");
            }
        }
        return seen;
    }

    private Knowledge build(String fingerprint) {
        Map<String, Source> sourceMap = new LinkedHashMap<>();
        sources.forEach(s -> sourceMap.put(s.value().id(), s.value()));
        return new Knowledge(Map.copyOf(sourceMap), values(options), values(dataplanes), values(policyEngines),
                values(limits), values(limitNames), values(support), values(conflicts), values(retirements),
                values(migrations), values(ranges), values(features), values(windowsVersions), values(outboundTypes),
                values(migrationPrerequisites), values(terraformChanges), batchChecks.stream().map(l -> new BatchCheck(l.value().check(),
                        l.value().id(), l.value().name(), l.value().level(), l.value().decides(), l.value().sources(),
                        l.value().messages(), l.file(), l.line())).toList(), fingerprint);
    }

    private static <T> List<T> values(List<Located<T>> located) {
        return located.stream().map(Located::value).toList();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String fingerprint(List<Path> files) throws KnowledgeException {
        Path current = files.get(0);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                current = file;
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new KnowledgeException(List.of(current + ": cannot read: " + readProblem(current, e)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
