package cniadvisor.ipplan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cniadvisor.ipplan.Cidrs.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CidrsTest {

    /** Spans answer overlap and containment as the IPAddress library does for the same blocks. */
    @Test
    void spansAgreeWithTheLibrary() {
        Random random = new Random(7);
        List<String> blocks = new ArrayList<>(List.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.0.10/32",
                "255.255.255.255/32", "192.168.0.0/16", "100.64.0.0/10"));
        for (int i = 0; i < 200; i++) {
            int prefix = 8 + random.nextInt(25);
            long first = (random.nextInt(4) == 0 ? 0x0A000000L : 0L) | (random.nextLong() & 0x00FFFFFFL);
            blocks.add(Cidrs.blockAt(first & -(1L << (32 - prefix)), prefix));
        }
        for (String a : blocks) {
            for (String b : blocks) {
                assertEquals(Cidrs.overlaps(a, b), Span.of(a).overlaps(Span.of(b)), a + " overlaps " + b);
                assertEquals(Cidrs.contains(a, b), Span.of(a).contains(Span.of(b)), a + " contains " + b);
            }
        }
    }
}
