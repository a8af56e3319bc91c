package cniadvisor.knowledge;

import cniadvisor.model.AddressRange;
import cniadvisor.model.Component;
import cniadvisor.model.Limit;
import cniadvisor.model.Migration;
import cniadvisor.model.PluginOption;
import cniadvisor.model.Retirement;
import cniadvisor.model.Source;
import cniadvisor.model.Support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The platform knowledge loaded from facts/: immutable, shared by every evaluation. */
public record Knowledge(
        Map<String, Source> sources,
        List<PluginOption> options,
        List<Component> dataplanes,
        List<Component> policyEngines,
        List<Limit> limits,
        List<Support> support,
        List<Retirement> retirements,
        List<Migration> migrations,
        List<AddressRange> ranges,
        String fingerprint) {

    public Optional<PluginOption> option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<Limit> limit(String subject, String name) {
        return limits.stream().filter(l -> l.subject().equals(subject) && l.name().equals(name)).findFirst();
    }

    /** A limit the code cannot work without; facts/ validation guarantees these exist. */
    public Limit requiredLimit(String subject, String name) {
        return limit(subject, name).orElseThrow(() -> new IllegalStateException(
                "facts/ has no limit " + subject + "." + name));
    }

    public List<AddressRange> ranges(String kind) {
        return ranges.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    public Optional<Component> dataplane(String id) {
        return dataplanes.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Component> policyEngine(String id) {
        return policyEngines.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Every fact the rules match on, in a fixed order. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        Stream.of(options, dataplanes, policyEngines, limits, support, retirements, migrations, ranges)
                .forEach(facts::addAll);
        return facts;
    }
}
