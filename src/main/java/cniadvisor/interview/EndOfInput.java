package cniadvisor.interview;

/** Input ended before the questionnaire was complete. */
public final class EndOfInput extends Exception {

    private final int linesRead;

    EndOfInput(int linesRead) {
        super("input ended after " + linesRead + " lines");
        this.linesRead = linesRead;
    }

    /** How many lines were read before the end; 0 means the input was empty. */
    public int linesRead() {
        return linesRead;
    }
}
