package cniadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rules}: tools for the people who keep rules/ and facts/ current, none of which needs Java or Maven. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        description = {
                "Checks, tests and documents the rules (rules/*.drl) and facts (facts/*.yaml).",
                "Step-by-step guide: docs/rule-authoring.md.",
                "",
                "Examples:",
                "  cni-advisor rules check",
                "  cni-advisor rules test examples/scenarios --coverage --threshold 100",
                "  cni-advisor rules test --watch",
                "  cni-advisor rules list",
                "  cni-advisor rules doc -o markdown > docs/rules.md",
                "  cni-advisor rules test --rules bundled --rules examples/org-policy/rules \\",
                "      examples/org-policy/scenarios",
                ""},
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesListCommand.class, RulesDocCommand.class})
final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a rules command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
