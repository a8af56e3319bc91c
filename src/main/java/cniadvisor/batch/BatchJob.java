package cniadvisor.batch;

import cniadvisor.deploy.Deployments;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleAuthorException;
import cniadvisor.engine.RuleMeta;
import cniadvisor.io.AtomicFileWriter;
import cniadvisor.ipplan.FleetAllocator;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.AllocatedRange;
import cniadvisor.render.IacDirectory;
import cniadvisor.render.BatchReportFormat;
import cniadvisor.render.BatchWriter;
import cniadvisor.io.ExitCode;
import cniadvisor.render.FindingLines;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.model.Advice;
import cniadvisor.model.BatchCheck;
import cniadvisor.model.Location;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Source;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One batch run from a {@link BatchConfig}: reads every input, evaluates each request on its own (on several
 * threads), checks it against the requests before it, writes the report in input order, then lists the errors and
 * warnings, the summary and why the run fails on stderr. A request that cannot be read, or that a bug keeps from
 * being evaluated, becomes an error entry; the rest is still evaluated.
 *
 * <p>Exit codes: 1 when a bug hit some request (once the report is written); else 2 when some input is invalid; else
 * 4 when some request has no fitting option; else 6 when some finding (cross-request checks included) is at or
 * above the fail-on level; else 0. The JUnit and SARIF reports agree with it.
 */
public final class BatchJob {

    /** The end of the message of a request that an unexpected exception kept from being evaluated. */
    public static final String PLEASE_REPORT = "this is a bug in cni-advisor: please report it with this request";

    /**
     * Test seam: wraps the function that evaluates one bound request on a worker, so that tests can make a request's
     * evaluation fail the way a bug would. The identity in production.
     */
    static volatile UnaryOperator<Function<NamedRequest, Advice>> evaluationForTests = UnaryOperator.identity();

    /** What a worker made of one record; {@code bug} when an unexpected exception kept it from being evaluated. */
    private record Outcome(BatchResult result, boolean bug) {
    }

    private BatchJob() {
    }

