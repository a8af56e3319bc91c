package cniadvisor.cli;

import cniadvisor.batch.BatchAdvisor;
import cniadvisor.batch.BatchJob;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleAuthorException;
import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.Assessor;
import cniadvisor.inventory.AzureInput;
import cniadvisor.inventory.Clusters;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.inventory.Requirements;
import cniadvisor.inventory.VirtualNetworks;
import cniadvisor.io.AssessmentFormat;
import cniadvisor.io.AssessmentWriter;
import cniadvisor.io.ExitCode;
import cniadvisor.io.FindingLines;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.InputFiles;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.ClusterState;
import cniadvisor.model.MigrationPlan;
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
                "  az aks show -g rg -n aks1 -o json | cni-advisor assess - --requirements team.yaml -o json",
                "  cni-advisor assess fleet.json -o request > requests.yaml",
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

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    AssessmentFormat format = AssessmentFormat.text;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        CompletableFuture<Advisor> loading = knowledge.loadAdvisorAsync();
        checkInputs();
        Advisor advisor = KnowledgeOptions.await(loading);
        RequestBinder binder = RequestBinder.forKnowledge(advisor.knowledge());
        Requirements requirements = requirements(binder);
        PrintWriter err = spec.commandLine().getErr();
        FleetSummary summary = new FleetSummary();
        FindingLines findings = new FindingLines(failOn.level());
        cniadvisor.engine.MigrationPlanner planner = new cniadvisor.engine.MigrationPlanner(advisor);
        java.time.LocalDate asOf = knowledge.asOf();
        Assessor assessor = new Assessor(advisor.knowledge(), binder, requirements, asOf,
                (state, request, advice) -> planner.plan(state, request, advice, asOf));
        long bugs = 0;
        try (AssessmentWriter writer = AssessmentWriter.open(format, spec.commandLine().getOut(),
                new AssessmentWriter.Context(knowledge.asOf(), binder));
             BatchAdvisor.Worker worker = new BatchAdvisor(advisor, knowledge.asOf()).newWorker()) {
            VirtualNetworks vnets = vnets(writer, summary);
            Clusters clusters = new Clusters(advisor.knowledge(), vnets, knowledge.asOf());
            for (String file : files) {
                bugs += assessFile(file, clusters, assessor, worker, writer, summary, findings);
            }
            writer.finish(summary);
        } catch (IOException | UncheckedIOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: cannot write the report: " + e.getMessage());
        }
        ExitCode exit = bugs > 0 ? ExitCode.INTERNAL_ERROR : findings.exitCode(summary.invalid() > 0
                ? ExitCode.USAGE_ERROR : summary.noFit() > 0 ? ExitCode.NO_FIT : ExitCode.OK);
        findings.print(err);
        if (format != AssessmentFormat.text && format != AssessmentFormat.table) {
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

    /** Assesses every cluster of one file; returns how many an internal error kept from being assessed. */
    private long assessFile(String file, Clusters clusters, Assessor assessor, BatchAdvisor.Worker worker,
                            AssessmentWriter writer, FleetSummary summary, FindingLines findings) throws IOException {
        long bugs = 0;
        try (AzureInput input = open(file)) {
            while (input.hasNext()) {
                AzureInput.Item item = input.next();
                if (!item.valid()) {
                    invalid(writer, summary, item.source(), List.of(item.error()));
                    continue;
                }
                Clusters.Imported imported;
                Request request;
                try {
                    imported = clusters.read(item);
                    request = assessor.request(imported);
                } catch (InputException e) {
                    invalid(writer, summary, item.source(), e.errors());
                    continue;
                }
                Assessment assessment;
                try {
                    Advice advice = worker.advise(request);
                    assessment = assessor.assess(imported, request, advice);
                } catch (RuleAuthorException e) {
                    throw e;
                } catch (RuntimeException | StackOverflowError e) {
                    bugs++;
                    invalid(writer, summary, item.source(), List.of(new InputError(item.source(), item.line(), null,
                            "internal error assessing this cluster (" + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); "
                                    + BatchJob.PLEASE_REPORT)));
                    continue;
                }
                summary.add(assessment);
                findings.add(assessment.name(), assessment.findings());
                writer.write(assessment);
            }
        } catch (InputException e) {
            invalid(writer, summary, file, e.errors());
        }
        return bugs;
    }

    private static void invalid(AssessmentWriter writer, FleetSummary summary, String source,
                                List<InputError> errors) throws IOException {
        summary.addInvalid();
        writer.invalid(source, errors);
    }

    private AzureInput open(String file) throws InputException, IOException {
        if (file.equals(RequestReader.STDIN_PATH)) {
            return AzureInput.open("stdin", Main.STDIN.get());
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
                        invalid(writer, summary, item.source() + " (--vnets)", List.of(error));
                    }
                }
            } catch (InputException e) {
                invalid(writer, summary, file + " (--vnets)", e.errors());
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
