package cniadvisor.interview;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LineEditor} of a real terminal, with JLine: emacs keys (arrows, Home/End, Ctrl-A, Ctrl-E, backspace,
 * Ctrl-U...) and the session's answers as history (up arrow), kept in memory only. This is the only class that
 * names JLine: it is loaded when {@code ask} runs on a terminal and never on another command's path.
 *
 * <p>An answer is the line as typed: no history expansion ({@code !}), and quotes and backslashes are characters
 * like any other. Key sequences the editor does not know are not inserted as text; whatever still gets through is
 * checked by the questionnaire, which refuses control characters in an answer.
 */
public final class TerminalLineEditor implements LineEditor {

    private final Terminal terminal;
    private final LineReader reader;
    private boolean closed;

    private TerminalLineEditor(Terminal terminal) {
        this.terminal = terminal;
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("cni-advisor")
                .parser(parser)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .option(LineReader.Option.INSERT_TAB, false)
                .option(LineReader.Option.AUTO_FRESH_LINE, false)
                .variable(LineReader.BELL_STYLE, "none")
                .build();
        bindCursorKeys(reader.getKeyMaps().get(LineReader.EMACS));
    }

    /**
     * The arrow, Home, End and Delete keys in both the forms terminals send: the editor turns on "application"
     * cursor keys (ESC O A) and JLine binds what the terminal's terminfo entry names, but a terminal that ignores
     * that, or whose entry is wrong, sends ESC [ A, which would otherwise leave "[A" in the answer.
     */
    private static void bindCursorKeys(KeyMap<Binding> keys) {
        for (String prefix : new String[] {"\u001b[", "\u001bO"}) {
            keys.bindIfNotBound(new Reference(LineReader.UP_LINE_OR_HISTORY), prefix + "A");
            keys.bindIfNotBound(new Reference(LineReader.DOWN_LINE_OR_HISTORY), prefix + "B");
            keys.bindIfNotBound(new Reference(LineReader.FORWARD_CHAR), prefix + "C");
            keys.bindIfNotBound(new Reference(LineReader.BACKWARD_CHAR), prefix + "D");
            keys.bindIfNotBound(new Reference(LineReader.BEGINNING_OF_LINE), prefix + "H");
            keys.bindIfNotBound(new Reference(LineReader.END_OF_LINE), prefix + "F");
        }
        keys.bindIfNotBound(new Reference(LineReader.DELETE_CHAR), "\u001b[3~");
    }

    /**
     * The editor of the process's terminal, writing to stderr (where the questions go, so that stdout can be
     * redirected); null when no terminal can be opened (the caller then reads plain lines).
     *
     * <p>JLine leaves the JVM's signal handlers alone ({@code nativeSignals(false)}): Ctrl-C stays a SIGINT that
     * runs the shutdown hooks (the questionnaire's message, JLine's restoring of the terminal) and exits 130.
     */
    public static LineEditor open() {
        try {
            Terminal terminal = TerminalBuilder.builder()
                    .name("cni-advisor")
                    .system(true)
                    .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .dumb(false)
                    .nativeSignals(false)
                    .graphemeCluster(false)
                    .encoding(StandardCharsets.UTF_8)
                    .build();
            return new TerminalLineEditor(terminal);
        } catch (IOException | RuntimeException e) {
            return null; // no system terminal after all: plain lines work everywhere
        }
    }

    /** An editor over these streams, as a terminal of {@code type} (tests: key strokes in, the screen out). */
    static TerminalLineEditor over(InputStream keys, OutputStream screen, String type) {
        try {
            Terminal terminal = TerminalBuilder.builder()
                    .name("test")
                    .system(false)
                    .streams(keys, screen)
                    .type(type)
                    .size(new Size(160, 50))
                    .graphemeCluster(false)
                    .encoding(StandardCharsets.UTF_8)
                    .build();
            return new TerminalLineEditor(terminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String readLine(String prompt) throws Interrupted {
        try {
            // the prompt is shown as given: JLine would read %-sequences in it ("33%" in a hint) as prompt escapes
            return reader.readLine(prompt.replace("%", "%%"));
        } catch (UserInterruptException e) {
            throw new Interrupted();
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /** Once only: the questionnaire closes it when it ends, and the interrupt handler when Ctrl-C ends the process. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is gone: nothing to give back
        }
    }
}
