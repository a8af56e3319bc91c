package cniadvisor.interview;

/** The person stopped the questionnaire with Ctrl-C while typing an answer. */
public final class Interrupted extends Exception {

    public Interrupted() {
        super("interrupted");
    }
}
