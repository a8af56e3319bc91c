package cniadvisor.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.RequestBinder;
import cniadvisor.model.Request;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The question catalogue against the request contract it must produce. */
class QuestionsTest {

    private static Question question(String key) {
        return Questions.ALL.stream().filter(q -> q.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void everyRequestKeyIsAskedExactlyOnceAndNothingElseBecomesAKey() {
        List<String> requestKeys = Questions.ALL.stream().filter(Question::requestKey).map(Question::key).toList();
        List<String> asked = RequestBinder.KEYS.stream()
                .filter(key -> !RequestBinder.ALTERNATIVE_KEYS.containsKey(key)).toList();
        assertEquals(Set.copyOf(asked), Set.copyOf(requestKeys));
        assertEquals(asked.size(), requestKeys.size());
        RequestBinder.ALTERNATIVE_KEYS.values().forEach(key -> assertTrue(requestKeys.contains(key), key));
        assertEquals(List.of(Questions.SPECIAL_FEATURES, Questions.KNOWS_ADDRESSES),
                Questions.ALL.stream().filter(q -> !q.requestKey()).map(Question::key).toList());
    }

    @Test
    void choicesOfferEveryContractValueWithADescription() {
        assertEquals(Request.NETWORK_POLICIES, values("networkPolicy"));
        assertEquals(Request.TRAFFIC_PATTERNS, values("trafficPattern"));
        assertEquals(Request.WINDOWS_VERSIONS, values("windowsServerVersion"));
        List<String> plugins = new java.util.ArrayList<>();
        plugins.add(null); // "new": no current plugin
        plugins.addAll(RequestBinder.CURRENT_PLUGINS);
        assertEquals(plugins, values("currentPlugin"));
        Questions.ALL.forEach(q -> q.choices().forEach(c ->
                assertFalse(c.description().isBlank(), q.key() + " choice " + c.name() + " has no description")));
    }

    private static List<String> values(String key) {
        return question(key).choices().stream().map(Choice::value).toList();
    }

    @Test
    void defaultsAreTheContractDefaults() {
        for (Question question : Questions.ALL) {
            if (!question.requestKey() || question.key().equals("name")
                    || question.key().equals("windowsServerVersion")) {
                continue;
            }
            Object contract = RequestBinder.defaultValue(question.key());
            Object asked = question.defaultValue();
            assertTrue(Objects.equals(contract, asked) || question.required(),
                    question.key() + ": questionnaire default " + asked + ", contract default " + contract);
        }
        assertEquals(RequestBinder.WINDOWS_DEFAULT_VERSION, question("windowsServerVersion").defaultValue());
    }

    @Test
    void onlyTheNodeCountIsRequired() {
        assertEquals(List.of("nodeCount"), Questions.ALL.stream().filter(Question::required).map(Question::key)
                .toList());
    }

    @Test
    void numberHintsComeFromTheContractRanges() {
        assertEquals("1 or more", question("nodeCount").hint());
        assertEquals("10 to 250", question("maxPodsPerNode").hint());
        assertEquals("node count or percentage, e.g. 3 or 33%", question("maxSurge").hint());
    }
}
