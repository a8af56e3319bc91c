package cniadvisor.engine;

/** The rules fired more often than the limit allows: some rule keeps re-activating itself. */
public final class RuleLoopException extends RuntimeException {
    public RuleLoopException(int limit) {
        super("the rules fired " + limit + " times without settling; a rule probably re-activates itself "
                + "(use modify{} on changed facts, never update an alias)");
    }
}
