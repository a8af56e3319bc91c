package cniadvisor.cli;

import cniadvisor.authoring.RuleCatalog;
import cniadvisor.io.ExitCode;
import cniadvisor.render.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code rules list}: one line per rule (and per batch check), from the rules' own metadata. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = {
                "Lists every rule: id, name, file:line, weight and the source ids it cites, in file order; then the "
                        + "checks batch makes across requests (facts/batch-checks.yaml), the same way. Warns on "
                        + "stderr about sources older than --max-source-age days at --as-of (default: today).",
                "",
                "Examples:",
                "  cni-advisor rules list",
                "  cni-advisor rules list -o json",
                "  cni-advisor rules list --rules bundled --rules team-rules",
                ""})
final class RulesListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    KnowledgeOptions knowledge;

    @Mixin
    SourceAgeOptions sourceAge;

    @Override
    public Integer call() {
        if (output.format == OutputFormat.terraform || output.format == OutputFormat.bicep) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "rules list writes text, json, yaml or markdown, not " + output.format);
        }
        int maxSourceAge = sourceAge.days(); // checked before the rules load
        RuleCatalog catalog = RuleCatalog.of(knowledge.loadAdvisor(), knowledge.asOf(), maxSourceAge);
        PrintWriter out = spec.commandLine().getOut();
        switch (output.format) {
            case text -> catalog.writeTable(out);
            case json -> catalog.writeData(true, out);
            case yaml -> catalog.writeData(false, out);
            case markdown -> catalog.writeMarkdownTable(out);
            default -> throw new IllegalStateException("checked above: " + output.format);
        }
        PrintWriter err = spec.commandLine().getErr();
        catalog.staleWarnings().forEach(err::println);
        err.flush();
        return ExitCode.OK.code();
    }
}
