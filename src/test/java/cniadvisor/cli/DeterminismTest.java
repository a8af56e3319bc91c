package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import cniadvisor.testing.Fixtures;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.engine.RuleBaseCache;
import cniadvisor.render.AdviceWriter;
import cniadvisor.render.OutputFormat;
import cniadvisor.io.RequestReader;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static cniadvisor.testing.Fixtures.AS_OF;
import static cniadvisor.testing.Fixtures.EXAMPLES;
import static cniadvisor.testing.Fixtures.FACTS;
import static cniadvisor.testing.Fixtures.RULES;
import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same request, same bytes: across runs, rule file order, the rule-base cache and threads. Each rule-base variant is
 * compiled once and shared by the examples; the command itself runs cold (no cache), from the disk cache and warm.
 */
class DeterminismTest {

    @TempDir
    static Path dir;

    /** Each rule-base variant compiled once (no cache), shared by every example: compiling is what costs. */
    private static final Map<Path, Advisor> VARIANTS = new ConcurrentHashMap<>();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("requests"))) {
            return files.sorted().toList().stream();
        }
    }

    /** What {@code advise -o json} prints, through the real entry point. */
    private static String json(Path example, String... options) {
        List<String> args = new ArrayList<>(List.of("advise", "-f", example.toString(), "-o", "json",
                "--as-of", AS_OF.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertTrue(run.exitCode() == ExitCode.OK.code() || run.exitCode() == ExitCode.NO_FIT.code()
                || run.exitCode() == ExitCode.FINDINGS.code(), run::toString);
        return run.out();
    }

    /** The same JSON from an advisor compiled from {@code rules} without the cache. */
    private static String compiledJson(Path rules, Path example) throws Exception {
        Advisor advisor = VARIANTS.computeIfAbsent(rules, r -> {
            try {
                return Advisor.load(new AdvisorConfig(List.of(r), FACTS, null, AdvisorConfig.DEFAULT_MAX_FIRINGS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StringWriter out = new StringWriter();
        AdviceWriter.write(advisor.advise(RequestReader.read(example, InputStream.nullInputStream(), Fixtures.binder()), AS_OF),
                OutputFormat.json, new PrintWriter(out));
        return out.toString();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theCommandGivesTheBytesOfACompiledRuleBase(Path example) throws Exception {
        assertEquals(compiledJson(RULES, example), json(example));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void ruleFilesLoadedInReversedOrderGiveTheSameBytes(Path example) throws Exception {
        assertEquals(compiledJson(RULES, example), compiledJson(reversedRules(), example));
    }

    @Test
    void aColdRunWithoutTheCacheAndOneFromTheDiskCacheGiveTheSameBytes() throws Exception {
        Path example = EXAMPLES.resolve("requests/payments.yaml");
        String expected = compiledJson(RULES, example);
        assertEquals(expected, json(example, "--no-cache"));
        assertEquals(expected, json(example, "--rules", reversedRules().toString(), "--no-cache"));
        json(example); // fills the disk cache, if no earlier test has
        RuleBaseCache.forgetLoaded(); // so the next rule base comes from the disk cache
        assertEquals(expected, json(example));
    }

    @Test
    void theReversedCopySortsTheRuleFilesTheOtherWayRound() throws IOException {
        List<String> bundledReversed = new ArrayList<>(fileNames(RULES));
        Collections.reverse(bundledReversed);
        List<String> copied = fileNames(reversedRules()).stream().map(n -> n.substring("a-".length())).toList();

        assertEquals(bundledReversed, copied);
    }

    @Test
    void concurrentEvaluationsGiveTheSameJsonAsOneAtATime() throws Exception {
        List<NamedRequest> requests = new ArrayList<>();
        for (Path example : examples().toList()) {
            requests.add(RequestReader.read(example, InputStream.nullInputStream(), Fixtures.binder()));
        }
        List<String> serial = requests.stream().map(DeterminismTest::adviceJson).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<String>> parallel = new ArrayList<>();
                for (NamedRequest request : requests) {
                    parallel.add(pool.submit(() -> adviceJson(request)));
                }
                for (int i = 0; i < requests.size(); i++) {
                    assertEquals(serial.get(i), parallel.get(i).get(), requests.get(i).name());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The bundled rule files, renamed "a-scale.drl" ... "f-eligibility.drl" so they sort in reverse. */
    private static synchronized Path reversedRules() throws IOException {
        Path reversed = dir.resolve("reversed-rules");
        if (Files.isDirectory(reversed)) {
            return reversed;
        }
        Files.createDirectories(reversed);
        List<String> names = fileNames(RULES);
        for (int i = 0; i < names.size(); i++) {
            char prefix = (char) ('a' + names.size() - 1 - i);
            Files.copy(RULES.resolve(names.get(i)), reversed.resolve(prefix + "-" + names.get(i)));
        }
        return reversed;
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList();
        }
    }

    private static String adviceJson(NamedRequest request) {
        StringWriter out = new StringWriter();
        AdviceWriter.write(advisor().advise(request, AS_OF), OutputFormat.json, new PrintWriter(out));
        return out.toString();
    }
}
