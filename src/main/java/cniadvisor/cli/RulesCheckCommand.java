package cniadvisor.cli;

import cniadvisor.authoring.RulesCheck;
import cniadvisor.authoring.DisplayPath;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.io.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rules check}: every problem with the rules and facts, as file:line[:column], in one run. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
                "Compiles the rules and loads the facts, and reports every problem as file:line[:column]: DRL errors "
                        + "(syntax, unknown fields, Java in consequences), then rule metadata (a missing @id or "
                        + "@source, an id used twice, a source id not in facts/sources.yaml, a @weight that is not "
                        + "a whole number), then facts (unknown keys, bad values, unknown ids). A rule without "
                        + "@decides is a warning. Ends with a tally: 'N rules, N fact files: ok' or 'N problems'.",
                "",
                "Examples:",
                "  cni-advisor rules check",
                "  cni-advisor rules check --rules bundled --rules team-rules",
                "  cni-advisor rules check --facts my-facts",
                "  cni-advisor rules check -o github    # annotations in a GitHub Actions run",
                ""})
final class RulesCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeOptions knowledge;

    enum CheckFormat { text, github, azure_devops {
            @Override
            public String toString() {
                return "azure-devops";
            }
        } }

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = EnumByText.CheckFormats.class,
            description = "text, or annotations for CI: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CheckFormat format = CheckFormat.text;

    @Override
    public Integer call() {
        AdvisorConfig config = knowledge.toConfig();
        RulesCheck check = RulesCheck.run(config.ruleDirs(), config.factsDir());
        if (format == CheckFormat.text) {
            check.write(spec.commandLine().getOut());
        } else {
            java.util.List<cniadvisor.render.CiAnnotations.Annotation> annotations = new java.util.ArrayList<>();
            check.errors().forEach(e -> annotations.add(cniadvisor.render.CiAnnotations.located("error",
                    DisplayPath.inProblem(e), "rules check")));
            check.warnings().forEach(w -> annotations.add(cniadvisor.render.CiAnnotations.located("warning",
                    DisplayPath.inProblem(w), "rules check")));
            spec.commandLine().getOut().print(cniadvisor.render.CiAnnotations.render(format == CheckFormat.github
                    ? cniadvisor.render.CiAnnotations.Kind.github : cniadvisor.render.CiAnnotations.Kind.azure_devops,
                    annotations));
            spec.commandLine().getOut().println(check.tally());
            spec.commandLine().getOut().flush();
        }
        return check.ok() ? ExitCode.OK.code() : ExitCode.RULES_ERROR.code();
    }
}
