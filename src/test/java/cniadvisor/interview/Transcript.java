package cniadvisor.interview;

import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A questionnaire run on piped answers: the request it made and what the screen showed. */
record Transcript(NamedRequest request, String screen) {

    /** An empty line: Enter, accepting the default. */
    static final String ENTER = "";

    private static final Map<String, String> KEY_BY_PROMPT = Questions.forBinder(Fixtures.binder()).stream()
            .collect(Collectors.toMap(Question::prompt, Question::key));

    /** Runs the questionnaire on these answers, one per line, with the bundled rules for ? help. */
    static Transcript of(String... answers) throws EndOfInput {
        StringWriter screen = new StringWriter();
        Questionnaire questionnaire = new Questionnaire(Fixtures.binder(), reader(answers), new PrintWriter(screen),
                Style.PLAIN, true, () -> RuleNotes.of(Fixtures.advisor()));
        try {
            return new Transcript(questionnaire.run(), screen.toString());
        } catch (Interrupted e) {
            throw new AssertionError("plain lines cannot be interrupted by Ctrl-C", e);
        }
    }

    static BufferedReader reader(String... answers) {
        return new BufferedReader(new StringReader(String.join("\n", answers) + "\n"));
    }

    /** The keys of the questions shown, in order (a question asked again appears again). */
    List<String> asked() {
        return screen.lines().map(KEY_BY_PROMPT::get).filter(key -> key != null).toList();
    }

    /** The screen lines that start with {@code prefix} (after indentation). */
    List<String> lines(String prefix) {
        return screen.lines().map(String::strip).filter(line -> line.startsWith(prefix)).toList();
    }

    /** The summary shown last, as "label  value" lines without their numbers. */
    List<String> lastSummary() {
        String[] blocks = screen.split("Your answers:\n");
        String last = blocks[blocks.length - 1];
        return last.lines().takeWhile(line -> line.matches(" *\\d+ .*"))
                .map(line -> line.strip().replaceFirst("^\\d+\\s+", "").replaceAll("\\s{2,}", "  "))
                .toList();
    }
}
