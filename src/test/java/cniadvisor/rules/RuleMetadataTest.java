package cniadvisor.rules;

import cniadvisor.testing.Fixtures;
import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.EXAMPLES;
import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.allReasons;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reason the bundled examples get cites a dated source with a URL. (That every rule has an id and sources that
 * exist is enforced by loading the rules; that every rule fires is enforced by the scenarios, with
 * {@code rules test --coverage --threshold 100} in RulesTestCommandTest.)
 */
class RuleMetadataTest {

    static Stream<Path> exampleRequests() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("requests"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleRequests")
    void everyReasonForAnExampleCitesADatedSourceWithAUrl(Path example) throws Exception {
        Advice advice = advisor().advise(RequestReader.read(example, InputStream.nullInputStream(), Fixtures.binder()), AS_OF);

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
}
