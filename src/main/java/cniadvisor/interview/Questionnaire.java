package cniadvisor.interview;

import cniadvisor.interview.Question.InvalidAnswer;
import cniadvisor.io.InputError;
import cniadvisor.io.InputException;
import cniadvisor.io.Mappers;
import cniadvisor.io.RequestBinder;
import cniadvisor.io.RequestBinder.Field;
import cniadvisor.model.Request;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Asks the {@link Questions} one by one, skipping those that cannot matter, re-asking after a bad answer, then
 * shows a summary where any answer can be changed, and returns the request the answers make. Reads one answer per
 * line, so the same code serves a person at a terminal and answers piped in by a script.
 */
public final class Questionnaire {

    private final List<Question> questions;
    private final BufferedReader in;
    private final PrintWriter out;
    private final Style style;
    private final boolean echo;
    private final Supplier<RuleNotes> notes;
    private final Answers answers = new Answers();
    private int linesRead;

    /**
     * @param in    the answers, one per line
     * @param out   where questions, help and the summary go (the command's stderr: stdout carries the report)
     * @param echo  write each answer after its prompt, for input that a terminal did not echo (piped answers)
     * @param notes the rule notes for {@code ?} help; called only when help is asked for
     */
    public Questionnaire(List<Question> questions, BufferedReader in, PrintWriter out, Style style, boolean echo,
                         Supplier<RuleNotes> notes) {
        this.questions = List.copyOf(questions);
        this.in = in;
        this.out = out;
        this.style = style;
        this.echo = echo;
        this.notes = notes;
    }

    /** Runs the questionnaire to the accepted summary. */
    public Request run() throws EndOfInput {
        out.println(style.question("Answer a few questions about the cluster to get a network plugin recommendation."));
        out.println(style.quiet("Enter accepts the [default]; ? explains a question and the rules it feeds; "
                + "Ctrl-D stops."));
        askOpenQuestions();
        while (true) {
            List<Question> shown = summary();
            Request request = bind();
            Question change = chooseChange(shown, request);
            if (change == null) {
                return request;
            }
            answers.put(change.key(), ask(change, answers.value(change.key()), true));
            askOpenQuestions();
        }
    }

    /** Asks every question that applies and has no answer; forgets answers to questions that no longer apply. */
    private void askOpenQuestions() throws EndOfInput {
        for (Question question : questions) {
            if (!question.appliesWhen().test(answers)) {
                answers.remove(question.key());
            } else if (!answers.has(question.key())) {
                answers.put(question.key(), ask(question, question.defaultValue(), !question.required()));
            }
        }
    }

    private Object ask(Question question, Object current, boolean hasCurrent) throws EndOfInput {
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
        while (true) {
            String answer = readLine(prompt).strip();
            if (answer.equals("?")) {
                help(question);
            } else if (answer.isEmpty() && hasCurrent) {
                return current;
            } else if (answer.isEmpty()) {
                problem("an answer is required");
            } else if (answer.equals(Question.NONE) && question.noneLabel() != null) {
                return question.none();
            } else {
                try {
                    return question.read(answer);
                } catch (InvalidAnswer e) {
                    problem(e.getMessage());
                }
            }
        }
    }

    private static boolean isNone(Question question, Object value) {
        return value == null || value.equals(question.none());
    }

    private void help(Question question) {
        if (question.help() != null) {
            out.println("  " + question.help());
        }
        notes.get().describe(question.ruleIds()).forEach(line -> out.println("  " + line));
    }

    /** Shows the answers that apply, numbered; returns them in that order. */
    private List<Question> summary() {
        List<Question> shown = questions.stream().filter(q -> answers.has(q.key())).toList();
        int width = shown.stream().mapToInt(q -> q.label().length()).max().orElse(0);
        out.println();
        out.println(style.question("Your answers:"));
        for (int i = 0; i < shown.size(); i++) {
            Question question = shown.get(i);
            out.printf("  %2d  %-" + width + "s  %s%n", i + 1, question.label(),
                    style.value(question.show(answers.value(question.key()))));
        }
        return shown;
    }

    /** The request the answers make, or null after showing why they do not make one (checks across keys). */
    private Request bind() {
        List<Field> fields = new ArrayList<>();
        for (Question question : questions) {
            if (question.requestKey() && answers.has(question.key()) && answers.value(question.key()) != null) {
                fields.add(new Field(question.key(), Mappers.JSON.valueToTree(answers.value(question.key())), 0));
            }
        }
        try {
            return RequestBinder.bind(fields, Question.SOURCE, Questions.DEFAULT_NAME);
        } catch (InputException e) {
            for (InputError error : e.errors()) {
                problem(error.key() == null ? error.message() : error.key() + ": " + error.message());
            }
            return null;
        }
    }

    /** The question the user wants to change, or null when they accept the summary (and it makes a request). */
    private Question chooseChange(List<Question> shown, Request request) throws EndOfInput {
        String prompt = request != null
                ? "Enter to get the recommendation, or a number to change that answer: "
                : "Type the number of an answer to change: ";
        while (true) {
            String answer = readLine(prompt).strip();
            if (answer.isEmpty() && request != null) {
                return null;
            }
            if (answer.equals("?")) {
                out.println("  Type the number in front of an answer to ask that question again"
                        + (request != null ? ", or press Enter to accept them all." : "."));
                continue;
            }
            try {
                int number = Integer.parseInt(answer);
                if (number >= 1 && number <= shown.size()) {
                    return shown.get(number - 1);
                }
            } catch (NumberFormatException notANumber) {
                // reported below, like a number out of range
            }
            problem((answer.isEmpty() ? "fix the answer above first" : "\"" + answer + "\" is not in the list")
                    + "; type a number from 1 to " + shown.size());
        }
    }

    private void problem(String message) {
        out.println(style.error("  ! " + message));
    }

    private String readLine(String prompt) throws EndOfInput {
        out.print(prompt);
        out.flush();
        String line;
        try {
            line = in.readLine();
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
            out.println(line);
        }
        return line;
    }
}
