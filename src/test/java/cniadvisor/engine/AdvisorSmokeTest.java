package cniadvisor.engine;

import cniadvisor.model.Advice;
import org.junit.jupiter.api.Test;

import static cniadvisor.testing.Fixtures.advise;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AdvisorSmokeTest {

    @Test
    void noConstraintsGivesOverlayWithCilium() {
        Advice advice = advise("nodeCount: 10");
        assertEquals("azure-cni-overlay", advice.recommendation().option());
        assertEquals("cilium", advice.recommendation().dataplane());
        assertEquals("cilium", advice.recommendation().networkPolicy());
    }
}
