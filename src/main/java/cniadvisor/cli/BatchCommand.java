package cniadvisor.cli;

import cniadvisor.batch.BatchConfig;
import cniadvisor.render.BatchWriter;
import cniadvisor.batch.BatchException;
import cniadvisor.batch.BatchJob;
import cniadvisor.engine.Advisor;
import cniadvisor.io.BatchInputFormat;
import cniadvisor.render.BatchReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code batch}: many requests in, one report out, with checks across the requests. */
@Command(name = "batch",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluates many requests in one run: CSV (a header row of request keys, list values separated by "
                        + "';'), JSON Lines, a JSON array or multi-document YAML. Each request is evaluated on its "
                        + "own; the report keeps input order whatever the thread count. Across requests it checks "
                        + "that node subnets do not overlap (error) nor overlap another request's pod or service "
                        + "CIDR (warning), and, with --address-pool, what the recommendations take from the pool.",
                "",
                "A row or document that cannot be read or has a bad value becomes an error entry with its line; "
                        + "the rest is still evaluated. A request without a name is called <file>#<n>, n counting "
                        + "the requests in that file.",
                "",
                "Exit codes for batch: 0 every request got a recommendation and no finding is at or above "
                        + "--fail-on; 2 some input is invalid, or a bad option or file; else 4 some request has no "
                        + "fitting option; else 6 some finding (cross-request checks included) is at or above "
                        + "--fail-on (default: error). The JUnit and SARIF reports agree with the exit code. A bug "
                        + "that hits a request makes it an error entry, and the run exits 1 once the report is "
                        + "written.",
                "",
                "Examples:",
                "  cni-advisor batch examples/batch/teams.csv",
                "  cni-advisor batch examples/batch/teams.csv -o markdown --output-file report.md",
                "  cni-advisor batch teams.jsonl more.yaml --address-pool 10.0.0.0/8 -o sarif --output-file "
                        + "batch.sarif",
                "  cat teams.csv | cni-advisor batch - --input-format csv -o csv",
                ""})
final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Request files; '-' reads standard input (then --input-format is required).")
    List<String> files;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "Input format: ${COMPLETION-CANDIDATES}. Default: by extension (.csv, .jsonl or .ndjson, "
                    + ".json, .yaml or .yml).")
    BatchInputFormat inputFormat;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", converter = EnumByText.BatchFormats.class,
            description = "Report format: ${COMPLETION-CANDIDATES}. Default: from the --output-file extension "
                    + "(.csv, .json, .jsonl, .md, .xml for junit, .sarif, .txt for table; another extension is an "
                    + "error); else jsonl, on a terminal as in a pipe. github and azure-devops annotate each "
                    + "request's line in a CI run.")
    BatchReportFormat format;

    @Option(names = "--output-file", paramLabel = "FILE",
            description = "Write the report here instead of standard output, atomically: the file appears complete "
                    + "or not at all. A device or FIFO (/dev/null, /dev/stdout) is written directly.")
    Path outputFile;

    @Option(names = "--threads", paramLabel = "N",
            description = "Requests evaluated in parallel, 1 to " + BatchConfig.MAX_THREADS + " (default: the number "
                    + "of cores, ${DEFAULT-VALUE} here).")
    int threads = BatchConfig.defaultThreads();

    @Option(names = "--address-pool", paramLabel = "CIDR", arity = "1..*", split = ",",
            description = "The organisation's address space: the report counts the routable addresses the "
                    + "recommendations take from it and what is left.")
    List<String> addressPool = new ArrayList<>();

    @Option(names = "--sarif-recommendations",
            description = "With -o sarif, also a note (rule BATCH-RECOMMENDATION) per request that got a "
                    + "recommendation. Without it SARIF lists only problems: no-fits, findings and input errors, so "
                    + "code scanning shows no alert for a request that is fine.")
    boolean sarifRecommendations;

    @Option(names = "--no-progress", description = "No progress bar (it only shows on a terminal, never in CI).")
    boolean noProgress;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        // numbers first, before anything is loaded or read
        if (threads < 1 || threads > BatchConfig.MAX_THREADS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be from 1 to "
                    + BatchConfig.MAX_THREADS + ", got " + threads);
        }
        CompletableFuture<Advisor> loading = knowledge.loadAdvisorAsync();
        BatchConfig config = new BatchConfig(files, inputFormat, format, outputFile, threads, failOn.level(),
                addressPool, knowledge.asOf(), !noProgress);
        try {
            return BatchWriter.withOptions(sarifRecommendations, () -> BatchJob.run(config,
                    () -> KnowledgeOptions.await(loading), Main.STDIN.get(), spec.commandLine().getOut(),
                    spec.commandLine().getErr())).exitCode().code();
        } catch (BatchException e) {
            throw new CliException(e.exitCode(), e.lines());
        }
    }
}
