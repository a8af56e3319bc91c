package cniadvisor.engine;

import cniadvisor.knowledge.Knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks what the DRL compiler cannot: every rule has an {@code @id} and at least one {@code @source}, ids are
 * unique, every source id exists in facts/, and weights are whole numbers.
 */
public final class RuleChecks {

    private RuleChecks() {
    }

    public static List<String> check(RuleBase rules, Knowledge knowledge) {
        List<String> problems = new ArrayList<>();
        Map<String, String> firstById = new HashMap<>();
        for (RuleMeta rule : rules.rules()) {
            String where = where(rules, rule);
            if (rule.id() == null || rule.id().isBlank()) {
                problems.add(where + ": rule \"" + rule.name() + "\" has no @id(\"...\")");
            } else {
                String first = firstById.putIfAbsent(rule.id(), where);
                if (first != null) {
                    problems.add(where + ": duplicate rule id " + rule.id() + " (also at " + first + ")");
                }
            }
            if (rule.sources().isEmpty()) {
                problems.add(where + ": rule \"" + rule.name() + "\" has no @source(\"source-id, ...\")");
            }
            for (String source : rule.sources()) {
                if (!knowledge.sources().containsKey(source)) {
                    problems.add(where + ": rule \"" + rule.name() + "\" cites unknown source id '" + source
                            + "' (sources are listed in facts/sources.yaml)");
                }
            }
        }
        return problems;
    }

    /** "file:line" of the rule's declaration, found by reading the DRL text. */
    public static String where(RuleBase rules, RuleMeta rule) {
        String file = rules.fileOf(rule);
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("rule \"" + rule.name() + "\"") || line.equals("rule " + rule.name())) {
                    return file + ":" + (i + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the file name alone still helps
        }
        return file;
    }
}