    /**
     * Runs the batch. The inputs, the address pool and the report format are checked before {@code advisor} is
     * asked for the advisor, so a caller may still be loading it meanwhile.
     *
     * @param stdin what the input {@code -} reads
     * @param out   where the report goes when the config names no output file
     * @param err   where the errors and warnings, the summary and the verdict go
     * @return the summary of the whole batch, with the run's exit code
     * @throws BatchException a bad input file or address pool, an output file that cannot be written, or an
     *                        interruption: nothing, or no complete report, was written
     */
    public static BatchSummary run(BatchConfig config, Supplier<Advisor> advisor, InputStream stdin,
                                   PrintWriter out, PrintWriter err) {
        List<BatchInputs.Input> inputs = BatchInputs.resolve(config.files(), config.inputFormat());
        List<String> pool = pool(config.addressSpace().pools());
        BatchReportFormat reportFormat = reportFormat(config);
        IacDirectory iac = iacDirectory(config.iacDir());
        Advisor loaded = advisor.get();

        BatchAdvisor batch = new BatchAdvisor(loaded, config.asOf());
        FleetAllocator fleet = null;
        if (!pool.isEmpty()) {
            inputs = rereadable(inputs, stdin);
            fleet = new FleetAllocator(new AddressSpace(pool, config.addressSpace().reserved()), loaded.planner(),
                    config.headroom());
        }
        FleetAllocator allocator = fleet;
        // the first pass reads while the workers evaluate; the sink waits for it before its first allocation
        CompletableFuture<Void> givenReserved = fleet == null ? CompletableFuture.completedFuture(null)
                : reserveGivenAsync(inputs, loaded, fleet);
        long[] allocatedRequests = {0};
        CrossRequestChecks checks = new CrossRequestChecks(loaded.knowledge(), pool, fleet);
        BatchSummary summary = new BatchSummary();
        FindingLines findings = new FindingLines(config.failOn());
        BatchWriter.Context context = new BatchWriter.Context(inputs.stream().map(BatchInputs.Input::name).toList(),
                config.asOf(), ruleInfos(loaded), config.failOn(), config.sarifRecommendations(),
                config.addressSpace().reserved());
        ExitCode exit;
        long[] bugs = {0}; // requests an unexpected exception kept from being evaluated (counted on this thread)
        try (AtomicFileWriter file = config.outputFile() == null ? null : openOutput(config.outputFile());
             BatchInputs records = new BatchInputs(inputs, stdin, RequestBinder.forKnowledge(loaded.knowledge()));
             BatchWriter writer = BatchWriter.open(reportFormat, file == null ? out : file.writer(), context);
             BatchProgress progress = BatchProgress.start(config.progress(), records.totalBytes(),
                     records::bytesRead)) {
            BatchRunner.run(records, config.threads(), () -> new Evaluate(batch), outcome -> {
                BatchResult result = outcome.result();
                boolean bug = outcome.bug();
                BatchResult checked = result;
                if (result.valid()) {
                    try {
                        if (allocator != null) {
                            awaitFirstPass(givenReserved);
                        }
                        BatchResult allocated = allocator == null ? result : allocate(allocator, result);
                        allocatedRequests[0] += allocated.allocation().stream().anyMatch(r -> r.allocated()
                                && !r.shared()) ? 1 : 0;
                        checked = allocated.withFindings(checks.check(() -> new Location(result.file(),
                                result.line(), result.label()), allocated.request(), allocated.allocation()));
                    } catch (RuntimeException e) {
                        checked = internalError(result.ordinal(), result.file(), result.line(), result.name(),
                                "checking it against the other requests", e);
                        bug = true;
                    }
                }
                // a request the pool could not hold gets no files: they would deploy ranges it was not given
                if (iac != null && checked.valid() && checked.advice().hasRecommendation()
                        && checked.allocation().stream().allMatch(AllocatedRange::allocated)) {
                    try {
                        iac.write(checked.ordinal(), checked.location(), checked.advice());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write to --iac-dir " + config.iacDir() + ": "
                                + e.getMessage(), e);
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
            if (allocator != null) {
                summary.pool(new BatchSummary.Pool(pool, allocator.poolSize(), allocator.givenAddresses(),
                        allocator.reservedAddresses(), allocator.allocatedAddresses(), allocatedRequests[0],
                        allocator.freeAddresses(), allocator.largestFreeBlocks(LARGEST_FREE_LISTED),
                        checks.exhaustedRequests(), checks.outsideCount(), checks.outside(),
                        allocator.sharedRanges()));
            }
            // a bug outranks every verdict: the report is complete, but what it says about those requests is not
            exit = bugs[0] > 0 ? ExitCode.INTERNAL_ERROR : findings.exitCode(summary.invalid() > 0
                    ? ExitCode.USAGE_ERROR : summary.noFit() > 0 ? ExitCode.NO_FIT : ExitCode.OK);
            writer.finish(summary, exit.code());
            if (file != null) {
                file.commit();
            }
        } catch (UncheckedIOException e) {
            throw new BatchException(ExitCode.USAGE_ERROR, "error: " + e.getMessage());
        } catch (IOException e) {
            throw new BatchException(ExitCode.USAGE_ERROR, "error: cannot write the report: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchException(ExitCode.INTERNAL_ERROR, "error: interrupted");
        }
        summary.exitCode(exit);

        // stderr: the errors and warnings, then the summary (the table on stdout ends with it already), then why
        // the run fails when findings make it fail
        findings.print(err);
        if (!(reportFormat == BatchReportFormat.table && config.outputFile() == null)) {
            summary.lines().forEach(err::println);
        }
        findings.printFailing(exit, err);
        if (bugs[0] > 0) {
            err.printf(Locale.ROOT, "error: %,d %s could not be evaluated because of an internal error (see the "
                    + "report); this is a bug in cni-advisor: please report it with the input%n", bugs[0],
                    bugs[0] == 1 ? "request" : "requests");
        }
        err.flush();
        return summary;
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
        return new BatchResult(ordinal, file, line, name, null, null, List.of(error), List.of());
    }

    /** How many free blocks the pool summary lists. */
    private static final int LARGEST_FREE_LISTED = 5;

    /**
     * Gives a recommended request the ranges it needs from the pool, in input order, and makes its deployment again
     * from them.
     */
    private static BatchResult allocate(FleetAllocator fleet, BatchResult result) {
        Advice advice = result.advice();
        if (!advice.hasRecommendation()) {
            return result;
        }
        FleetAllocator.Allocation allocation = fleet.allocate(result.request(), advice.addressPlan(),
                advice.recommendation().option());
        // the deployment follows the ranges that changed (the same as making it again from the plan: tested)
        Advice replanned = !allocation.changed() ? advice : new Advice(advice.name(), advice.asOf(),
                Deployments.withRanges(advice.recommendation(), allocation.replaced()), advice.options(),
                advice.warnings(), advice.conflicts(), allocation.plan());
        return result.withAllocation(replanned, allocation.ranges());
    }

    /**
     * Before any allocation, every range the batch gives is taken from the pool: a pass over the inputs that only
     * reads and binds (a request that cannot be read is reported by the main pass), on a thread of its own.
     */
    private static CompletableFuture<Void> reserveGivenAsync(List<BatchInputs.Input> inputs, Advisor advisor,
                                                             FleetAllocator fleet) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                reserveGiven(inputs, advisor, fleet);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "cni-advisor-batch-given-ranges");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for the first pass; what it hit is an internal error of the request being allocated. */
    private static void awaitFirstPass(CompletableFuture<Void> givenReserved) {
        try {
            givenReserved.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("the first pass over the inputs failed: " + e.getCause(), e.getCause());
        }
    }

    private static void reserveGiven(List<BatchInputs.Input> inputs, Advisor advisor, FleetAllocator fleet) {
        RequestBinder binder = RequestBinder.forKnowledge(advisor.knowledge());
        try (BatchInputs records = new BatchInputs(inputs, InputStream.nullInputStream(), binder)) {
            while (records.hasNext()) {
                BatchRecord record = records.next().record();
                try {
                    fleet.reserveGiven(record.bind(binder).request());
                } catch (InputException | RuntimeException e) {
                    // the main pass reports it, with its line
                }
            }
        }
    }

    /** Standard input copied to a temporary file, so that the inputs can be read twice. */
    private static List<BatchInputs.Input> rereadable(List<BatchInputs.Input> inputs, InputStream stdin) {
        List<BatchInputs.Input> rereadable = new ArrayList<>();
        for (BatchInputs.Input input : inputs) {
            if (!input.stdin()) {
                rereadable.add(input);
                continue;
            }
            try {
                Path copy = Files.createTempFile("cni-advisor-stdin", ".spool");
                copy.toFile().deleteOnExit();
                try (InputStream in = stdin) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                rereadable.add(new BatchInputs.Input(input.name(), copy, input.format()));
            } catch (IOException e) {
                throw new BatchException(ExitCode.USAGE_ERROR, "error: cannot keep standard input for the address "
                        + "pool's first pass: " + e.getMessage());
            }
        }
        return rereadable;
    }

    private static IacDirectory iacDirectory(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            return new IacDirectory(dir);
        } catch (IOException e) {
            throw new BatchException(ExitCode.USAGE_ERROR, "error: --iac-dir " + dir + ": cannot write there ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Binds and evaluates on a worker thread; the cross-request checks run later, in order, on the sink. Whatever
     * one request's evaluation throws stays with that request (an error entry), except a rule author's mistake,
     * which stops the run (exit 3): it would fail every request alike.
     */
    private static final class Evaluate implements Function<BatchInputs.Numbered, Outcome>, AutoCloseable {
        private final BatchAdvisor.Worker advisor;
        private final RequestBinder binder;
        private final Function<NamedRequest, Advice> advise;

        Evaluate(BatchAdvisor batch) {
            this.advisor = batch.newWorker();
            this.binder = RequestBinder.forKnowledge(batch.knowledge());
            this.advise = evaluationForTests.apply(advisor::advise);
        }

        @Override
        public Outcome apply(BatchInputs.Numbered input) {
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
                return new Outcome(BatchResult.evaluated(input.ordinal(), record, request, advice), false);
            } catch (RuleAuthorException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                return bug(input, "evaluating this request", e);
            }
        }

        private static Outcome bug(BatchInputs.Numbered input, String doing, Throwable e) {
            BatchRecord record = input.record();
            return new Outcome(internalError(input.ordinal(), record.file(), record.line(), record.displayName(),
                    doing, e), true);
        }

        @Override
        public void close() {
            advisor.close();
        }
    }

    /** The address pool's CIDRs in canonical form; every one that is not an IPv4 CIDR is reported. */
    private static List<String> pool(List<String> given) {
        List<String> cidrs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String text : given) {
            try {
                cidrs.add(RequestBinder.checkCidr(text));
            } catch (IllegalArgumentException e) {
                problems.add("error: --address-pool: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BatchException(ExitCode.USAGE_ERROR, problems);
        }
        return cidrs;
    }

    /**
     * The format given; else by the output file's extension (one that names no format is an error, so a report never
     * lands in a file of another kind); else JSON Lines, on a terminal as in a pipe, so that what a person sees is
     * what a script reads.
     */
    static BatchReportFormat reportFormat(BatchConfig config) {
        if (config.reportFormat() != null) {
            return config.reportFormat();
        }
        if (config.outputFile() != null) {
            String name = config.outputFile().getFileName().toString().toLowerCase(Locale.ROOT);
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
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return BatchReportFormat.html;
            }
            if (name.endsWith(".xml")) {
                return BatchReportFormat.junit;
            }
            if (name.endsWith(".txt")) {
                return BatchReportFormat.table;
            }
        }
        if (config.outputFile() != null) {
            throw new BatchException(ExitCode.USAGE_ERROR, "error: --output-file " + config.outputFile()
                    + ": the extension names no report format (.csv, .json, .jsonl, .md, .html, .xml, .sarif, .txt); "
                    + "give -o");
        }
        return BatchReportFormat.jsonl;
    }

    private static AtomicFileWriter openOutput(Path outputFile) {
        if (Files.isDirectory(outputFile)) {
            throw new BatchException(ExitCode.USAGE_ERROR, "error: --output-file " + outputFile + ": is a directory");
        }
        try {
            return AtomicFileWriter.open(outputFile);
        } catch (IOException e) {
            throw new BatchException(ExitCode.USAGE_ERROR, "error: --output-file " + outputFile
                    + ": cannot write there (" + e.getMessage() + ")");
        }
    }

    /**
     * Every rule of the rule base and every cross-request check (from facts/), each with what it decides and the
     * sources it cites, for reports that list them (SARIF).
     */
    private static List<BatchWriter.RuleInfo> ruleInfos(Advisor advisor) {
        List<BatchWriter.RuleInfo> infos = new ArrayList<>();
        Map<String, Source> sources = advisor.knowledge().sources();
        for (RuleMeta rule : advisor.rules().rules()) {
            infos.add(BatchWriter.RuleInfo.of(rule.id(), rule.name(), rule.decides(), rule.sources(), sources, null));
        }
        for (BatchCheck check : advisor.knowledge().batchChecks()) {
            infos.add(BatchWriter.RuleInfo.of(check.id(), check.name(), check.decides(), check.sources(), sources,
                    check.level()));
        }
        return infos;
    }
}
