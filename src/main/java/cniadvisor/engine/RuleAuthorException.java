package cniadvisor.engine;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A mistake in a rule that only shows when it runs: it threw, looped, passed a format its arguments do not fill,
 * named an unknown option, or scored without a weight. The rule author's to fix, so the CLI reports it with the
 * rule's file:line and exit code 3, never as a bug in the tool.
 */
public final class RuleAuthorException extends RuntimeException {

    private final String packageName;
    private final String ruleName;
    /** "file:line: rule "name" (ID)", once the rule base that holds the rule has located it. */
    private final String rule;

    public RuleAuthorException(String packageName, String ruleName, String message, Throwable cause) {
        this(packageName, ruleName, "rule \"" + ruleName + "\"", message, cause);
    }

    private RuleAuthorException(String packageName, String ruleName, String rule, String message, Throwable cause) {
        super(message, cause);
        this.packageName = packageName;
        this.ruleName = ruleName;
        this.rule = rule;
    }

    RuleAuthorException(Rule rule, String message) {
        this(rule.getPackageName(), rule.getName(), message, null);
    }

    RuleAuthorException(RuleMeta rule, String message) {
        this(rule.packageName(), rule.name(), message, null);
    }

    /**
     * What a consequence that failed during {@code fireAllRules} means for the author: our own check, or whatever
     * the consequence threw, named with its rule.
     */
    static RuntimeException of(ConsequenceException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuleAuthorException author) {
            return author;
        }
        if (e.getMatch() == null || e.getMatch().getRule() == null) {
            return e;
        }
        Rule rule = e.getMatch().getRule();
        String what = cause == null ? e.getMessage() : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new RuleAuthorException(rule.getPackageName(), rule.getName(), "threw " + what, cause);
    }

    /**
     * A rule condition that threw while facts were inserted or rules fired (Drools reports it as a
     * ConstraintEvaluationException whose message names the rule), as the author's mistake; anything else as it is.
     */
    static RuntimeException ofCondition(RuntimeException e, RuleBase rules) {
        if (!e.getClass().getSimpleName().equals("ConstraintEvaluationException") || e.getMessage() == null) {
            return e;
        }
        java.util.regex.Matcher named = CONDITION.matcher(e.getMessage());
        if (!named.find()) {
            return e;
        }
        String ruleName = named.group(2);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause(); // MVEL wraps what the condition threw, in a message of several lines
        }
        Throwable cause = root;
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("");
        String what = cause.getClass().getSimpleName() + message;
        return rules.rules().stream().filter(r -> r.name().equals(ruleName)).findFirst()
                .map(r -> (RuntimeException) new RuleAuthorException(r.packageName(), r.name(), "has a condition that "
                        + "threw (" + named.group(1) + "): " + what, cause).located(rules))
                .orElse(e);
    }

    private static final java.util.regex.Pattern CONDITION =
            java.util.regex.Pattern.compile("constraint '(.*)' in \\[Rule \"([^\"]+)\"");

    /** The key {@link RuleBase#rulesByName()} uses. */
    public String ruleKey() {
        return packageName + "." + ruleName;
    }

    /** The same mistake, with the rule's file:line and id from the rule base that holds it. */
    RuleAuthorException located(RuleBase rules) {
        RuleMeta meta = rules.rulesByName().get(ruleKey());
        if (meta == null) {
            return this;
        }
        String id = meta.id() == null ? "" : " (" + meta.id() + ")";
        return new RuleAuthorException(packageName, ruleName,
                RuleChecks.where(rules, meta) + ": rule \"" + ruleName + "\"" + id, getMessage(), getCause());
    }

    /** "file:line: rule "name" (ID) threw ...": what the author reads. */
    public String describe() {
        return rule + " " + getMessage();
    }
}
