package cniadvisor.cli;

import cniadvisor.batch.BatchAdvisor;
import cniadvisor.batch.BatchConfig;
import cniadvisor.batch.BatchRunner;
import cniadvisor.batch.BatchJob;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.MigrationPlanner;
import cniadvisor.engine.RuleAuthorException;
import cniadvisor.engine.RuleMeta;
import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.Assessor;
import cniadvisor.inventory.AzureInput;
import cniadvisor.inventory.Clusters;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.inventory.Requirements;
import cniadvisor.inventory.VirtualNetworks;
import cniadvisor.render.AssessmentFormat;
import cniadvisor.render.AssessmentWriter;
import cniadvisor.io.AtomicFileWriter;
import cniadvisor.render.BatchWriter;
import cniadvisor.io.ExitCode;
import cniadvisor.render.FindingLines;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.InputFiles;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** {@code assess}: existing clusters, as Azure reports them, in; what each runs, must change and by when, out. */
@Command(name = "assess",
        mixinStandardHelpOptions = true,
        description = {
                "Reads existing AKS clusters as Azure reports them and assesses each: what it runs (plugin, data "
                        + "plane, policy engine, pools, ranges), whether that is supported on the date judged "
                        + "(supported, retiring with the days left, retired, or unsupported in part) with every "
                        + "deadline and its source, the option it should run (by the rules of 'advise'; stay when "
                        + "that is what it runs), and the findings on its ranges and pools. Then a fleet summary.",
                "",
                "Input (the shape is detected; keys match without regard to case; unknown fields are ignored): "
                        + "az aks show -o json (one cluster), az aks list -o json (an array), ARM JSON with "
                        + "'properties' (az rest, template exports), Azure Resource Graph output (az graph query: an "
                        + "object with 'data'). --vnets: az network vnet show/list -o json, so each pool's subnet "
                        + "resolves to its prefix and the VNet's address space is known.",
                "",
                "What the API cannot say (trafficPattern, directPodAccess, podSourceIpVisible, whether policies "
                        + "are needed beyond the engine installed, ...) takes a stated default, listed per cluster; "
                        + "--requirements FILE sets request keys for all clusters (top level) or for one "
                        + "(clusters: {<name>: {...}}). -o request prints the request made from each cluster, for "
                        + "advise -f.",
                "",
                "A file or element that is not a managed cluster is reported with its file, element and line; the "
                        + "other clusters are still assessed. Exit codes as for batch: 2 some input could not be "
                        + "read (after the report); else 4 some cluster has no fitting option; else 6 a finding at "
                        + "or above --fail-on (a retired plugin is an error, a retiring one a warning).",
                "",
                "Examples:",
                "  az aks list -o json > fleet.json && cni-advisor assess fleet.json",
                "  cni-advisor assess fleet.json --vnets vnets.json -o table",
                "  az aks show -g rg -n aks1 -o json \\",
                "      | cni-advisor assess - --requirements team.yaml -o json",
                "  cni-advisor assess fleet.json -o request > requests.yaml",
                "  cni-advisor assess fleet.json --output-file fleet.md  # for a wiki or PR",
                "  cni-advisor assess fleet.json -o sarif --output-file assess.sarif \\",
                "      --fail-on warning",
                ""})
