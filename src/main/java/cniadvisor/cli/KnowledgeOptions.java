package cniadvisor.cli;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.engine.RuleLoadException;
import cniadvisor.io.ExitCode;
import cniadvisor.knowledge.KnowledgeException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Where rules and facts come from, and the date retirements are judged against. Shared by every command. */
public final class KnowledgeOptions {

    static final String BUNDLED = "bundled";

    @Option(names = "--rules", paramLabel = "DIR", split = ",",
            description = "Folder of *.drl rule files. Repeatable: all folders compile into one rule base. "
                    + "'bundled' names the bundled rules/, so '--rules bundled --rules org-rules' adds an "
                    + "organisation's rules to the bundled ones. Default: bundled.")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--facts", paramLabel = "DIR", description = "Folder of platform facts (*.yaml). Default: bundled facts/.")
    Path factsDir;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
            description = "Date to judge retirements against. Default: today.")
    LocalDate asOf;

    @Option(names = "--cache", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Cache the compiled rule base between runs (default: on; ~/.cache/cni-advisor).")
    boolean cache = true;

    public LocalDate asOf() {
        return asOf != null ? asOf : LocalDate.now();
    }

    public AdvisorConfig toConfig() {
        Path home = Home.locate();
        List<Path> rules = ruleDirs.isEmpty() ? List.of(home.resolve("rules"))
                : ruleDirs.stream().map(d -> d.toString().equals(BUNDLED) ? home.resolve("rules") : d).toList();
        Path facts = factsDir != null ? factsDir : home.resolve("facts");
        return new AdvisorConfig(rules, facts, cache ? CacheDir.locate() : null, AdvisorConfig.DEFAULT_MAX_FIRINGS);
    }

    /** Loads rules and facts, turning load problems into exit code 3 with file:line messages. */
    public Advisor loadAdvisor() {
        return await(loadAdvisorAsync());
    }

    private Advisor load() {
        try {
            return Advisor.load(toConfig());
        } catch (KnowledgeException e) {
            throw new CliException(ExitCode.RULES_ERROR, prefixed("facts", e.problems()));
        } catch (RuleLoadException e) {
            throw new CliException(ExitCode.RULES_ERROR, prefixed("rules", e.problems()));
        }
    }

    /**
     * Loads only the facts (milliseconds; the rules take longer), for what needs the request contract before the
     * rules are ready: the questionnaire's first question.
     */
    public cniadvisor.knowledge.Knowledge loadKnowledge() {
        try {
            return cniadvisor.knowledge.KnowledgeLoader.load(toConfig().factsDir());
        } catch (KnowledgeException e) {
            throw new CliException(ExitCode.RULES_ERROR, prefixed("facts", e.problems()));
        }
    }

    /** Starts loading in the background, so the command can read its input meanwhile; see {@link #await}. */
    public CompletableFuture<Advisor> loadAdvisorAsync() {
        return Preload.take(toConfig())
                .orElseGet(() -> CompletableFuture.supplyAsync(this::load, Advisor::startDaemon));
    }

    /** The advisor a background load produced, with its load errors rethrown as they would have been. */
    public static Advisor await(CompletableFuture<Advisor> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Reads --as-of; picocli's built-in converter would show the user Java's exception text. Only the four-digit
     * years of YYYY-MM-DD: Java would also take "+999999999-12-31", a date no retirement is judged against.
     */
    static final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
                }
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date as YYYY-MM-DD");
            }
        }
    }

    private static List<String> prefixed(String what, List<String> problems) {
        List<String> lines = new ArrayList<>();
        lines.add("error: " + what + " failed to load:");
        problems.forEach(p -> lines.add("  " + p));
        return lines;
    }
}
