package cniadvisor.interview;

/**
 * Input ended before the questionnaire was complete: the end of input itself, or answers from a script that went on
 * being unusable (then {@link #reason()} says which limit stopped them).
 */
public final class EndOfInput extends Exception {

    private final int linesRead;
    private final String reason;

    EndOfInput(int linesRead) {
        this(linesRead, null);
    }

    EndOfInput(int linesRead, String reason) {
        super(reason != null ? reason : "input ended after " + linesRead + " lines");
        this.linesRead = linesRead;
        this.reason = reason;
    }

    /** Why the answers were given up before the input ended (a limit, with the line); null at the end of input. */
    public String reason() {
        return reason;
    }

    /** How many lines were read before the end; 0 means the input was empty. */
    public int linesRead() {
        return linesRead;
    }
}
