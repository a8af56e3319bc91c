package cniadvisor.testing;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Reason;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shared test fixtures: the bundled rules and facts compiled once per test JVM, requests written as YAML (the
 * way users write them), and lookups into an {@link Advice}.
 */
public final class Fixtures {

    /** The date the bundled expectations were written against; tests pass it explicitly, never "today". */
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 21);
    public static final Path RULES = Path.of("rules");
    public static final Path FACTS = Path.of("facts");
    public static final Path EXAMPLES = Path.of("examples");

    private static Advisor advisor;
    private static RequestBinder binder;

    private Fixtures() {
    }

    /** The advisor over the bundled rules and facts, compiled once (no disk cache, so tests see the real DRL). */
    public static synchronized Advisor advisor() {
        if (advisor == null) {
            try {
                advisor = Advisor.load(new AdvisorConfig(List.of(RULES), FACTS, null, AdvisorConfig.DEFAULT_MAX_FIRINGS));
            } catch (Exception e) {
                throw new IllegalStateException("bundled rules or facts failed to load: " + e.getMessage(), e);
            }
        }
        return advisor;
    }

    /** The request contract's binder for the bundled facts (facts only: no rules are compiled for it). */
    public static synchronized RequestBinder binder() {
        if (binder == null) {
            try {
                binder = RequestBinder.forKnowledge(KnowledgeLoader.load(FACTS));
            } catch (Exception e) {
                throw new IllegalStateException("bundled facts failed to load: " + e.getMessage(), e);
            }
        }
        return binder;
    }

    /** A request from YAML lines, e.g. {@code request("nodeCount: 10", "windowsNodePools: true")}. */
    public static NamedRequest request(String... yamlLines) {
        String yaml = String.join("\n", yamlLines) + "\n";
        try {
            return RequestReader.read("test.yaml", "test",
                    new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), binder());
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test request: " + e.getMessage(), e);
        }
    }

    public static Advice advise(String... yamlLines) {
        return advisor().advise(request(yamlLines), AS_OF);
    }

    public static Advice advise(LocalDate asOf, String... yamlLines) {
        return advisor().advise(request(yamlLines), asOf);
    }

    public static OptionResult option(Advice advice, String id) {
        return advice.options().stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + id + " in " + advice.options()));
    }

    /** Reasons on an option that a given rule left. */
    public static List<Reason> reasons(Advice advice, String option, String ruleId) {
        return option(advice, option).reasons().stream().filter(r -> r.rule().equals(ruleId)).toList();
    }

    public static List<Reason> warnings(Advice advice, String ruleId) {
        return advice.warnings().stream().filter(r -> r.rule().equals(ruleId)).toList();
    }

    /** Every reason in the advice, options and warnings alike. */
    public static Stream<Reason> allReasons(Advice advice) {
        return Stream.concat(advice.options().stream().flatMap(o -> o.reasons().stream()), advice.warnings().stream());
    }

    public static boolean cites(Reason reason, String sourceId) {
        return reason.sources().stream().anyMatch(s -> s.id().equals(sourceId));
    }
}
