package cniadvisor.cli;

import cniadvisor.authoring.RulesCheck;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.io.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                ""})
final class RulesCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        AdvisorConfig config = knowledge.toConfig();
        RulesCheck check = RulesCheck.run(config.ruleDirs(), config.factsDir());
        check.write(spec.commandLine().getOut());
        return check.ok() ? ExitCode.OK.code() : ExitCode.RULES_ERROR.code();
    }
}
