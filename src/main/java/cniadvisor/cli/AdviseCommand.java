package cniadvisor.cli;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.FiringTrace;
import cniadvisor.render.AdviceWriter;
import cniadvisor.render.Escape;
import cniadvisor.io.ExitCode;
import cniadvisor.render.ExplainWriter;
import cniadvisor.render.FindingLines;
import cniadvisor.render.OutputFormat;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** {@code advise}: one request in, one cited recommendation out. */
@Command(name = "advise",
        mixinStandardHelpOptions = true,
        description = {
                "Recommends a network plugin for one request file (YAML or JSON) and says why each other option lost.",
                "Without -f on a terminal, asks for the requirements instead (see 'cni-advisor ask').",
                "",
                "Examples:",
                "  cni-advisor advise -f examples/requests/payments.yaml",
                "  cni-advisor advise -f examples/requests/payments.yaml --details",
                "  cni-advisor advise -f examples/requests/payments.yaml -o json",
                "  cat request.json | cni-advisor advise -f - -o yaml",
                "  cni-advisor advise -f old-cluster.yaml --as-of 2028-04-01",
                "  cni-advisor advise -f examples/requests/windows-2019.yaml --explain",
                ""})
final class AdviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Request file (YAML or JSON); '-' reads standard input. "
                    + "Without it, on a terminal: the questions of 'ask'.")
    Path file;

    @Option(names = "--explain",
            description = "Also show, per option, the rules that fired in firing order and the facts each matched.")
    boolean explain;

    @Option(names = {"-v", "--details"},
            description = "Text report: also every option's reasons, the sizing arithmetic, the notes and the "
                    + "sources with their dates (-o json, yaml and markdown always carry everything).")
    boolean details;

    @Option(names = "--no-color",
            description = "No colours in the text report (they are off anyway when standard output is not a "
                    + "terminal, or NO_COLOR is set).")
    boolean noColor;

    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        output.prepare(spec);
        if (output.format == OutputFormat.text) {
            Terminals.prefetchColumns(); // stty runs while the rules load
        }
        if (explain && !ExplainWriter.supports(output.format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--explain works with -o "
                    + ExplainWriter.FORMATS.stream().map(Enum::name).collect(Collectors.joining(", ")) + ", not "
                    + output.format);
        }
        if (file == null) {
            if (!Terminals.isTerminal(Main.STDIN.get())) {
                throw new CliException(ExitCode.USAGE_ERROR, List.of(
                        "error: no request file: give one with -f FILE, or -f - to read it from standard input",
                        "  (standard input is not a terminal, so the questions of 'cni-advisor ask' are not asked;",
                        "  answers piped in, one per line, work with: cni-advisor ask < answers.txt)"));
            }
            if (explain) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--explain needs a request file (-f)");
            }
            return AskCommand.interview(spec, output, failOn, knowledge, null, noColor);
        }
        Advisor advisor = KnowledgeOptions.await(knowledge.loadAdvisorAsync());
        output.source = file.toString().equals("-") ? "stdin" : file.toString();
        NamedRequest request = readRequest(file, advisor);
        FiringTrace trace = explain ? new FiringTrace(advisor.rules(), request.name()) : null;
        return report(advisor.advise(request, knowledge.asOf(), trace), trace, output, failOn, spec);
    }

    /**
     * Writes the advice and returns the exit code: 4 when nothing fits, else 6 when a finding is at or above
     * --fail-on, else 0. Error and warning findings go to stderr too, whatever the format. Terraform and Bicep need a
     * recommendation to render.
     */
    static int report(Advice advice, OutputOptions output, FailOnOptions failOn, CommandSpec spec) {
        return report(advice, null, output, failOn, spec);
    }

    /** As {@link #report(Advice, OutputOptions, FailOnOptions, CommandSpec)}; a {@code trace} adds --explain. */
    static int report(Advice advice, FiringTrace trace, OutputOptions output, FailOnOptions failOn,
                      CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        FindingLines findings = new FindingLines(failOn.level());
        findings.add(advice.name(), advice.findings());
        if (!advice.hasRecommendation() && AdviceWriter.needsRecommendation(output.format)) {
            findings.print(err);
            List<String> lines = new ArrayList<>();
            lines.add("error: no option satisfies the requirements of " + advice.name() + ", so there is no "
                    + output.format + " to write. What rules each option out:");
            advice.conflicts().forEach(c -> lines.add("  " + c));
            throw new CliException(ExitCode.NO_FIT, lines);
        }
        AdviceWriter.TextReport text = output.format == OutputFormat.text ? textReport(spec)
                : AdviceWriter.TextReport.PLAIN;
        output.write(spec.commandLine().getOut(), out -> {
            PrintWriter writer = out instanceof PrintWriter p ? p : new PrintWriter(out);
            if (trace != null) {
                ExplainWriter.write(advice, trace.firings(), output.format, writer, text);
            } else {
                AdviceWriter.write(advice, output.format, writer,
                        output.source == null ? advice.name() : output.source, text);
            }
            writer.flush();
        });
        spec.commandLine().getOut().flush();
        ExitCode exit = findings.exitCode(advice.hasRecommendation() ? ExitCode.OK : ExitCode.NO_FIT);
        findings.print(err);
        if (!advice.hasRecommendation()) {
            // the report says it on stdout, but stdout may be a file or a pipe: exit 4 never comes silently
            err.println("error: no option fits the requirements of " + Escape.oneLine(advice.name()) + " ("
                    + String.join("; ", advice.conflicts()) + ")");
        }
        findings.printFailing(exit, err);
        return exit.code();
    }

    /**
     * The text report's layout for standard output ({@link Terminals#textLayout}) and its form, from the command's
     * --details and --no-color: advise has both; ask has --no-color, and its report points to advise for the details.
     */
    static AdviceWriter.TextReport textReport(CommandSpec spec) {
        boolean hasDetails = spec.findOption("--details") != null;
        return new AdviceWriter.TextReport(Terminals.textLayout(flag(spec, "--no-color")), flag(spec, "--details"),
                hasDetails ? "--details" : "advise --details");
    }

    private static boolean flag(CommandSpec spec, String name) {
        CommandLine.Model.OptionSpec option = spec.findOption(name);
        return option != null && Boolean.TRUE.equals(option.getValue());
    }

    /** Reads a request file by the contract of the advisor's facts. */
    static NamedRequest readRequest(Path file, Advisor advisor) {
        try {
            return RequestReader.read(file, Main.STDIN.get(), RequestBinder.forKnowledge(advisor.knowledge()));
        } catch (InputException e) {
            throw new CliException(ExitCode.USAGE_ERROR, e.errors().stream().map(x -> "error: " + x.format()).toList());
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: " + file + ": cannot read: " + e.getMessage());
        }
    }
}
