package cniadvisor.authoring;

import cniadvisor.engine.RuleBase;
import cniadvisor.engine.RuleChecks;
import cniadvisor.engine.RuleMeta;

/** Where a rule is declared: its file as reports show it, and the line of its {@code rule} keyword (0: unknown). */
record RuleLocation(String file, int line) {

    static RuleLocation of(RuleBase rules, RuleMeta rule) {
        String where = RuleChecks.where(rules, rule);
        int colon = where.lastIndexOf(':');
        try {
            return new RuleLocation(DisplayPath.of(where.substring(0, colon)),
                    Integer.parseInt(where.substring(colon + 1)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return new RuleLocation(DisplayPath.of(where), 0); // no line: the declaration was not found
        }
    }

    String where() {
        return line > 0 ? file + ":" + line : file;
    }
}
