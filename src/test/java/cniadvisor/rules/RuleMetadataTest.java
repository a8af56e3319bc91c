package cniadvisor.rules;

import cniadvisor.engine.RuleChecks;
import cniadvisor.engine.RuleMeta;
import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.EXAMPLES;
import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.allReasons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule is traceable: an id, sources that exist, and a test that makes it fire. */
class RuleMetadataTest {

    /** Where the tests that make each rule fire live: one class per DRL file. */
    private static final Path RULE_TESTS = Path.of("src/test/java/cniadvisor/rules");

    private static List<RuleMeta> bundledRules() {
        return advisor().rules().rules();
    }

    @Test
    void theBundledRuleBaseHasRules() {
        assertTrue(bundledRules().size() >= 40, () -> "only " + bundledRules().size() + " rules loaded");
    }

    @Test
    void everyRuleHasAnId() {
        for (RuleMeta rule : bundledRules()) {
            assertNotNull(rule.id(), () -> "rule \"" + rule.name() + "\" has no @id");
            assertFalse(rule.id().isBlank(), () -> "rule \"" + rule.name() + "\" has a blank @id");
        }
    }

    @Test
    void ruleIdsAreUnique() {
        List<String> ids = bundledRules().stream().map(RuleMeta::id).toList();
        assertEquals(ids.stream().distinct().toList(), ids);
    }

    @Test
    void everyRuleCitesAtLeastOneSourceThatExistsInFacts() {
        Map<String, Source> sources = advisor().knowledge().sources();
        for (RuleMeta rule : bundledRules()) {
            assertFalse(rule.sources().isEmpty(), () -> rule.id() + " has no @source");
            for (String source : rule.sources()) {
                assertTrue(sources.containsKey(source), () -> rule.id() + " cites unknown source '" + source + "'");
            }
        }
    }

    @Test
    void theRuleChecksFindNoProblemInTheBundledRules() {
        assertEquals(List.of(), RuleChecks.check(advisor().rules(), advisor().knowledge()));
    }

    /** A new rule fails this until someone writes the test that makes it fire. */
    @Test
    void everyRuleIdIsNamedInARulesTest() throws IOException {
        String tests;
        try (Stream<Path> files = Files.list(RULE_TESTS)) {
            tests = files.filter(f -> f.getFileName().toString().endsWith("RulesTest.java"))
                    .map(RuleMetadataTest::read).reduce("", String::concat);
        }
        for (RuleMeta rule : bundledRules()) {
            assertTrue(tests.contains("\"" + rule.id() + "\""),
                    () -> rule.id() + " (" + advisor().rules().fileOf(rule) + ") is not named in any *RulesTest in "
                            + RULE_TESTS);
        }
    }

    static Stream<Path> exampleRequests() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("requests"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleRequests")
    void everyReasonForAnExampleCitesADatedSourceWithAUrl(Path example) throws Exception {
        Advice advice = advisor().advise(RequestReader.read(example, InputStream.nullInputStream()), AS_OF);

        List<Reason> reasons = allReasons(advice).toList();
        assertFalse(reasons.isEmpty(), "the advice gives reasons");
        for (Reason reason : reasons) {
            assertFalse(reason.sources().isEmpty(), () -> reason.rule() + " cites no source: " + reason.text());
            for (Source source : reason.sources()) {
                assertTrue(source.url() != null && source.url().startsWith("https://"),
                        () -> source.id() + " has no https URL");
                assertNotNull(source.asOf(), () -> source.id() + " has no asOf date");
                assertFalse(source.title() == null || source.title().isBlank(), () -> source.id() + " has no title");
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
