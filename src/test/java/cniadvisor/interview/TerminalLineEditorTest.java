package cniadvisor.interview;

import static cniadvisor.testing.Fixtures.advisor;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.Fixtures;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/**
 * The line editor of {@code ask} on a terminal, driven by key strokes as an xterm sends them (JLine over streams,
 * with the line discipline of a real terminal). The tmux test (src/test/pty) does the same on a real one.
 */
class TerminalLineEditorTest {

    static final String LEFT = "\u001b[D";
    static final String UP = "\u001b[A";
    static final String CTRL_A = "\u0001";
    static final String CTRL_E = "\u0005";
    static final String CTRL_C = "\u0003";
    static final String CTRL_D = "\u0004";
    static final String BACKSPACE = "\u007f";
    static final String ENTER = "\r";

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private TerminalLineEditor editor(String keys) {
        return TerminalLineEditor.over(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen,
                "xterm-256color");
    }

    /** Reads {@code count} lines from these key strokes. */
    private List<String> lines(String keys, int count) throws Interrupted {
        List<String> lines = new ArrayList<>();
        try (TerminalLineEditor editor = editor(keys)) {
            for (int i = 0; i < count; i++) {
                lines.add(editor.readLine("> "));
            }
        }
        return lines;
    }

    @Test
    void arrowsBackspaceAndControlKeysEditTheLine() throws Exception {
        assertEquals(List.of("payments", "payments!", "10.20.0.0/24"), lines(
                "paymants" + LEFT + LEFT + LEFT + BACKSPACE + "e" + ENTER   // paym|ants: 'a' out, 'e' in
                        + "ayments" + CTRL_A + "p" + CTRL_E + "!" + ENTER   // start, then end of the line
                        + "10.20.0.0/22" + BACKSPACE + BACKSPACE + "24" + ENTER, 3));
    }

    @Test
    void homeEndDeleteAndTheKillKeysWork() throws Exception {
        assertEquals(List.of("team", "new", "13"), lines(
                "eam" + "\u001b[H" + "t" + "\u001b[F" + ENTER                  // Home, End (ESC [ H / F)
                        + "nxew" + LEFT + LEFT + LEFT + "\u001b[3~" + ENTER     // Delete the x
                        + "wrong" + "\u0015" + "12" + LEFT + "3" + "\u000b" + ENTER, 3)); // Ctrl-U; 13|2, Ctrl-K
    }

    @Test
    void theUpArrowRecallsEarlierAnswers() throws Exception {
        assertEquals(List.of("60", "cilium", "cilium", "60"), lines(
                "60" + ENTER + "cilium" + ENTER + UP + ENTER + UP + UP + ENTER, 4));
    }

    @Test
    void anAnswerIsTheLineAsTyped() throws Exception {
        // no history expansion (!), no quote or backslash processing, and % in a prompt is shown as it is
        String typed = "it's \"mine\" \\ !! !-1 $HOME";
        try (TerminalLineEditor editor = editor(typed + ENTER)) {
            assertEquals(typed, editor.readLine("  node count or percentage, e.g. 3 or 33% [2]: "));
        }
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("e.g. 3 or 33% [2]: "), screen.toString());
    }

    @Test
    void keysTheEditorDoesNotKnowDoNotReachTheAnswer() throws Exception {
        // F5, F12 and a mouse report: sequences with no binding
        String line = lines("ab\u001b[15~c\u001b[24~d" + ENTER, 1).get(0);
        assertFalse(line.contains("\u001b"), line);
        assertEquals("abcd", line);
    }

    @Test
    void controlCIsAnInterruptAndControlDTheEndOfInput() throws Exception {
        try (Keyboard keyboard = new Keyboard(); TerminalLineEditor editor = keyboard.editor()) {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> keyboard.read(editor, "> "));
            keyboard.awaitScreen("> ");     // the editor is reading: Ctrl-C is its to catch
            keyboard.type("half" + CTRL_C);
            ExecutionException stopped = assertThrows(ExecutionException.class, () -> line.get(30, SECONDS));
            assertTrue(stopped.getCause() instanceof Interrupted, stopped.toString());
        }
        try (TerminalLineEditor editor = editor(CTRL_D)) {
            assertNull(editor.readLine("> "));
        }
    }

    /** A whole questionnaire through the editor: an answer fixed by editing, one recalled, and back. */
    @Test
    void theQuestionnaireReadsItsAnswersThroughTheEditor() throws Exception {
        String keys = String.join("", "temx" + BACKSPACE + LEFT + "a" + ENTER,   // tem|x -> te|m -> team
                "12" + ENTER,
                "back" + ENTER,                 // maxSurge: back to nodeCount
                "0" + CTRL_A + "2" + ENTER,     // 20
                "30" + ENTER,                   // maxSurge
                UP + ENTER,                     // maxPodsPerNode: the answer before, 30
                ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);
        StringWriter questions = new StringWriter();
        try (TerminalLineEditor editor = editor(keys)) {
            Questionnaire questionnaire = new Questionnaire(Fixtures.binder(), editor, new PrintWriter(questions),
                    Style.PLAIN, () -> RuleNotes.of(advisor()));
            assertEquals(request("name: team", "nodeCount: 20", "surgeNodes: 30", "maxPodsPerNode: 30"),
                    questionnaire.run());
        }
        assertTrue(questions.toString().contains("Arrow keys, Ctrl-A and Ctrl-E move along the line"),
                questions.toString());
    }

    @Test
    void controlCStopsTheQuestionnaire() throws Exception {
        try (Keyboard keyboard = new Keyboard(); TerminalLineEditor editor = keyboard.editor()) {
            Questionnaire questionnaire = new Questionnaire(Fixtures.binder(), editor,
                    new PrintWriter(Writer.nullWriter()), Style.PLAIN, () -> RuleNotes.of(advisor()));
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    questionnaire.run();
                } catch (EndOfInput | Interrupted e) {
                    throw new CompletionException(e);
                }
            });
            keyboard.awaitScreen("name [my-cluster]: ");
            keyboard.type("team" + ENTER);
            keyboard.awaitScreen("1 or more: ");
            keyboard.type("1" + CTRL_C);
            ExecutionException stopped = assertThrows(ExecutionException.class, () -> run.get(30, SECONDS));
            assertTrue(stopped.getCause() instanceof Interrupted, stopped.toString());
        }
    }

    /**
     * Keys typed once the screen shows the prompt they answer: Ctrl-C is a signal the editor only catches while it
     * reads a line (the prompt shows once it does), so it must not arrive before. The screen is matched on its text
     * only, as the editor redraws the line with cursor moves while it is typed.
     */
    private static final class Keyboard implements AutoCloseable {
        private final PipedOutputStream keys = new PipedOutputStream();
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

        TerminalLineEditor editor() throws IOException {
            return TerminalLineEditor.over(new PipedInputStream(keys), screen, "xterm-256color");
        }

        String read(TerminalLineEditor editor, String prompt) {
            try {
                return editor.readLine(prompt);
            } catch (Interrupted e) {
                throw new CompletionException(e);
            }
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Waits (at most 30 s) for {@code text} on the screen, its colours and cursor moves aside. */
        void awaitScreen(String text) throws InterruptedException {
            long end = System.nanoTime() + SECONDS.toNanos(30);
            while (!plain().contains(text)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the screen never showed '" + text + "': " + plain());
                }
                Thread.sleep(20);
            }
        }

        private String plain() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001b(\\[[0-9;?]*[A-Za-z]|[=>])", "");
            }
        }

        @Override
        public void close() throws IOException {
            keys.close();
        }
    }
}
