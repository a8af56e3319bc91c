package cniadvisor.authoring;

import cniadvisor.engine.RuleBase;
import cniadvisor.engine.RuleChecks;
import cniadvisor.engine.RuleCompiler;
import cniadvisor.engine.RuleLoadException;
import cniadvisor.engine.RuleMeta;
import cniadvisor.knowledge.Knowledge;
import cniadvisor.knowledge.KnowledgeException;
import cniadvisor.knowledge.KnowledgeLoader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code rules check}: compiles the rules and loads the facts without stopping at the first failure, so one run
 * lists every problem: DRL compile errors, then rule metadata problems, then facts problems, each as
 * file:line[:column]. Warnings (a rule without {@code @decides}) do not fail the check.
 *
 * @param ruleCount  rules compiled, or -1 when the DRL did not compile
 * @param factFiles  *.yaml files in the facts folder
 */
public record RulesCheck(List<String> errors, List<String> warnings, int ruleCount, int factFiles) {

    public RulesCheck {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public static RulesCheck run(List<Path> ruleDirs, Path factsDir) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RuleBase rules = null;
        try {
            rules = RuleCompiler.compile(ruleDirs);
        } catch (RuleLoadException e) {
            errors.addAll(e.problems());
        }
        Knowledge knowledge = null;
        List<String> factProblems = List.of();
        try {
            knowledge = KnowledgeLoader.load(factsDir);
        } catch (KnowledgeException e) {
            factProblems = e.problems();
        }
        if (rules != null) {
            // without facts the source ids cannot be checked; the facts problems below say why
            errors.addAll(RuleChecks.check(rules, knowledge));
            warnings.addAll(missingDecides(rules));
        } else {
            // the set did not compile: still check the rules of every file that compiles on its own
            for (RuleBase file : RuleCompiler.compileEachFile(ruleDirs)) {
                RuleChecks.check(file, knowledge).stream().filter(p -> !errors.contains(p)).forEach(errors::add);
                warnings.addAll(missingDecides(file));
            }
        }
        errors.addAll(factProblems);
        return new RulesCheck(errors, warnings, rules == null ? -1 : rules.rules().size(), countFactFiles(factsDir));
    }

    /** Rules without {@code @decides}, in file order. */
    private static List<String> missingDecides(RuleBase rules) {
        return rules.rules().stream()
                .filter(rule -> rule.decides() == null || rule.decides().isBlank())
                .sorted(Comparator.comparing((RuleMeta r) -> RuleLocation.of(rules, r).file())
                        .thenComparingInt(r -> RuleLocation.of(rules, r).line()))
                .map(rule -> RuleChecks.where(rules, rule) + ": warning: rule \"" + rule.name()
                        + "\" has no @decides(\"...\"): say in one sentence what it decides, for rules list and"
                        + " rules doc")
                .toList();
    }

    private static int countFactFiles(Path factsDir) {
        try (Stream<Path> list = Files.list(factsDir)) {
            return (int) list.filter(p -> p.getFileName().toString().endsWith(".yaml")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** "46 rules, 6 fact files: ok", or "3 problems"; warnings counted after either. */
    public String tally() {
        String result = ok() ? plural(ruleCount, "rule") + ", " + plural(factFiles, "fact file") + ": ok"
                : errors.size() + (errors.size() == 1 ? " problem" : " problems");
        return warnings.isEmpty() ? result
                : result + " (" + warnings.size() + (warnings.size() == 1 ? " warning)" : " warnings)");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    public void write(PrintWriter out) {
        errors.forEach(e -> out.println(DisplayPath.inProblem(e)));
        warnings.forEach(w -> out.println(DisplayPath.inProblem(w)));
        out.println(tally());
        out.flush();
    }
}
