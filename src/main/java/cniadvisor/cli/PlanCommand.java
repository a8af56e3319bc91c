package cniadvisor.cli;

import cniadvisor.render.Escape;
import cniadvisor.engine.Advisor;
import cniadvisor.render.AddressMapSvg;
import cniadvisor.render.AddressPlanFigure;
import cniadvisor.render.AddressPlanWriter;
import cniadvisor.io.ExitCode;
import cniadvisor.render.FindingLines;
import cniadvisor.render.PlanHtmlWriter;
import cniadvisor.io.Mappers;
import cniadvisor.render.Tables;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.PlanReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code plan}: only the address plan, for teams that already chose their option. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the address plan of one request: what every option needs in each range, the ranges to use "
                        + "(given, AKS defaults, or free ranges proposed around what the request names), and the "
                        + "address findings (overlaps, reserved ranges, one-way doors).",
                "",
                "Examples:",
                "  cni-advisor plan -f examples/requests/payments.yaml",
                "  cni-advisor plan -f examples/requests/payments.yaml \\",
                "      --option azure-cni-pod-subnet -o json",
                "  cni-advisor plan -f examples/requests/three-pools.yaml -o html > plan.html",
                ""})
final class PlanCommand implements Callable<Integer> {

    enum PlanFormat { text, json, yaml, markdown, table, tsv, svg, html }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "Request file (YAML or JSON); '-' reads standard input.")
    Path file;

    @Option(names = "--option", paramLabel = "OPTION",
            description = "Plan the ranges for this option: ${COMPLETION-CANDIDATES}. Default: the recommended one.",
            completionCandidates = OptionIds.class)
    String option;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); svg draws the "
                    + "ranges to scale, html is one page with that figure and the ranges as a table.")
    PlanFormat format = PlanFormat.text;

    @Mixin
    QueryOptions query;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    /** What the figure draws besides the plan (svg, html): the request's VNet and networks, facts' reserved ranges. */
    private NamedRequest request;
    private Advisor advisor;

    @Override
    public Integer call() {
        if (query.check(spec, QueryOptions.given(spec, "--output"), format == PlanFormat.json)) {
            format = PlanFormat.json;
        }
        advisor = KnowledgeOptions.await(knowledge.loadAdvisorAsync());
        request = AdviseCommand.readRequest(file, advisor);
        if (option != null && advisor.knowledge().option(option).isEmpty()) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --option: unknown option '" + option
                    + "'; one of " + advisor.knowledge().options().stream().map(o -> o.id())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        PlanReport report = advisor.plan(request, knowledge.asOf(), option);
        if (query.active()) {
            java.io.StringWriter json = new java.io.StringWriter();
            PrintWriter buffer = new PrintWriter(json);
            write(report, buffer);
            buffer.flush();
            spec.commandLine().getOut().print(query.apply(json.toString()));
            spec.commandLine().getOut().flush();
        } else {
            write(report, spec.commandLine().getOut());
        }
        PrintWriter err = spec.commandLine().getErr();
        FindingLines findings = new FindingLines(failOn.level());
        findings.add(report.name(), report.addressPlan().findings());
        ExitCode exit = findings.exitCode(report.option() == null ? ExitCode.NO_FIT : ExitCode.OK);
        findings.print(err);
        if (report.option() == null) {
            err.println("error: no option fits the requirements of " + Escape.oneLine(report.name())
                    + ", so no ranges were planned; pass --option to plan for one anyway");
        }
        findings.printFailing(exit, err);
        return exit.code();
    }

    /** One row per range of the plan: role, the range (a rejected one's proposal after it), origin, pools, why. */
    private static List<List<String>> rangeRows(PlanReport report) {
        return report.addressPlan().ranges().stream().map(r -> List.of(r.role(),
                r.cidr() + (r.isRejected() && r.proposal() != null ? " -> " + r.proposal() : ""), r.origin(),
                String.join(",", r.pools()), r.reason() == null ? "" : r.reason())).toList();
    }

    private AddressMapSvg figure(PlanReport report) {
        return AddressPlanFigure.of(report, request.request().vnetCidr(), request.request().connectedNetworks(),
                advisor.knowledge().ranges("reserved"));
    }

    private void write(PlanReport report, PrintWriter out) {
        try {
            switch (format) {
                case text -> out.print(AddressPlanWriter.text(report.addressPlan(), report.option()));
                case markdown -> out.print(AddressPlanWriter.markdown(report.addressPlan(), report.option()));
                case json -> out.println(Mappers.JSON.writeValueAsString(report));
                case yaml -> out.print(Mappers.YAML.writeValueAsString(report));
                case table -> out.print(Tables.table(List.of("ROLE", "CIDR", "ORIGIN", "POOLS", "NOTE"),
                        rangeRows(report)));
                case tsv -> out.print(Tables.tsv(rangeRows(report)));
                case svg -> out.print(figure(report).svg());
                case html -> out.print(PlanHtmlWriter.html(report, figure(report)));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
