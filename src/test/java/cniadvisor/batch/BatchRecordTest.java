package cniadvisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cniadvisor.io.InputError;
import cniadvisor.io.RequestBinder.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a request read from a batch input is named before (or without) binding. */
class BatchRecordTest {

    @Test
    void defaultNamesUseTheFileNameWithoutItsFolder() {
        assertEquals("teams.csv#7", BatchRecord.defaultName("examples/batch/teams.csv", 7));
        assertEquals("stdin#1", BatchRecord.defaultName("stdin", 1));
    }

    @Test
    void anUnusableNameLeavesTheDefaultName() {
        BatchRecord named = BatchRecord.of("t.csv", 2, 1, List.of(Field.text("name", "  payments ", 2)), List.of());
        BatchRecord blank = BatchRecord.of("t.csv", 3, 2, List.of(Field.text("name", " ", 3)), List.of());
        BatchRecord escape = BatchRecord.of("t.csv", 4, 3, List.of(Field.text("name", "a\u001b[2Jb", 4)), List.of());
        BatchRecord failed = BatchRecord.failed("dir/t.csv", 4, "cannot read: gone");

        assertEquals("payments", named.displayName());
        assertEquals("t.csv#2", blank.displayName());
        assertEquals("t.csv#3", escape.displayName());
        assertEquals("t.csv#4", failed.displayName());
        assertEquals(List.of(new InputError("dir/t.csv", 0, null, "cannot read: gone")), failed.readErrors());
    }
}
