package cniadvisor.cli;

import cniadvisor.authoring.Coverage;
import cniadvisor.authoring.DisplayPath;
import cniadvisor.authoring.FileWatcher;
import cniadvisor.authoring.Scenario;
import cniadvisor.authoring.ScenarioReader;
import cniadvisor.authoring.ScenarioRunner;
import cniadvisor.authoring.TestReport;
import cniadvisor.authoring.TestReportFormat;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.io.ExitCode;
import cniadvisor.io.InputException;
import cniadvisor.knowledge.KnowledgeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code rules test}: runs scenario files against the rules and facts, like {@code opa test}. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = {
                "Runs rule scenarios: each gives a request and what the advice must say (recommended option, data "
                        + "plane, network policy, options excluded or eligible, rules that must or must not fire, "
                        + "warnings). Prints PASS or FAIL per scenario, what differed under each failure, and the "
                        + "tally 'N passed, N failed'. A folder runs every *.yaml directly in it. The format is in "
                        + "docs/rule-authoring.md.",
                "",
                "Examples:",
                "  cni-advisor rules test",
                "  cni-advisor rules test examples/scenarios --coverage --threshold 100",
                "  cni-advisor rules test examples/scenarios -o junit > rules-tests.xml",
                "  cni-advisor rules test --rules bundled --rules examples/org-policy/rules \\",
                "      examples/org-policy/scenarios",
                "  cni-advisor rules test --watch",
                ""})
final class RulesTestCommand implements Callable<Integer> {

    private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Scenario files or folders. Default: the bundled examples/scenarios.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TestReportFormat format = TestReportFormat.text;

    @Option(names = "--coverage", description = "Also report which rules no scenario made fire.")
    boolean coverage;

    @Option(names = "--threshold", paramLabel = "PCT",
            description = "Fail (exit 5) when fewer than PCT percent of the rules fire in some scenario. "
                    + "Implies --coverage.")
    Double threshold;

    @Option(names = "--watch",
            description = "Run again whenever a file under the rules, facts or scenario folders changes. Ctrl-C stops.")
    boolean watch;

    /** Test hook: end --watch after this many runs (0: run until interrupted). */
    @Option(names = "--watch-runs", hidden = true, defaultValue = "0")
    int watchRuns;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() throws InterruptedException {
        if (knowledge.asOf != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--as-of is not used by rules test: each scenario file gives its own asOf");
        }
        // written as "not inside" so that NaN, which compares false with everything, is refused too
        if (threshold != null && !(threshold >= 0 && threshold <= 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threshold must be a percentage from 0 to 100, got " + threshold);
        }
        if (watchRuns < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--watch-runs must be 0 (no end) or more, got " + watchRuns);
        }
        List<Path> scenarioPaths = paths.isEmpty() ? List.of(Home.locate().resolve("examples").resolve("scenarios"))
                : paths;
        if (!watch) {
            return runOnce(knowledge.loadAdvisor(), scenarioPaths);
        }
        return watch(scenarioPaths);
    }

    private int runOnce(Advisor advisor, List<Path> scenarioPaths) {
        AdvisorConfig config = knowledge.toConfig();
        List<Scenario> scenarios;
        ScenarioRunner runner = new ScenarioRunner(advisor, config.factsDir());
        try {
            scenarios = ScenarioReader.read(ScenarioReader.scenarioFiles(scenarioPaths),
                    ScenarioReader.Vocabulary.of(advisor));
            runner.prepare(scenarios);
        } catch (InputException e) {
            throw new CliException(ExitCode.USAGE_ERROR, e.errors().stream().map(x -> "error: " + x.format()).toList());
        } catch (KnowledgeException e) {
            throw new CliException(ExitCode.USAGE_ERROR, e.problems().stream().map(p -> "error: " + p).toList());
        }
        List<ScenarioRunner.Result> results = new ArrayList<>();
        List<Duration> times = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            long start = System.nanoTime();
            results.add(runner.run(scenario));
            times.add(Duration.ofNanos(System.nanoTime() - start));
        }
        Coverage cov = coverage || threshold != null
                ? Coverage.of(advisor.rules(), config.ruleDirs(), results, threshold) : null;
        TestReport report = new TestReport(results, cov, times);
        report.write(format, spec.commandLine().getOut());
        if (cov != null && cov.belowThreshold()) {
            spec.commandLine().getErr().println("error: rule coverage " + cov.summary() + " is below --threshold "
                    + Coverage.format(threshold) + "%");
        }
        return report.ok() ? ExitCode.OK.code() : ExitCode.TESTS_FAILED.code();
    }

    /** Runs, then runs again after every change, compiling afresh each time (no rule cache: edits are the point). */
    private int watch(List<Path> scenarioPaths) throws InterruptedException {
        knowledge.cache = false;
        AdvisorConfig config = knowledge.toConfig();
        List<Path> roots = new ArrayList<>(config.ruleDirs());
        roots.add(config.factsDir());
        roots.addAll(scenarioPaths);
        FileWatcher watcher = new FileWatcher(roots, WATCH_INTERVAL);
        PrintWriter err = spec.commandLine().getErr();
        int runs = 0;
        while (true) {
            int code;
            try {
                code = runOnce(knowledge.loadAdvisor(), scenarioPaths);
            } catch (CliException e) {
                e.lines().forEach(err::println);
                code = e.exitCode().code();
            }
            runs++;
            if (watchRuns > 0 && runs >= watchRuns) {
                return code;
            }
            err.println("watching " + shown(roots) + " for changes (Ctrl-C to stop)");
            err.flush();
            List<Path> changed = watcher.awaitChange();
            err.println();
            err.println("changed: " + shown(changed) + "; running again");
            err.flush();
        }
    }

    private static String shown(List<Path> paths) {
        return paths.stream().map(p -> DisplayPath.of(p.toString())).collect(Collectors.joining(", "));
    }
}
