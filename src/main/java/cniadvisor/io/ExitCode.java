package cniadvisor.io;

/**
 * The process exit codes, listed in --help. When several apply, the first of 2 (invalid input), 3, 4 (no option
 * fits) and 6 (findings) wins.
 */
public enum ExitCode {
    /** A recommendation was made (batch: every request got one). */
    OK(0, "a recommendation was made (batch: every request got one; rules: every check and scenario passed)"),
    /** A bug: please report it with the input that caused it. */
    INTERNAL_ERROR(1, "internal error (a bug: please report it with the input)"),
    /** The command line or an input file is invalid. */
    USAGE_ERROR(2, "usage or input error: a bad option, file, key or value"),
    /** rules/ or facts/ failed to load. */
    RULES_ERROR(3, "rules or facts failed to load or check, or a rule failed while running (file:line given)"),
    /** No option satisfies the requirements. */
    NO_FIT(4, "no option satisfies the requirements (the report says which conflict)"),
    /** rules test: a scenario failed, or rule coverage is below --threshold. */
    TESTS_FAILED(5, "rules test: a scenario failed, or rule coverage is below --threshold"),
    /** A finding at or above --fail-on: the report was written, but the run fails. */
    FINDINGS(6, "a finding at or above --fail-on (default: error): the report was written, but the run fails"),
    /** Ctrl-C (SIGINT): the run stopped; no output file is left half-written. */
    INTERRUPTED(130, "interrupted (Ctrl-C): no output file is left half-written");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
