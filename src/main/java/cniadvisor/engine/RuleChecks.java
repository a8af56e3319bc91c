package cniadvisor.engine;

import cniadvisor.knowledge.Knowledge;
import cniadvisor.model.BatchCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what the DRL compiler cannot: every rule has an {@code @id} and at least one {@code @source}, ids are
 * unique (among the rules and the batch checks of facts/), every source id exists in facts/, weights are whole numbers, and what {@link RuleTextChecks} finds in
 * the rule's text.
 */
public final class RuleChecks {

    private RuleChecks() {
    }

    /**
     * Every problem with the rules' metadata and text. {@code knowledge} null (the facts did not load) skips what
     * needs facts: source ids, option ids and limit names.
     */
    public static List<String> check(RuleBase rules, Knowledge knowledge) {
        Set<String> sourceIds = knowledge == null ? null : knowledge.sources().keySet();
        Set<String> optionIds = knowledge == null ? null : knowledge.options().stream()
                .map(cniadvisor.model.PluginOption::id).collect(java.util.stream.Collectors.toSet());
        Set<String> limitNames = knowledge == null ? null : knowledge.limitNames();
        // reports list the checks batch makes across requests beside the rules, by the same ids
        Map<String, BatchCheck> batchChecks = knowledge == null ? Map.of() : knowledge.batchChecks().stream()
                .collect(java.util.stream.Collectors.toMap(BatchCheck::id, c -> c));
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> fileLines = new HashMap<>();
        Map<String, String> firstById = new HashMap<>();
        Map<RuleMeta, String> located = new HashMap<>();
        // every file is read once, for the locations and the text checks alike: this runs on every start-up
        rules.rules().forEach(rule -> located.put(rule, where(rules.fileOf(rule),
                fileLines.computeIfAbsent(rules.fileOf(rule), RuleChecks::readLines), rule)));
        // declaration order breaks ties between equal ids, so a duplicate is reported the same way every run
        List<RuleMeta> ordered = rules.rules().stream()
                .sorted(Comparator.comparing(RuleMeta::id, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(rule -> rules.fileOf(rule))
                        .thenComparingInt(rule -> lineOf(located.get(rule))))
                .toList();
        for (RuleMeta rule : ordered) {
            String where = located.get(rule);
            if (rule.id() == null || rule.id().isBlank()) {
                problems.add(where + ": rule \"" + rule.name() + "\" has no @id(\"...\")");
            } else {
                String first = firstById.putIfAbsent(rule.id(), where);
                if (first != null) {
                    problems.add(where + ": duplicate rule id " + rule.id() + " (also at " + first + ")");
                }
                BatchCheck check = batchChecks.get(rule.id());
                if (check != null) {
                    problems.add(where + ": rule id " + rule.id() + " is the id of a batch check (" + check.file()
                            + ":" + check.line() + "); give the rule an id of its own");
                }
            }
            if (rule.sources().isEmpty()) {
                problems.add(where + ": rule \"" + rule.name() + "\" has no @source(\"source-id, ...\")");
            }
            for (String source : rule.sources()) {
                if (sourceIds != null && !sourceIds.contains(source)) {
                    problems.add(where + ": rule \"" + rule.name() + "\" cites unknown source id '" + source
                            + "' (sources are listed in facts/sources.yaml)");
                }
            }
            Object weight = rules.kieBase().getRule(rule.packageName(), rule.name()).getMetaData().get("weight");
            if (weight != null && rule.weight() == null) {
                problems.add(where + ": rule \"" + rule.name() + "\" has @weight(" + weight
                        + "); a weight is a whole number, e.g. @weight(-20)");
            }
            String file = rules.fileOf(rule);
            problems.addAll(RuleTextChecks.check(file, fileLines.computeIfAbsent(file, RuleChecks::readLines), rule,
                    weight != null, optionIds, limitNames));
        }
        return problems;
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of(); // where() already falls back to the file name alone
        }
    }

    private static int lineOf(String where) {
        int colon = where.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(where.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "file:line" of the rule's declaration, found by reading the DRL text. */
    public static String where(RuleBase rules, RuleMeta rule) {
        String file = rules.fileOf(rule);
        return where(file, readLines(file), rule);
    }

    private static String where(String file, List<String> lines, RuleMeta rule) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("rule \"" + rule.name() + "\"") || line.equals("rule " + rule.name())) {
                return file + ":" + (i + 1);
            }
        }
        return file; // the file name alone still helps
    }
}
