package cniadvisor.interview;

/**
 * Reads answers on a terminal with line editing: the editor shows the prompt, lets the person move and fix the
 * line (arrow keys, backspace, Ctrl-A, Ctrl-E) and recall earlier answers (up arrow), and returns the finished line.
 * The questionnaire uses one only when standard input and its screen (stderr) are a terminal; answers piped in are
 * read as plain lines, so scripts and transcripts see no difference.
 */
public interface LineEditor extends AutoCloseable {

    /**
     * Shows {@code prompt} (which may hold the questionnaire's colours) and returns the line typed, without its line
     * break; null at the end of input (Ctrl-D on an empty line).
     *
     * @throws Interrupted when the person pressed Ctrl-C while typing
     */
    String readLine(String prompt) throws Interrupted;

    /** Gives the terminal back as it was found. */
    @Override
    void close();
}
