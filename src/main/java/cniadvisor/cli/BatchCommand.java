package cniadvisor.cli;

import cniadvisor.batch.BatchConfig;
import cniadvisor.io.AddressSpaceFile;
import cniadvisor.io.ExitCode;
import cniadvisor.io.InputException;
import cniadvisor.model.AddressSpace;
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

import java.io.PrintWriter;
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
                        + "CIDR (warning).",
                "",
                "With --address-pool (or --address-space), batch allocates every VNet range a request needs and "
                        + "did not give from the organisation's pools: first every given range is taken out of the "
                        + "pool, then, in input order, each request without a VNet of its own gets one block for "
                        + "its VNet with its subnets inside (node and pod subnets sized for the pools' max counts "
                        + "and surge plus --headroom). Pod and service CIDRs are private to each cluster, so one "
                        + "range clear of the pool serves them all. A request the pool cannot hold is an error; "
                        + "the others keep their allocation. --iac-dir writes each request's az, Terraform and "
                        + "Bicep with its ranges.",
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
                "  cni-advisor batch examples/batch/teams.csv -o markdown \\",
                "      --output-file report.md",
                "  cni-advisor batch teams.jsonl more.yaml --address-pool 10.0.0.0/8 \\",
                "      -o sarif --output-file batch.sarif",
                "  cni-advisor batch examples/batch/teams.csv \\",
                "      --address-pool 10.20.0.0/16,10.40.0.0/16 --iac-dir out/",
                "  cni-advisor batch examples/batch/teams.csv \\",
                "      --address-space examples/batch/address-space.yaml",
                "  cat teams.csv | cni-advisor batch - --input-format csv -o csv",
                "  cni-advisor batch teams.csv --query '[name, recommendation.option]'",
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
                    + "(.csv, .json, .jsonl, .md, .html, .xml for junit, .sarif, .txt for table; another extension is "
                    + "an error); else jsonl, on a terminal as in a pipe. github and azure-devops annotate each "
                    + "request's line in a CI run; html is one page with the address pool drawn to scale.")
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
            description = "The organisation's pools (IPv4 CIDRs, repeatable or ','-separated): every VNet range a "
                    + "request needs and did not give is allocated from them.")
    List<String> addressPool = new ArrayList<>();

    @Option(names = "--address-space", paramLabel = "FILE",
            description = "A YAML file with the organisation's pools: and reserved: ranges (cidr:, name:) no "
                    + "cluster may take (on-premises, the hub, other spokes); its pools join --address-pool's.")
    Path addressSpace;

    @Option(names = "--headroom", paramLabel = "PERCENT",
            description = "Room to grow added to a node or pod subnet's need before it is allocated, 0 to "
                    + BatchConfig.MAX_HEADROOM + " (default: ${DEFAULT-VALUE}).")
    int headroom = BatchConfig.DEFAULT_HEADROOM;

    @Option(names = "--iac-dir", paramLabel = "DIR",
            description = "Write each recommended request's az script (.sh), Terraform (.tf) and Bicep (.bicep) "
                    + "here, one file each, named after the request, with the ranges allocated to it.")
    Path iacDir;
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
    QueryOptions query;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        // numbers first, before anything is loaded or read
        if (threads < 1 || threads > BatchConfig.MAX_THREADS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be from 1 to "
                    + BatchConfig.MAX_THREADS + ", got " + threads);
        }
        if (headroom < 0 || headroom > BatchConfig.MAX_HEADROOM) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--headroom must be from 0 to "
                    + BatchConfig.MAX_HEADROOM + " percent, got " + headroom);
        }
        boolean queried = query.check(spec, format != null, format == BatchReportFormat.json
                || format == BatchReportFormat.jsonl);
        if (queried && outputFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--query writes to standard output; leave "
                    + "--output-file out (or redirect)");
        }
        if (queried && format == null) {
            format = BatchReportFormat.jsonl;
        }
        AddressSpace space = addressSpace();
        CompletableFuture<Advisor> loading = knowledge.loadAdvisorAsync();
        BatchConfig config = new BatchConfig(files, inputFormat, format, outputFile, threads, failOn.level(),
                space, headroom, iacDir, sarifRecommendations, knowledge.asOf(), !noProgress);
        try {
            QueryOptions.Filter filter = queried ? query.filter(format == BatchReportFormat.jsonl,
                    spec.commandLine().getOut()) : null;
            int exit = BatchJob.run(config, () -> KnowledgeOptions.await(loading), Main.STDIN.get(),
                    filter == null ? spec.commandLine().getOut() : new PrintWriter(filter),
                    spec.commandLine().getErr()).exitCode().code();
            if (filter != null) {
                filter.finish();
            }
            return exit;
        } catch (java.io.IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: cannot write the report: " + e.getMessage());
        } catch (BatchException e) {
            throw new CliException(e.exitCode(), e.lines());
        }
    }

    /** The file's pools and reserved ranges, then --address-pool's pools. */
    private AddressSpace addressSpace() {
        if (addressSpace == null) {
            return new AddressSpace(addressPool, List.of());
        }
        try {
            AddressSpace file = AddressSpaceFile.read(addressSpace);
            List<String> pools = new ArrayList<>(file.pools());
            pools.addAll(addressPool);
            return new AddressSpace(pools, file.reserved());
        } catch (InputException e) {
            throw new CliException(ExitCode.USAGE_ERROR, e.errors().stream().map(err -> "error: "
                    + err.format()).toList());
        }
    }
}
