package cniadvisor.cli;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleBaseCache;
import cniadvisor.io.ExitCode;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Rule bases compiled at the same time in one JVM stay apart: the preload of the bundled rules and a command's own
 * set (bundled plus an organisation's rules) each get the rules they asked for, and the organisation's rules are
 * never dropped silently.
 *
 * <p>Each run starts as {@code main} does, preload first, with an empty cache, so the preload compiles while the
 * command compiles. (In a warm JVM the two rarely collided even before the fix; RuleCompilerTest makes that likely.)
 */
class ConcurrentRuleBasesTest {

    private static final String REQUEST = "examples/requests/windows-2019.yaml";
    /** An org rule that fires for a Windows request; only the org-policy set has it. */
    private static final String ORG_RULE = "\"rule\" : \"ORG-WINDOWS-CALICO\"";

    private static Set<String> bundledRuleIds;

    @BeforeAll
    static void bundledRules() {
        // the preload caches into CacheDir.locate(), which the tests empty: never the user's real cache
        assertNotNull(System.getenv("CNI_ADVISOR_CACHE"), "run through Maven: surefire points the cache into target/");
        bundledRuleIds = advisor().rules().rulesById().keySet();
    }

    /** An empty cache, as on a first run: the preload has to compile the bundled rules. */
    private static void emptyCache() throws IOException {
        RuleBaseCache.forgetLoaded();
        Path cache = CacheDir.locate();
        if (Files.isDirectory(cache)) {
            try (Stream<Path> entries = Files.list(cache)) {
                for (Path entry : entries.filter(e -> e.toString().endsWith(".kpkgs")).toList()) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /** What {@code main} does, short of exiting: start the preload, then run the command. */
    private static CliRun main(String... args) {
        Preload.start(args);
        return CliRun.run(args);
    }

    private static String[] advise(boolean orgRules) {
        List<String> args = new ArrayList<>(List.of("advise", "-f", REQUEST, "--no-cache", "-o", "json",
                "--as-of", AS_OF.toString()));
        if (orgRules) {
            args.addAll(List.of("--rules", "bundled", "--rules", "examples/org-policy/rules"));
        }
        return args.toArray(String[]::new);
    }

    private static void assertAdvice(boolean orgRules, CliRun run) {
        // the request's Windows Server 2019 pools are retired: an error finding, so exit 6 either way
        assertEquals(ExitCode.FINDINGS.code(), run.exitCode(), run::toString);
        assertEquals(orgRules, run.out().contains(ORG_RULE),
                () -> (orgRules ? "org rule missing" : "org rule in the bundled rules' advice") + "\n" + run);
    }

    /** The preload, taken as a command with the default options takes it, loaded exactly the bundled rules. */
    private static void assertPreloadedBundledRules() {
        Advisor preloaded = KnowledgeOptions.await(Preload.take(new KnowledgeOptions().toConfig()).orElseThrow());
        assertEquals(bundledRuleIds, preloaded.rules().rulesById().keySet());
    }

    @Test
    void everyRunAfterThePreloadKeepsTheOrganisationsRules() throws IOException {
        for (int run = 0; run < 10; run++) {
            emptyCache();
            assertAdvice(true, main(advise(true)));
            assertPreloadedBundledRules();
        }
    }

    @Test
    void commandsRunningAtOnceEachGetTheirOwnRules() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 2; round++) {
                emptyCache();
                Preload.start(advise(true));
                List<Future<CliRun>> runs = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    boolean orgRules = i % 2 == 0;
                    runs.add(pool.submit(() -> CliRun.run(advise(orgRules))));
                }
                for (int i = 0; i < runs.size(); i++) {
                    assertAdvice(i % 2 == 0, runs.get(i).get());
                }
                assertPreloadedBundledRules();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
