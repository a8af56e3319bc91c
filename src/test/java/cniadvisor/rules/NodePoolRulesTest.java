package cniadvisor.rules;

import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static cniadvisor.testing.AdviceAssertions.assertCites;
import static cniadvisor.testing.AdviceAssertions.assertNoWarning;
import static cniadvisor.testing.AdviceAssertions.assertText;
import static cniadvisor.testing.AdviceAssertions.assertWarning;
import static cniadvisor.testing.AdviceAssertions.withText;
import static cniadvisor.testing.Fixtures.advise;
import static cniadvisor.testing.Fixtures.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * rules/node-pools.drl: what AKS requires of the pools a request lists. Each finding is an error that names the pool
 * by name and place in nodePools; the flat shorthand's one pool is never judged.
 */
class NodePoolRulesTest {

    // ---- POOL-NO-LINUX-SYSTEM / POOL-WINDOWS-SYSTEM ----

    @Test
    void poolsWithoutALinuxSystemPoolAreAnError() {
        Advice advice = advise("nodePools:",
                "  - {name: apps, mode: user, maxCount: 5, maxSurge: 1}",
                "  - {name: batch, mode: user, maxCount: 5, maxSurge: 1}");

        Reason error = assertWarning(advice, "POOL-NO-LINUX-SYSTEM", "error", "learn-system-pools");
        assertCites(error, "learn-windows-vs-linux");
        assertText(error, "none of the 2 pools is a Linux system pool", "Set mode: system on a Linux pool");
        assertNoWarning(advice, "POOL-WINDOWS-SYSTEM");
    }

    @Test
    void theFirstPoolIsTheSystemPoolUnlessModeSaysOtherwise() {
        Advice advice = advise("nodePools:",
                "  - {name: sys, maxCount: 3, maxSurge: 1}",
                "  - {name: apps, maxCount: 5, maxSurge: 1}");

        assertNoWarning(advice, "POOL-NO-LINUX-SYSTEM");
    }

    @Test
    void aWindowsSystemPoolIsAnErrorNamingThePool() {
        Advice advice = advise("nodePools:",
                "  - {name: sys, maxCount: 3, maxSurge: 1}",
                "  - {name: win, mode: system, os: windows, windowsServerVersion: \"2022\", maxCount: 3, maxSurge: 1}");

        Reason error = assertWarning(advice, "POOL-WINDOWS-SYSTEM", "error", "learn-system-pools");
        assertText(error, "node pool 'win' (nodePools[1]) is a Windows system pool", "Set mode: user on it");
        assertCites(error, "learn-windows-vs-linux");
        assertNoWarning(advice, "POOL-NO-LINUX-SYSTEM");
    }

    @Test
    void theShorthandsWindowsPoolIsNotJudgedAsASystemPool() {
        Advice advice = advise("nodeCount: 10", "windowsNodePools: true", "windowsServerVersion: \"2022\"");

        assertNoWarning(advice, "POOL-WINDOWS-SYSTEM");
        assertNoWarning(advice, "POOL-NO-LINUX-SYSTEM");
    }

    // ---- POOL-MAX-NODES / POOL-TOO-MANY ----

    @Test
    void aPoolAbove1000NodesIsAnErrorPerPool() {
        Advice advice = advise("nodePools:",
                "  - {name: sys, maxCount: 3, maxSurge: 1}",
                "  - {name: big, mode: user, maxCount: 1001, maxSurge: 1}",
                "  - {name: exact, mode: user, maxCount: 1000, maxSurge: 1}");

        Reason error = assertWarning(advice, "POOL-MAX-NODES", "error", "learn-quotas");
        assertText(error, "node pool 'big' (nodePools[1]) may reach 1,001 nodes, but a node pool holds at most 1,000");
    }

    @Test
    void theFlatNodeCountIsTheClustersNotOnePools() {
        assertNoWarning(advise("nodeCount: 1200"), "POOL-MAX-NODES");
    }

    @Test
    void moreThan100PoolsAreAnError() {
        String pools = IntStream.range(0, 101).mapToObj(i -> "{name: p" + i + ", maxCount: 1, maxSurge: 1}")
                .collect(Collectors.joining(", ", "nodePools: [", "]"));

        Reason error = assertWarning(advise(pools), "POOL-TOO-MANY", "error", "learn-quotas");
        assertText(error, "the request lists 101 pools, but an AKS cluster has at most 100");
    }

    @Test
    void exactly100PoolsAreFine() {
        String pools = IntStream.range(0, 100).mapToObj(i -> "{name: p" + i + ", maxCount: 1, maxSurge: 1}")
                .collect(Collectors.joining(", ", "nodePools: [", "]"));

        assertNoWarning(advise(pools), "POOL-TOO-MANY");
    }

    // ---- POOL-NAME-TOO-LONG ----

    @Test
    void poolNamesLongerThanTheirOsAllowsAreErrorsNamingThePool() {
        Advice advice = advise("nodePools:",
                "  - {name: systempool01, maxCount: 3, maxSurge: 1}",
                "  - {name: linuxapps0001, maxCount: 3, maxSurge: 1}",
                "  - {name: win2022, os: windows, windowsServerVersion: \"2022\", maxCount: 3, maxSurge: 1}",
                "  - {name: win22, os: windows, windowsServerVersion: \"2022\", maxCount: 3, maxSurge: 1}");

        List<Reason> errors = warnings(advice, "POOL-NAME-TOO-LONG");
        assertEquals(2, errors.size(), errors::toString);
        errors.forEach(e -> assertEquals("error", e.level()));
        Reason linux = withText(errors, "'linuxapps0001'");
        assertText(linux, "node pool 'linuxapps0001' (nodePools[1]) has a name of 13 characters; Linux pool names may "
                + "have at most 12");
        assertCites(linux, "learn-system-pools");
        Reason windows = withText(errors, "'win2022'");
        assertText(windows, "node pool 'win2022' (nodePools[2]) has a name of 7 characters; Windows pool names may "
                + "have at most 6");
        assertCites(windows, "learn-windows-vs-linux");
    }
}