final class AssessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Azure JSON of managed clusters; '-' reads standard input.")
    List<String> files;

    @Option(names = "--vnets", paramLabel = "FILE", arity = "1..*",
            description = "az network vnet show/list -o json output (or ARM / Resource Graph JSON of VNets).")
    List<String> vnetFiles = new ArrayList<>();

    @Option(names = "--requirements", paramLabel = "FILE",
            description = "Request keys (YAML or JSON) over what is read from Azure: at the top level for every "
                    + "cluster, under clusters: {<name>: {...}} for one.")
    Path requirementsFile;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES}. Default: from the --output-file extension "
                    + "(.txt, .json, .jsonl, .csv, .md, .xml for junit, .sarif, .yaml for request); else text.")
    AssessmentFormat format;

    @Option(names = "--output-file", paramLabel = "FILE",
            description = "Write the report here instead of standard output, atomically: the file appears complete "
                    + "or not at all.")
    Path outputFile;

    @Option(names = "--threads", paramLabel = "N",
            description = "Clusters assessed at once, 1 to " + BatchConfig.MAX_THREADS + " (default: the number of "
                    + "cores). The report is the same, in input order, whatever N is.")
    int threads = BatchConfig.defaultThreads();

    @Mixin
    QueryOptions query;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        if (threads < 1 || threads > BatchConfig.MAX_THREADS) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --threads must be from 1 to " + BatchConfig.MAX_THREADS
                    + ", got " + threads);
        }
        if (query.check(spec, QueryOptions.given(spec, "--output"), format == AssessmentFormat.json)) {
            format = AssessmentFormat.json;
        }
        AssessmentFormat reportFormat = reportFormat();
        CompletableFuture<Advisor> loading = knowledge.loadAdvisorAsync();
        checkInputs();
        Advisor advisor = KnowledgeOptions.await(loading);
        RequestBinder binder = RequestBinder.forKnowledge(advisor.knowledge());
        Requirements requirements = requirements(binder);
        PrintWriter err = spec.commandLine().getErr();
        FleetSummary summary = new FleetSummary();
        FindingLines findings = new FindingLines(failOn.level());
        MigrationPlanner planner = new MigrationPlanner(advisor);
        LocalDate asOf = knowledge.asOf();
        BatchAdvisor batch = new BatchAdvisor(advisor, asOf);
        List<String> inputs = new ArrayList<>(files);
        inputs.addAll(vnetFiles);
        AssessmentWriter.Context context = new AssessmentWriter.Context(asOf, binder, inputs, failOn.level(),
                ruleInfos(advisor));
        long bugs = 0;
        ExitCode exit;
        try (AtomicFileWriter file = outputFile == null ? null : openOutput();
             QueryBuffer buffer = new QueryBuffer(query, file == null ? spec.commandLine().getOut() : file.writer());
             AssessmentWriter writer = AssessmentWriter.open(reportFormat, buffer.writer(), context);
             ClusterItems items = new ClusterItems()) {
            VirtualNetworks vnets = vnets(writer, summary);
            Clusters clusters = new Clusters(advisor.knowledge(), vnets, asOf);
            Sink sink = new Sink(writer, summary, findings);
            Assessor assessor = new Assessor(advisor.knowledge(), binder, requirements, asOf, null);
            BatchRunner.run(items, threads, () -> new Evaluate(clusters, batch.newWorker(), planner.newSession(asOf),
                    assessor), outcome -> {
                        try {
                            sink.accept(outcome);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            bugs = sink.bugs;
            exit = bugs > 0 ? ExitCode.INTERNAL_ERROR : findings.exitCode(summary.invalid() > 0
                    ? ExitCode.USAGE_ERROR : summary.noFit() > 0 ? ExitCode.NO_FIT : ExitCode.OK);
            writer.finish(summary, exit.code());
            buffer.finish();
            if (file != null) {
                file.commit();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: cannot write the report: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL_ERROR, "error: interrupted");
        }
        findings.print(err);
        if (outputFile != null || (reportFormat != AssessmentFormat.text && reportFormat != AssessmentFormat.table)) {
            summary.lines().forEach(err::println);
        }
        for (String unused : requirements.unused()) {
            err.println("warning: " + requirements.file() + ": clusters." + unused + " matched no cluster read");
        }
        findings.printFailing(exit, err);
        if (bugs > 0) {
            err.printf(Locale.ROOT, "error: %,d cluster%s could not be assessed because of an internal error (see "
                    + "the report); this is a bug in cni-advisor: please report it with the input%n", bugs,
                    bugs == 1 ? "" : "s");
        }
        err.flush();
        return exit.code();
    }

    /** The report's writer: the output itself, or a buffer that --query filters when the report is complete. */
    private static final class QueryBuffer implements AutoCloseable {
        private final QueryOptions query;
        private final java.io.Writer out;
        private final java.io.StringWriter buffer;

        QueryBuffer(QueryOptions query, java.io.Writer out) {
            this.query = query;
            this.out = out;
            this.buffer = query.active() ? new java.io.StringWriter() : null;
        }

        java.io.Writer writer() {
            return buffer == null ? out : buffer;
        }

        void finish() throws IOException {
            if (buffer != null) {
                out.write(query.apply(buffer.toString()));
                out.flush();
            }
        }

        @Override
        public void close() {
        }
    }

    /** -o if given; else by the --output-file extension (an unknown one is an error); else text. */
    private AssessmentFormat reportFormat() {
        if (format != null) {
            return format;
        }
        if (outputFile == null) {
            return AssessmentFormat.text;
        }
        AssessmentFormat byName = AssessmentFormat.forFileName(outputFile.getFileName().toString());
        if (byName == null) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --output-file " + outputFile + ": the extension "
                    + "names no report format (.txt, .json, .jsonl, .csv, .md, .xml, .sarif, .yaml); give -o");
        }
        return byName;
    }

    private AtomicFileWriter openOutput() {
        if (Files.isDirectory(outputFile)) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --output-file " + outputFile + ": is a directory");
        }
        try {
            return AtomicFileWriter.open(outputFile);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --output-file " + outputFile
                    + ": cannot write there (" + e.getMessage() + ")");
        }
    }

    /** Every rule of the rule base, for the reports that list them (SARIF). */
    private static List<BatchWriter.RuleInfo> ruleInfos(Advisor advisor) {
        List<BatchWriter.RuleInfo> infos = new ArrayList<>();
        for (RuleMeta rule : advisor.rules().rules()) {
            infos.add(BatchWriter.RuleInfo.of(rule.id(), rule.name(), rule.decides(), rule.sources(),
                    advisor.knowledge().sources(), null));
        }
        return infos;
    }

    /**
     * Every resource of every input file, in order, each file opened when reached (on the runner's reader thread):
     * a file that cannot be read becomes one item carrying its error, and the other files are still read.
     */
    private final class ClusterItems implements java.util.Iterator<AzureInput.Item>, AutoCloseable {
        private final InputStream stdin = Main.STDIN.get();
        private int next;
        private AzureInput current;
        private AzureInput.Item pending;

        @Override
        public boolean hasNext() {
            while (pending == null) {
                if (current != null && current.hasNext()) {
                    pending = current.next();
                    continue;
                }
                close();
                if (next == files.size()) {
                    return false;
                }
                String file = files.get(next++);
                try {
                    current = open(file, stdin);
                } catch (InputException e) {
                    pending = new AzureInput.Item(file, file, 0, null, e.errors().get(0));
                } catch (IOException e) {
                    pending = new AzureInput.Item(file, file, 0, null, new InputError(file, 0, null,
                            "cannot read: " + e.getMessage()));
                }
            }
            return true;
        }

        @Override
        public AzureInput.Item next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            AzureInput.Item item = pending;
            pending = null;
            return item;
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /**
     * One worker thread's assessment of a cluster: read, bound to a request, advised, assessed with its migration
     * plan. Each worker keeps its own advice session and migration rule session; the runner closes them.
     */
    private static final class Evaluate implements java.util.function.Function<AzureInput.Item, Outcome>,
            AutoCloseable {
        private final Clusters clusters;
        private final BatchAdvisor.Worker advice;
        private final MigrationPlanner.Session migrations;
        private final Assessor assessor;

        Evaluate(Clusters clusters, BatchAdvisor.Worker advice, MigrationPlanner.Session migrations,
                 Assessor shared) {
            this.clusters = clusters;
            this.advice = advice;
            this.migrations = migrations;
            this.assessor = shared.withPlanner(migrations::plan);
        }

        @Override
        public Outcome apply(AzureInput.Item item) {
            if (!item.valid()) {
                return Outcome.invalid(item.file(), item.source(), List.of(item.error()));
            }
            Clusters.Imported imported;
            Request request;
            try {
                imported = clusters.read(item);
                request = assessor.request(imported);
            } catch (InputException e) {
                return Outcome.invalid(item.file(), item.source(), e.errors());
            }
            try {
                Advice advised = advice.advise(new cniadvisor.model.NamedRequest(assessor.requestName(imported),
                        request));
                return new Outcome(assessor.assess(imported, request, advised), null, null, null, false);
            } catch (RuleAuthorException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                return new Outcome(null, item.file(), item.source(), List.of(new InputError(item.source(),
                        item.line(), null, "internal error assessing this cluster (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); " + BatchJob.PLEASE_REPORT)),
                        true);
            }
        }

        @Override
        public void close() {
            advice.close();
            migrations.close();
        }
    }

    /** What one input item came to: an assessment, or the errors that kept it from one ({@code bug}: ours). */
    private record Outcome(Assessment assessment, String file, String source, List<InputError> errors, boolean bug) {
        static Outcome invalid(String file, String source, List<InputError> errors) {
            return new Outcome(null, file, source, errors, false);
        }
    }

    /** Takes the outcomes in input order: the report, the fleet summary and the stderr findings. */
    private static final class Sink {
        private final AssessmentWriter writer;
        private final FleetSummary summary;
        private final FindingLines findings;
        long bugs;

        Sink(AssessmentWriter writer, FleetSummary summary, FindingLines findings) {
            this.writer = writer;
            this.summary = summary;
            this.findings = findings;
        }

        void accept(Outcome outcome) throws IOException {
            if (outcome.assessment() == null) {
                bugs += outcome.bug() ? 1 : 0;
                invalid(writer, summary, outcome.file(), outcome.source(), outcome.errors());
                return;
            }
            Assessment assessment = outcome.assessment();
            summary.add(assessment);
            findings.add(assessment.name(), assessment.findings());
            writer.write(assessment);
        }
    }

    private static void invalid(AssessmentWriter writer, FleetSummary summary, String file, String source,
                                List<InputError> errors) throws IOException {
        summary.addInvalid();
        writer.invalid(file, source, errors);
    }

    private AzureInput open(String file) throws InputException, IOException {
        return open(file, Main.STDIN.get());
    }

    /** {@code stdin}: what '-' reads, taken on the command's thread (Main.STDIN is per thread). */
    private static AzureInput open(String file, InputStream stdin) throws InputException, IOException {
        if (file.equals(RequestReader.STDIN_PATH)) {
            return AzureInput.open("stdin", stdin);
        }
        InputStream in = InputFiles.open(Path.of(file), file);
        return AzureInput.open(file, in);
    }

    private VirtualNetworks vnets(AssessmentWriter writer, FleetSummary summary) throws IOException {
        VirtualNetworks vnets = VirtualNetworks.none();
        for (String file : vnetFiles) {
            try (AzureInput input = open(file)) {
                while (input.hasNext()) {
                    AzureInput.Item item = input.next();
                    InputError error = item.valid() ? vnets.add(item) : item.error();
                    if (error != null) {
                        invalid(writer, summary, item.file(), item.source() + " (--vnets)", List.of(error));
                    }
                }
            } catch (InputException e) {
                invalid(writer, summary, file, file + " (--vnets)", e.errors());
            }
        }
        return vnets;
    }

    private Requirements requirements(RequestBinder binder) {
        if (requirementsFile == null) {
            return Requirements.none();
        }
        String name = requirementsFile.toString();
        try (InputStream in = name.equals(RequestReader.STDIN_PATH) ? Main.STDIN.get()
                : InputFiles.open(requirementsFile, name)) {
            return Requirements.read(name.equals(RequestReader.STDIN_PATH) ? "stdin" : name, in, binder);
        } catch (InputException e) {
            throw new CliException(ExitCode.USAGE_ERROR, e.errors().stream().map(x -> "error: --requirements "
                    + x.format()).toList());
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --requirements " + name + ": cannot read: "
                    + e.getMessage());
        }
    }

    /** Files that do not exist, and stdin named twice, are usage errors before anything is read. */
    private void checkInputs() {
        List<String> problems = new ArrayList<>();
        List<String> all = new ArrayList<>(files);
        all.addAll(vnetFiles);
        if (requirementsFile != null) {
            all.add(requirementsFile.toString());
        }
        if (all.stream().filter(RequestReader.STDIN_PATH::equals).count() > 1) {
            problems.add("error: '-' (standard input) can be read only once");
        }
        for (String name : all) {
            if (name.equals(RequestReader.STDIN_PATH)) {
                continue;
            }
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                problems.add("error: " + name + ": no such file");
            } else if (Files.isDirectory(path)) {
                problems.add("error: " + name + ": is a directory, not a file");
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.USAGE_ERROR, problems);
        }
    }
}
