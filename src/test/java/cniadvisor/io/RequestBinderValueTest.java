package cniadvisor.io;

import cniadvisor.contract.RequestContract;
import cniadvisor.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cniadvisor.io.RequestBinder.Field;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one-value-at-a-time API the questionnaire uses: same readers, same messages as a request file. */
class RequestBinderValueTest {

    @Test
    void readsOneValueAsBindWould() throws InputException {
        assertEquals(12, Fixtures.binder().readValue(Field.text("nodeCount", "12", 0), "answer"));
        assertEquals("10.1.0.0/16", Fixtures.binder().readValue(Field.text("podCidr", " 10.1.0.0/16 ", 0), "answer"));
        assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16"), Fixtures.binder().readValue(new Field("connectedNetworks",
                JsonNodeFactory.instance.arrayNode().add("10.0.0.0/8").add("192.168.0.0/16"), 0), "answer"));
        assertNull(Fixtures.binder().readValue(Field.text("podCidr", "", 0), "answer"));
    }

    @Test
    void reportsTheFileReadersMessage() {
        InputException e = assertThrows(InputException.class,
                () -> Fixtures.binder().readValue(Field.text("maxPodsPerNode", "300", 4), "answer"));
        assertEquals(List.of(new InputError("answer", 4, "maxPodsPerNode",
                "expected a whole number from 10 to 250, got \"300\"")), e.errors());
    }

    @Test
    void wholeNumbersAreASCIIDigitsWithAnOptionalSign() throws InputException {
        assertEquals(12, Fixtures.binder().readValue(Field.text("nodeCount", "+12", 0), "answer"));
        for (String notANumber : List.of("\u0661\u0662", "12a", "+", "-", "1.5", "1e3", "99999999999")) {
            InputException e = assertThrows(InputException.class,
                    () -> Fixtures.binder().readValue(Field.text("nodeCount", notANumber, 2), "answer"), notANumber);
            assertEquals("expected a whole number from 1 up, got \"" + notANumber + "\"", e.errors().get(0).message());
        }
    }

    @Test
    void unknownKeysAreAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.binder().readValue(Field.text("nodes", "1", 0), "x"));
    }

    @Test
    void boundsAndDefaultsComeFromTheContract() {
        RequestContract contract = Fixtures.binder().contract();
        assertEquals(1, contract.key("nodeCount").min());
        assertNull(contract.key("nodeCount").max());
        assertEquals(10, contract.key("maxPodsPerNode").min(), "facts/: node.lowestMaxPods");
        assertEquals(250, contract.key("maxPodsPerNode").max(), "facts/: node.highestMaxPods");
        assertNull(contract.key("surgeNodes").defaultValue());
        assertNull(contract.key("maxSurge").defaultValue());
        assertEquals("mixed", contract.key("trafficPattern").defaultValue());
        assertEquals(false, contract.key("dualStack").defaultValue());
        assertNull(contract.key("maxPodsPerNode").defaultValue());
    }
}
