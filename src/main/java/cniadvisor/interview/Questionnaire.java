package cniadvisor.interview;

import cniadvisor.interview.Question.InvalidAnswer;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.Mappers;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.model.NamedRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Asks the {@link Questions} one by one, skipping those that cannot matter, re-asking after a bad answer, then
 * shows a summary where any answer can be changed, and returns the request the answers make. Reads one answer per
 * line, so the same code serves a person at a terminal and answers piped in by a script; on a terminal a
 * {@link LineEditor} reads the lines (editing keys, history), piped answers are read as plain lines.
 *
 * <p>Besides answers: {@code ?} explains the question (what the answer changes, then the rules it feeds and their
 * sources), {@code back} (or {@code <}) returns to the question asked before, with its answer as the default.
 *
 * <p>Answers from a script (not a terminal) are held to limits, so that garbage piped in ends rather than loops:
 * {@link #MAX_RETRIES} unusable answers in a row to one question end the questionnaire, and so do
 * {@link #MAX_SCRIPT_LINES} lines without an accepted summary. Every answer is at most {@link #MAX_ANSWER_CHARS}
 * long, and must be text: bytes that are not UTF-8, or control characters, make it unusable.
 */
public final class Questionnaire {

    /** Unusable answers in a row to one question that end a scripted questionnaire. */
    public static final int MAX_RETRIES = 5;
    /** Lines a script may send without the summary being accepted: far more than every question twice over. */
    public static final int MAX_SCRIPT_LINES = 1_000;
    /** The longest answer; the longest real one, a list of connected networks, is far shorter. */
    public static final int MAX_ANSWER_CHARS = 4_096;
    /** How far past {@link #MAX_ANSWER_CHARS} the end of an over-long line is looked for before input is given up. */
    static final int MAX_SKIPPED_CHARS = 1 << 20;
    /** Where the answers come from, as messages name it. */
    static final String INPUT_NAME = "stdin";

    private final RequestBinder binder;
    private final List<Question> questions;
    private final BufferedReader in;
    private final LineEditor editor;
    private final PrintWriter out;
    private final Style style;
    private final boolean echo;
    private final Supplier<RuleNotes> notes;
    private final Answers answers = new Answers();
    /** The keys of the questions answered, in the order they were (last) answered: what {@code back} walks. */
    private final List<String> history = new ArrayList<>();
    /** Answered questions that {@code back} returned to: asked again, with their answer as the default. */
    private final Set<String> revisit = new HashSet<>();
    private Guidance guidance;
    private int linesRead;

    /**
     * @param in    the answers, one per line
     * @param out   where questions, help and the summary go (the command's stderr: stdout carries the report)
     * @param echo  write each answer after its prompt, for input that a terminal did not echo (piped answers)
     * @param notes the rule notes for {@code ?} help; called only when help is asked for
     */
    public Questionnaire(RequestBinder binder, BufferedReader in, PrintWriter out, Style style, boolean echo,
                         Supplier<RuleNotes> notes) {
        this(binder, in, null, out, style, echo, notes);
    }

    /**
     * The questionnaire on a terminal whose lines {@code editor} reads; the questions still go to {@code out}, which
     * must be the terminal's screen too.
     */
    public Questionnaire(RequestBinder binder, LineEditor editor, PrintWriter out, Style style,
                         Supplier<RuleNotes> notes) {
        this(binder, null, editor, out, style, false, notes);
    }

    private Questionnaire(RequestBinder binder, BufferedReader in, LineEditor editor, PrintWriter out, Style style,
                          boolean echo, Supplier<RuleNotes> notes) {
        this.binder = binder;
        this.questions = Questions.forBinder(binder);
        this.in = in;
        this.editor = editor;
        this.out = out;
        this.style = style;
        this.echo = echo;
        this.notes = notes;
    }

    /** What {@link #ask} got: an answer, or {@code back}. */
    private record Answer(Object value, boolean back) {
        static final Answer BACK = new Answer(null, true);
    }

    /** The words that return to the question before. */
    static final List<String> BACK_WORDS = List.of("back", "<");

    /**
     * Runs the questionnaire to the accepted summary.
     *
     * @throws EndOfInput  when the answers end first (or a script's answers go on being unusable)
     * @throws Interrupted when the person pressed Ctrl-C in the line editor
     */
    public NamedRequest run() throws EndOfInput, Interrupted {
        out.println(style.question("Answer a few questions about the cluster to get a network plugin recommendation."));
        out.println(style.quiet("Enter accepts the [default]; ? explains a question; back (or <) returns to the one "
                + "before; Ctrl-D stops."));
        if (editor != null) {
            out.println(style.quiet("Arrow keys, Ctrl-A and Ctrl-E move along the line; the up arrow recalls earlier "
                    + "answers."));
        }
        askOpenQuestions();
        while (true) {
            List<Question> shown = summary();
            NamedRequest request = bind();
            Question change = chooseChange(shown, request);
            if (change == null) {
                return request;
            }
            if (change != BACK_TO_LAST) {
                Answer answer = ask(change, answers.value(change.key()), true, true);
                if (!answer.back()) { // back from a question chosen in the summary: the summary again, unchanged
                    answered(change, answer.value());
                }
            } else {
                revisit.add(history.remove(history.size() - 1));
            }
            askOpenQuestions();
        }
    }

    /**
     * Asks, in questionnaire order, every question that applies and has no answer (or that {@code back} returned
     * to); forgets the answers to questions that no longer apply.
     */
    private void askOpenQuestions() throws EndOfInput, Interrupted {
        while (true) {
            Question next = null;
            for (Question question : questions) {
                if (!question.appliesWhen().test(answers)) {
                    forget(question.key());
                } else if (!answers.has(question.key()) || revisit.contains(question.key())) {
                    next = question; // the questions after it may depend on its answer: looked at once it is given
                    break;
                }
            }
            if (next == null) {
                return;
            }
            boolean again = answers.has(next.key());
            Object current = again ? answers.value(next.key()) : next.defaultFor(answers);
            Answer answer = ask(next, current, again || !next.required(), !history.isEmpty());
            if (answer.back()) {
                revisit.add(history.remove(history.size() - 1));
            } else {
                answered(next, answer.value());
            }
        }
    }

    private void answered(Question question, Object value) {
        answers.put(question.key(), value);
        revisit.remove(question.key());
        history.remove(question.key());
        history.add(question.key());
    }

    private void forget(String key) {
        answers.remove(key);
        revisit.remove(key);
        history.remove(key);
    }

    /**
     * Asks one question until it gets a usable answer, or {@code back} when {@code canGoBack}.
     *
     * @param current    what Enter gives (when {@code hasCurrent})
     * @param canGoBack  whether there is a question to go back to; else {@code back} is explained and asked again
     */
    private Answer ask(Question question, Object current, boolean hasCurrent, boolean canGoBack)
            throws EndOfInput, Interrupted {
        out.println();
        out.println(style.question(question.prompt()));
        out.println("  " + style.quiet(question.explanation()));
        int width = question.choices().stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (int i = 0; i < question.choices().size(); i++) {
            Choice choice = question.choices().get(i);
            out.printf("    %d  %-" + width + "s  %s%n", i + 1, choice.name(), style.quiet(choice.description()));
        }
        String prompt = "  " + question.hint()
                + (hasCurrent && question.noneLabel() != null && !isNone(question, current) ? ", - for "
                + question.noneLabel() : "")
                + (hasCurrent ? " [" + style.value(question.show(current)) + "]" : "") + ": ";
        int retries = 0;
        while (true) {
            String answer = readAnswer(prompt);
            String problem = null;
            if (answer == null) {
                problem = unusable;
            } else if (answer.equals("?")) {
                help(question);
                problem = "the answer was ?, a request for help";
            } else if (isBack(answer) && canGoBack) {
                return Answer.BACK;
            } else if (isBack(answer)) {
                problem = "this is the first question: there is nothing before it to go back to";
            } else if (answer.isEmpty() && hasCurrent) {
                return new Answer(current, false);
            } else if (answer.isEmpty()) {
                problem = "an answer is required";
            } else if (answer.equals(Question.NONE) && question.noneLabel() != null) {
                return new Answer(question.none(), false);
            } else {
                try {
                    return new Answer(question.read(answer), false);
                } catch (InvalidAnswer e) {
                    problem = e.getMessage();
                }
            }
            if (answer == null || !answer.equals("?")) {
                problem(problem);
            }
            retries = checkRetries(retries, question.key(), problem);
        }
    }

    private static boolean isBack(String answer) {
        return BACK_WORDS.stream().anyMatch(answer::equalsIgnoreCase);
    }

    /**
     * Counts one more unusable answer; for a script, the {@link #MAX_RETRIES}th in a row ends the questionnaire
     * (a person at a terminal is asked again as often as it takes).
     */
    private int checkRetries(int retries, String key, String problem) throws EndOfInput {
        int count = retries + 1;
        if (echo && count >= MAX_RETRIES) {
            throw new EndOfInput(linesRead, INPUT_NAME + ":" + linesRead + ": " + key + ": " + MAX_RETRIES
                    + " unusable answers in a row (the last: " + problem + "); standard input is not a terminal, so "
                    + "the questions stop here");
        }
        return count;
    }

    private static boolean isNone(Question question, Object value) {
        return value == null || value.equals(question.none());
    }

    /**
     * {@code ?}: what the answer changes, in plain words, first; then the rules it feeds, with their sources (see
     * {@link RuleNotes}).
     */
    private void help(Question question) {
        if (guidance == null) {
            guidance = Guidance.load();
        }
        guidance.forQuestion(question).ifPresent(text -> Guidance.wrap(text, HELP_WIDTH - 2).forEach(line ->
                out.println("  " + line)));
        notes.get().describe(question).forEach(line -> out.println("  " + line));
    }

    /** Where {@code ?}'s plain guidance is wrapped (its indent included). */
    private static final int HELP_WIDTH = 100;

    /** Shows the answers that apply, numbered; returns them in that order. */
    private List<Question> summary() {
        List<Question> shown = questions.stream().filter(q -> answers.has(q.key())).toList();
        int width = shown.stream().mapToInt(q -> label(q).length()).max().orElse(0);
        out.println();
        out.println(style.question("Your answers:"));
        for (int i = 0; i < shown.size(); i++) {
            Question question = shown.get(i);
            out.printf("  %2d  %-" + width + "s  %s%n", i + 1, label(question),
                    style.value(question.show(answers.value(question.key()))));
        }
        return shown;
    }

    /** The summary's label: once pools are added, the flat size answers are the first pool's and say so. */
    private String label(Question question) {
        if (answers.yes(Questions.ADD_POOL + 1) && FIRST_POOL_LABELS.containsKey(question.key())) {
            return "Pool 1 " + FIRST_POOL_LABELS.get(question.key());
        }
        return question.label();
    }

    private static final java.util.Map<String, String> FIRST_POOL_LABELS = java.util.Map.of(
            "nodeCount", "Most nodes", "maxSurge", "Upgrade max surge", "maxPodsPerNode", "Pods per node");

    /** The request the answers make, or null after showing why they do not make one (checks across keys). */
    private NamedRequest bind() {
        List<Field> fields = new ArrayList<>();
        boolean pools = answers.yes(Questions.ADD_POOL + 1);
        for (Question question : questions) {
            if (question.requestKey() && !question.poolKey() && answers.has(question.key())
                    && answers.value(question.key()) != null
                    && !(pools && SHORTHAND_KEYS.contains(question.key()))) {
                fields.add(new Field(question.key(), Mappers.JSON.valueToTree(answers.value(question.key())), 0));
            }
        }
        if (pools) {
            fields.add(new Field(Questions.POOLS_KEY, nodePools(), 0));
        }
        try {
            return binder.bind(fields, Question.SOURCE, Questions.DEFAULT_NAME);
        } catch (InputException e) {
            for (InputError error : e.errors()) {
                problem(error.key() == null ? error.message() : error.key() + ": " + error.message());
            }
            return null;
        }
    }

    /** The flat keys of the one-pool cluster, which become the first pool once another pool is added. */
    private static final List<String> SHORTHAND_KEYS = List.of("nodeCount", "maxSurge", "maxPodsPerNode",
            "windowsNodePools", "windowsServerVersion");

    /** The pools: the first, a Linux system pool, from the flat answers; then every pool added. */
    private com.fasterxml.jackson.databind.node.ArrayNode nodePools() {
        var list = Mappers.JSON.createArrayNode();
        var first = list.addObject();
        first.put("name", RequestBinder.SHORTHAND_POOL_NAME);
        first.put("mode", cniadvisor.model.NodePool.SYSTEM);
        first.put("os", cniadvisor.model.NodePool.LINUX);
        first.set("maxCount", Mappers.JSON.valueToTree(answers.value("nodeCount")));
        first.set("maxPodsPerNode", Mappers.JSON.valueToTree(answers.value("maxPodsPerNode")));
        first.set("maxSurge", Mappers.JSON.valueToTree(answers.value("maxSurge")));
        for (int i = 1; i <= Questions.MAX_ADDED_POOLS && answers.yes(Questions.ADD_POOL + i); i++) {
            var pool = list.addObject();
            pool.put("mode", cniadvisor.model.NodePool.USER);
            String prefix = Questions.poolKey(i, "");
            for (Question question : questions) {
                if (question.key().startsWith(prefix) && answers.has(question.key())
                        && answers.value(question.key()) != null) {
                    pool.set(question.key().substring(prefix.length()),
                            Mappers.JSON.valueToTree(answers.value(question.key())));
                }
            }
        }
        return list;
    }

    /** What {@link #chooseChange} returns for {@code back}: the last question answered is asked again. */
    private static final Question BACK_TO_LAST = Question.of("back", Kind.TEXT, "", "", "");

    /**
     * The question the user wants to change, {@link #BACK_TO_LAST} for {@code back}, or null when they accept the
     * summary (and it makes a request).
     */
    private Question chooseChange(List<Question> shown, NamedRequest request) throws EndOfInput, Interrupted {
        String prompt = request != null
                ? "Enter to get the recommendation, or a number to change that answer: "
                : "Type the number of an answer to change: ";
        int retries = 0;
        while (true) {
            String answer = readAnswer(prompt);
            String problem;
            if (answer == null) {
                problem = unusable;
                problem(problem);
            } else if (answer.isEmpty() && request != null) {
                return null;
            } else if (answer.equals("?")) {
                out.println("  Type the number in front of an answer to ask that question again"
                        + (request != null ? ", or press Enter to accept them all" : "")
                        + "; back asks the last question again.");
                problem = "the answer was ?, a request for help";
            } else if (isBack(answer) && !history.isEmpty()) {
                return BACK_TO_LAST;
            } else {
                try {
                    int number = Integer.parseInt(answer);
                    if (number >= 1 && number <= shown.size()) {
                        return shown.get(number - 1);
                    }
                } catch (NumberFormatException notANumber) {
                    // reported below, like a number out of range
                }
                problem = (answer.isEmpty() ? "fix the answer above first" : "\"" + shorten(answer)
                        + "\" is not in the list") + "; type a number from 1 to " + shown.size();
                problem(problem);
            }
            retries = checkRetries(retries, "summary", problem);
        }
    }

    private void problem(String message) {
        out.println(style.error("  ! " + message));
    }

    /** Why the last answer read was unusable before it could be read as an answer (null when it was text). */
    private String unusable;

    /**
     * The next answer, stripped; null (with {@link #unusable} saying why) when it is not text or too long to be an
     * answer.
     */
    private String readAnswer(String prompt) throws EndOfInput, Interrupted {
        String line = readLine(prompt);
        if (line.length() > MAX_ANSWER_CHARS) {
            unusable = "the answer is longer than " + String.format(Locale.ROOT, "%,d", MAX_ANSWER_CHARS)
                    + " characters";
            return null;
        }
        if (line.indexOf(ESCAPE) >= 0) {
            unusable = "the answer holds a terminal escape sequence (an arrow or function key, where the line "
                    + "cannot be edited); type it again without";
            return null;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == REPLACEMENT_CHARACTER || Character.isISOControl(c) && c != '\t') {
                unusable = "the answer is not text (it holds bytes that are not UTF-8, or control characters)";
                return null;
            }
        }
        unusable = null;
        return line.strip();
    }

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    private static final char ESCAPE = '\u001b';

    private static String shorten(String answer) {
        return answer.length() > 60 ? answer.substring(0, 57) + "..." : answer;
    }

    /**
     * One line, without its line break; a line longer than {@link #MAX_ANSWER_CHARS} comes back cut to one more
     * character than that (the rest of it is skipped).
     */
    private String readLine(String prompt) throws EndOfInput, Interrupted {
        if (editor != null) {
            out.flush(); // the question above the prompt, written to the same screen
            String line = editor.readLine(prompt);
            if (line == null) {
                throw new EndOfInput(linesRead);
            }
            linesRead++;
            return line;
        }
        out.print(prompt);
        out.flush();
        if (echo && linesRead >= MAX_SCRIPT_LINES) {
            out.println();
            throw new EndOfInput(linesRead, INPUT_NAME + ":" + linesRead + ": more than "
                    + String.format(Locale.ROOT, "%,d", MAX_SCRIPT_LINES) + " lines of answers without an accepted "
                    + "summary (the limit for answers that do not come from a terminal)");
        }
        String line;
        try {
            line = readBoundedLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null) {
            out.println();
            out.flush();
            throw new EndOfInput(linesRead);
        }
        linesRead++;
        if (echo) {
            out.println(line.length() > MAX_ANSWER_CHARS ? shorten(line) : line);
        }
        return line;
    }

    /**
     * Reads up to a line break ({@code \n}, {@code \r\n}) or the end of input, keeping at most
     * {@link #MAX_ANSWER_CHARS} + 1 characters; null at the end of input. An over-long line is skipped to its end, up
     * to {@link #MAX_SKIPPED_CHARS}; input with no line end within that (say /dev/zero) is given up.
     */
    private String readBoundedLine() throws IOException, EndOfInput {
        StringBuilder line = new StringBuilder();
        long length = 0;
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            length++;
            if (line.length() <= MAX_ANSWER_CHARS) {
                line.append((char) c);
            } else if (length > MAX_ANSWER_CHARS + MAX_SKIPPED_CHARS) {
                out.println();
                throw new EndOfInput(linesRead, INPUT_NAME + ":" + (linesRead + 1) + ": a line longer than "
                        + String.format(Locale.ROOT, "%,d", MAX_ANSWER_CHARS + MAX_SKIPPED_CHARS)
                        + " characters; the answers stop here");
            }
        }
        if (c < 0 && length == 0) {
            return null;
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }
}
