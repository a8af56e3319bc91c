package cniadvisor.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cniadvisor.testing.Fixtures;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The plain guidance of {@code ?} (guidance.yaml): one text per question, in step with the questions. */
class GuidanceTest {

    private static final List<Question> QUESTIONS = Questions.forBinder(Fixtures.binder());

    @Test
    void everyQuestionHasGuidanceAndEveryTextAQuestion() {
        Guidance guidance = Guidance.load();
        Set<String> missing = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (Question question : QUESTIONS) {
            if (guidance.forQuestion(question).isEmpty()) {
                missing.add(question.key());
            }
            used.add(Guidance.keyOf(question));
        }
        assertEquals(Set.of(), missing, "questions without guidance");
        Set<String> stale = new TreeSet<>(guidance.keys());
        stale.removeAll(used);
        assertEquals(Set.of(), stale, "guidance for no question");
    }

    /** Limits and dates live in facts/ with their sources; the guidance only says what an answer changes. */
    @Test
    void theGuidanceHoldsNoNumbers() {
        Guidance guidance = Guidance.load();
        Pattern number = Pattern.compile("(?<![A-Za-z])\\d+");
        for (String key : guidance.keys()) {
            String text = guidance.forQuestion(QUESTIONS.stream().filter(q -> Guidance.keyOf(q).equals(key))
                    .findFirst().orElseThrow()).orElseThrow();
            Matcher found = number.matcher(text);
            if (found.find()) {
                throw new AssertionError(key + ": a number in the guidance (" + found.group() + "); it belongs in "
                        + "facts/, with its source");
            }
        }
    }

    @Test
    void poolQuestionsShareTheirGuidance() {
        assertEquals("pool.maxCount", Guidance.keyOf(question("nodePools[1].maxCount")));
        assertEquals("pool.maxCount", Guidance.keyOf(question("nodePools[9].maxCount")));
        assertEquals(Questions.ADD_POOL, Guidance.keyOf(question("addPool3")));
        assertEquals("networkPolicy", Guidance.keyOf(question("networkPolicy")));
    }

    @Test
    void wrapBreaksBetweenWords() {
        assertEquals(List.of("one two", "three", "four five"), Guidance.wrap(" one two three\n four  five ", 9));
        assertEquals(List.of("unbreakable-word", "x"), Guidance.wrap("unbreakable-word x", 5));
    }

    private static Question question(String key) {
        return QUESTIONS.stream().filter(q -> q.key().equals(key)).findFirst().orElseThrow();
    }
}
