package cniadvisor.cli;

import cniadvisor.authoring.RuleCatalog;
import cniadvisor.io.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code rules doc}: the rule reference, generated from the rules' metadata, like {@code conftest doc}. */
@Command(name = "doc",
        mixinStandardHelpOptions = true,
        description = {
                "Writes the rule reference: a section per rule (id, name, what it decides, file:line, weight, its "
                        + "sources as links with their as-of dates) and per check batch makes across requests "
                        + "(facts/batch-checks.yaml, with its level), then every source with its age and who cites "
                        + "it. Sources older than --max-source-age days at --as-of are marked stale, and warned "
                        + "about on stderr. Pass --as-of to get the same bytes on every day.",
                "",
                "Examples:",
                "  cni-advisor rules doc > docs/rules.md",
                "  cni-advisor rules doc -o markdown --as-of 2026-11-21 --max-source-age 540",
                ""})
final class RulesDocCommand implements Callable<Integer> {

    /** The formats of the rule reference. */
    enum DocFormat {
        markdown
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Document format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DocFormat format = DocFormat.markdown;

    @Mixin
    KnowledgeOptions knowledge;

    @Mixin
    SourceAgeOptions sourceAge;

    @Override
    public Integer call() {
        int maxSourceAge = sourceAge.days(); // checked before the rules load
        RuleCatalog catalog = RuleCatalog.of(knowledge.loadAdvisor(), knowledge.asOf(), maxSourceAge);
        catalog.writeMarkdownDoc(spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        catalog.staleWarnings().forEach(err::println);
        err.flush();
        return ExitCode.OK.code();
    }
}
