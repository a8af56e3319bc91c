package cniadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputErrorTest {

    @Test
    void formatWithLineAndKey() {
        assertEquals("a.yaml:3: podCidr: bad", new InputError("a.yaml", 3, "podCidr", "bad").format());
    }

    @Test
    void formatLeavesOutUnknownLine() {
        assertEquals("a.yaml: nodeCount: required", new InputError("a.yaml", 0, "nodeCount", "required").format());
    }

    @Test
    void formatLeavesOutMissingKey() {
        assertEquals("a.yaml:1: broken", new InputError("a.yaml", 1, null, "broken").format());
        assertEquals("a.yaml: empty", new InputError("a.yaml", 0, null, "empty").format());
    }

    @Test
    void exceptionMessageIsOneLinePerError() {
        InputException e = new InputException(List.of(new InputError("f", 1, "k", "one"),
                new InputError("f", 0, null, "two")));

        assertEquals("f:1: k: one\nf: two", e.getMessage());
        assertEquals(2, e.errors().size());
    }

    @Test
    void exceptionNeedsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new InputException(List.of()));
    }
}
