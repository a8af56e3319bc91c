package cniadvisor.cli;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.BatchAdvisor;
import cniadvisor.engine.BatchRunner;
import cniadvisor.engine.CrossRequestChecks;
import cniadvisor.engine.RuleAuthorException;
import cniadvisor.engine.RuleMeta;
import cniadvisor.io.AtomicFileWriter;
import cniadvisor.io.BatchInputFormat;
import cniadvisor.io.BatchRecord;
import cniadvisor.io.ExitCode;
import cniadvisor.io.FindingLines;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.BatchReportFormat;
import cniadvisor.io.BatchResult;
import cniadvisor.io.BatchSummary;
import cniadvisor.io.BatchWriter;
import cniadvisor.io.InputError;
import cniadvisor.io.InputFiles;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.io.RequestStream;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Source;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

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

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES}. Default: from the --output-file extension "
                    + "(.csv, .json, .jsonl, .md, .xml for junit, .sarif, .txt for table); else table on a terminal, "
                    + "jsonl otherwise.")
    BatchReportFormat format;

    @Option(names = "--output-file", paramLabel = "FILE",
            description = "Write the report here instead of standard output, atomically: the file appears complete "
                    + "or not at all. A device or FIFO (/dev/null, /dev/stdout) is written directly.")
    Path outputFile;

    /**
     * Each thread keeps a rule session and up to 4,096 pieces of advice it may reuse: at 64 threads a varied batch
     * of 100,000 requests still runs in the launcher's 256 MiB heap; at 128 it thrashes. More threads than cores
     * gain nothing anyway.
     */
    static final int MAX_THREADS = 64;

    @Option(names = "--threads", paramLabel = "N",
            description = "Requests evaluated in parallel, 1 to " + MAX_THREADS + " (default: the number of cores, "
                    + "${DEFAULT-VALUE} here).")
    int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());

    @Option(names = "--address-pool", paramLabel = "CIDR", arity = "1..*", split = ",",
            description = "The organisation's address space: the report counts the routable addresses the "
                    + "recommendations take from it and what is left.")
    List<String> addressPool = new ArrayList<>();

    @Option(names = "--no-progress", description = "No progress bar (it only shows on a terminal, never in CI).")
    boolean noProgress;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    /**
     * A record and its position in the whole batch; {@code readBug} when reading it failed by a bug of ours rather
     * than by the input (the record then carries the error).
     */
    private record Numbered(int ordinal, BatchRecord record, boolean readBug) {
    }

    /** What a worker made of one record; {@code bug} when an unexpected exception kept it from being evaluated. */
    private record Outcome(BatchResult result, boolean bug) {
    }

    /**
     * Test seam: wraps the function that evaluates one bound request on a worker, so that tests can make a request's
     * evaluation fail the way a bug would. The identity in production.
     */
    static volatile UnaryOperator<Function<NamedRequest, Advice>> evaluationForTests = UnaryOperator.identity();

    /** The end of the message of a request that an unexpected exception kept from being evaluated. */
    static final String PLEASE_REPORT = "this is a bug in cni-advisor: please report it with this request";

    /** One input as the user named it, with the format it is read in. */
    private record Input(String name, Path path, BatchInputFormat format) {
        boolean stdin() {
            return path == null;
        }
    }

    @Override
    public Integer call() {
        // numbers first, before anything is loaded or read
        if (threads < 1 || threads > MAX_THREADS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be from 1 to "
                    + MAX_THREADS + ", got " + threads);
        }
        CompletableFuture<Advisor> loading = knowledge.loadAdvisorAsync();
        List<Input> inputs = inputs();
        List<String> pool = pool();
        BatchReportFormat reportFormat = reportFormat();
        Advisor advisor = KnowledgeOptions.await(loading);

        BatchAdvisor batch = new BatchAdvisor(advisor, knowledge.asOf());
        CrossRequestChecks checks = new CrossRequestChecks(advisor.knowledge(), pool);
        BatchSummary summary = new BatchSummary();
        FindingLines findings = new FindingLines(failOn.level());
        BatchWriter.Context context = new BatchWriter.Context(inputs.stream().map(Input::name).toList(),
                knowledge.asOf(), ruleInfos(advisor), failOn.level());
        ExitCode exit;
        long[] bugs = {0}; // requests an unexpected exception kept from being evaluated (counted on this thread)
        try (AtomicFileWriter file = outputFile == null ? null : openOutput();
             Records records = new Records(inputs, Main.STDIN.get(), RequestBinder.forKnowledge(advisor.knowledge()));
             BatchWriter writer = BatchWriter.open(reportFormat, file == null ? spec.commandLine().getOut()
                     : file.writer(), context);
             BatchProgress progress = BatchProgress.start(!noProgress, records.totalBytes(), records::bytesRead)) {
            BatchRunner.run(records, threads, () -> new Evaluate(batch, checks), outcome -> {
                BatchResult result = outcome.result();
                boolean bug = outcome.bug();
                BatchResult checked = result;
                if (result.valid()) {
                    try {
                        checked = result.withFindings(checks.check(result::label, result.request(),
                                result.routableDemand()));
                    } catch (RuntimeException e) {
                        checked = internalError(result.ordinal(), result.file(), result.line(), result.name(),
                                "checking it against the other requests", e);
                        bug = true;
                    }
                }
                if (bug) {
                    bugs[0]++;
                }
                summary.add(checked);
                if (checked.valid()) {
                    findings.add(checked.label(), checked.advice().findings());
                }
                try {
                    writer.write(checked);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
                }
                progress.update(summary.requests());
            });
            if (checks.hasPool()) {
                summary.pool(new BatchSummary.Pool(checks.pool(), checks.poolSize(), checks.demanded(),
                        checks.demandingRequests()));
            }
            // a bug outranks every verdict: the report is complete, but what it says about those requests is not
            exit = bugs[0] > 0 ? ExitCode.INTERNAL_ERROR : findings.exitCode(summary.invalid() > 0
                    ? ExitCode.USAGE_ERROR : summary.noFit() > 0 ? ExitCode.NO_FIT : ExitCode.OK);
            writer.finish(summary, exit.code());
            if (file != null) {
                file.commit();
            }
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: cannot write the report: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL_ERROR, "error: interrupted");
        }

        // stderr: the errors and warnings, then the summary (the table on stdout ends with it already), then why
        // the run fails when findings make it fail
        PrintWriter err = spec.commandLine().getErr();
        findings.print(err);
        if (!(reportFormat == BatchReportFormat.table && outputFile == null)) {
            summary.lines().forEach(err::println);
        }
        findings.printFailing(exit, err);
        if (bugs[0] > 0) {
            err.printf(Locale.ROOT, "error: %,d %s could not be evaluated because of an internal error (see the "
                    + "report); this is a bug in cni-advisor: please report it with the input%n", bugs[0],
                    bugs[0] == 1 ? "request" : "requests");
        }
        return exit.code();
    }

    /**
     * The entry of a request that an unexpected exception kept from being evaluated: an error with its file and line,
     * the exception's class and message, and no stack trace.
     */
    static BatchResult internalError(int ordinal, String file, int line, String name, String doing,
                                     Throwable e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        InputError error = new InputError(file, line, null, "internal error " + doing + " (" + what.strip()
                + "); " + PLEASE_REPORT);
        return new BatchResult(ordinal, file, line, name, null, null, List.of(error), 0);
    }

    /**
     * Binds and evaluates on a worker thread; the cross-request checks run later, in order, on the sink. Whatever
     * one request's evaluation throws stays with that request (an error entry), except a rule author's mistake,
     * which stops the run (exit 3): it would fail every request alike.
     */
    private static final class Evaluate implements Function<Numbered, Outcome>, AutoCloseable {
        private final BatchAdvisor.Worker advisor;
        private final CrossRequestChecks checks;
        private final RequestBinder binder;
        private final Function<NamedRequest, Advice> advise;

        Evaluate(BatchAdvisor batch, CrossRequestChecks checks) {
            this.advisor = batch.newWorker();
            this.binder = RequestBinder.forKnowledge(batch.knowledge());
            this.checks = checks;
            this.advise = evaluationForTests.apply(advisor::advise);
        }

        @Override
        public Outcome apply(Numbered input) {
            BatchRecord record = input.record();
            if (input.readBug()) {
                return new Outcome(BatchResult.invalid(input.ordinal(), record, record.readErrors()), true);
            }
            NamedRequest request;
            try {
                request = record.bind(binder);
            } catch (InputException e) {
                return new Outcome(BatchResult.invalid(input.ordinal(), record, e.errors()), false);
            } catch (RuntimeException | StackOverflowError e) {
                return bug(input, "reading this request", e);
            }
            try {
                Advice advice = advise.apply(request);
                long demand = checks.hasPool() ? checks.routableDemand(request.request(), advice) : 0;
                return new Outcome(BatchResult.evaluated(input.ordinal(), record, request, advice, demand), false);
            } catch (RuleAuthorException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                return bug(input, "evaluating this request", e);
            }
        }

        private static Outcome bug(Numbered input, String doing, Throwable e) {
            BatchRecord record = input.record();
            return new Outcome(internalError(input.ordinal(), record.file(), record.line(), record.displayName(),
                    doing, e), true);
        }

        @Override
        public void close() {
            advisor.close();
        }
    }

    private List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long stdinCount = files.stream().filter(RequestReader.STDIN_PATH::equals).count();
        if (stdinCount > 1) {
            problems.add("error: '-' (standard input) can be read only once");
        }
        for (String name : files) {
            if (name.equals(RequestReader.STDIN_PATH)) {
                if (inputFormat == null) {
                    problems.add("error: stdin: say how standard input is written with --input-format ("
                            + formats() + ")");
                }
                inputs.add(new Input("stdin", null, inputFormat));
                continue;
            }
            Path path = Path.of(name);
            BatchInputFormat format = inputFormat != null ? inputFormat
                    : BatchInputFormat.ofFileName(name).orElse(null);
            if (!Files.exists(path)) {
                problems.add("error: " + name + ": no such file");
            } else if (Files.isDirectory(path)) {
                problems.add("error: " + name + ": is a directory, not a request file");
            } else if (!Files.isReadable(path)) {
                problems.add("error: " + name + ": permission denied");
            } else if (format == null) {
                problems.add("error: " + name + ": unknown extension; use .csv, .jsonl, .ndjson, .json, .yaml or "
                        + ".yml, or say the format with --input-format (" + formats() + ")");
            }
            inputs.add(new Input(name, path, format));
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.USAGE_ERROR, problems);
        }
        return inputs;
    }

    private static String formats() {
        return String.join(", ", Arrays.stream(BatchInputFormat.values()).map(Enum::name).toList());
    }

    private List<String> pool() {
        List<String> cidrs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String text : addressPool) {
            try {
                cidrs.add(RequestBinder.checkCidr(text));
            } catch (IllegalArgumentException e) {
                problems.add("error: --address-pool: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.USAGE_ERROR, problems);
        }
        return cidrs;
    }

    /** -o if given; else by the output file's extension; else table on a terminal and JSON Lines in a pipe. */
    private BatchReportFormat reportFormat() {
        if (format != null) {
            return format;
        }
        if (outputFile != null) {
            String name = outputFile.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return BatchReportFormat.csv;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return BatchReportFormat.jsonl;
            }
            if (name.endsWith(".sarif") || name.endsWith(".sarif.json")) {
                return BatchReportFormat.sarif;
            }
            if (name.endsWith(".json")) {
                return BatchReportFormat.json;
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return BatchReportFormat.markdown;
            }
            if (name.endsWith(".xml")) {
                return BatchReportFormat.junit;
            }
            if (name.endsWith(".txt")) {
                return BatchReportFormat.table;
            }
        }
        return System.console() != null ? BatchReportFormat.table : BatchReportFormat.jsonl;
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

    /** Every rule of the rule base and every cross-request check, for reports that list them. */
    private static List<BatchWriter.RuleInfo> ruleInfos(Advisor advisor) {
        List<BatchWriter.RuleInfo> infos = new ArrayList<>();
        List<RuleMeta> rules = new ArrayList<>(advisor.rules().rules());
        rules.addAll(CrossRequestChecks.RULES);
        for (RuleMeta rule : rules) {
            String helpUri = rule.sources().stream().map(id -> advisor.knowledge().sources().get(id))
                    .filter(Objects::nonNull).map(Source::url).findFirst().orElse(null);
            infos.add(new BatchWriter.RuleInfo(rule.id(), rule.name(), rule.decides(), helpUri));
        }
        return infos;
    }

    /** The records of every input, one input after the other, each opened when reached (on the reader thread). */
    private static final class Records implements Iterator<Numbered>, Closeable {
        private final Iterator<Input> inputs;
        private final InputStream stdin;
        private final long totalBytes;
        private volatile RequestStream current;
        private volatile long bytesOfFinished;
        private int ordinal;
        private Numbered pending;
        private String currentName;
        private int countInCurrent;

        private final RequestBinder binder;

        Records(List<Input> inputs, InputStream stdin, RequestBinder binder) {
            this.binder = binder;
            this.inputs = inputs.iterator();
            this.stdin = stdin;
            this.totalBytes = inputs.stream().anyMatch(Input::stdin) ? -1
                    : inputs.stream().mapToLong(input -> size(input.path())).sum();
        }

        long totalBytes() {
            return totalBytes;
        }

        long bytesRead() {
            RequestStream stream = current;
            return bytesOfFinished + (stream == null ? 0 : stream.bytesRead());
        }

        @Override
        public boolean hasNext() {
            while (pending == null) {
                if (current == null) {
                    if (!inputs.hasNext()) {
                        return false;
                    }
                    Input input = inputs.next();
                    currentName = input.name();
                    countInCurrent = 0;
                    try {
                        current = open(input);
                    } catch (InputException e) {
                        pending = failure(e.errors().get(0).message(), false);
                        continue;
                    } catch (IOException e) {
                        pending = failure("cannot read: " + e.getMessage(), false);
                        continue;
                    }
                }
                try {
                    if (current.hasNext()) {
                        countInCurrent++;
                        pending = new Numbered(++ordinal, current.next(), false);
                        continue;
                    }
                } catch (UncheckedIOException e) {
                    // the input itself failed (a disk error, a pipe that broke): what was read stays evaluated
                    pending = failure(e.getMessage() + RequestStream.REST_NOT_READ, false);
                } catch (RuntimeException | StackOverflowError e) {
                    pending = failure("internal error reading this input (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"
                            + RequestStream.REST_NOT_READ + "; this is a bug in cni-advisor: please report it with "
                            + "this input", true);
                }
                bytesOfFinished += current.bytesRead();
                closeCurrent();
            }
            return true;
        }

        /** An entry for an input that failed as a whole, after the records read from it. */
        private Numbered failure(String message, boolean bug) {
            String text = message.startsWith(currentName + ": ") ? message.substring(currentName.length() + 2)
                    : message;
            countInCurrent++;
            BatchRecord record = BatchRecord.failed(currentName, countInCurrent, text);
            return new Numbered(++ordinal, record, bug);
        }

        @Override
        public Numbered next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Numbered next = pending;
            pending = null;
            return next;
        }

        /** Opens an input; a named pipe that nothing writes to is given up after a while (see InputFiles). */
        private RequestStream open(Input input) throws InputException, IOException {
            InputStream in = input.stdin() ? stdin : InputFiles.open(input.path(), input.name());
            return RequestStream.open(input.name(), in, input.format(), binder);
        }

        private void closeCurrent() {
            if (current == null) {
                return;
            }
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                // fully read (or given up) already: a failing close loses nothing
            }
            current = null;
        }

        @Override
        public void close() {
            closeCurrent();
        }

        private static long size(Path path) {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
