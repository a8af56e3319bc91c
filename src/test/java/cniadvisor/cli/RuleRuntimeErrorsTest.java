package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule that only shows its mistake when it runs (it throws, loops, or hands verdict something wrong that its text
 * does not show) ends with exit 3, the rule's file:line and id: the author's mistake, never "a bug in cni-advisor".
 * Each runs as an organisation's rules folder next to the bundled one, through the real entry point, once with a
 * single advise and once in a batch (whose sessions are reused).
 */
class RuleRuntimeErrorsTest {

    private static final String HEADER = """
            package org.rules;
            import cniadvisor.model.*;
            global cniadvisor.engine.Verdict verdict;
            """;

    @TempDir
    Path dir;

    private Path orgRules(String body) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("org"));
        Files.writeString(rules.resolve("org.drl"), HEADER + body);
        return rules;
    }

    /** Exit 3, stderr opening with {@code expectedStart}, and no sign of a bug or a stack trace. */
    private static void assertAuthorError(CliRun run, String expectedStart) {
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith(expectedStart), run::toString);
        assertFalse(run.err().contains("internal error"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    private CliRun advise(Path rules) {
        return CliRun.run("advise", "-f", "examples/requests/payments.yaml", "--rules", "bundled", "--rules",
                rules.toString(), "--as-of", "2026-11-21", "--no-cache");
    }

    private CliRun batch(Path rules) {
        return CliRun.run("batch", "examples/batch/teams.csv", "--rules", "bundled", "--rules", rules.toString(),
                "--as-of", "2026-11-21", "--no-cache", "--threads", "2", "-o", "csv");
    }

    @Test
    void aConsequenceThatThrowsIsNamedWithItsFileAndLine() throws IOException {
        Path rules = orgRules("""
                rule "Divides by the surge"
                    @id("ORG-THROWS") @source("learn-quotas") @decides("x")
                when
                    $r : Request( )
                then
                    int perSurge = $r.nodeCount() / ($r.surgeNodes() - $r.surgeNodes());
                end
                """);
        String expected = "error: " + rules.resolve("org.drl") + ":4: rule \"Divides by the surge\" (ORG-THROWS) "
                + "threw ArithmeticException: / by zero";
        assertAuthorError(advise(rules), expected);
        assertAuthorError(batch(rules), expected);
    }

    @Test
    void aConditionThatThrowsIsNamedWithItsFileAndLine() throws IOException {
        Path rules = orgRules("""
                rule "Reads past the policy"
                    @id("ORG-CONDITION") @source("learn-quotas") @decides("x")
                when
                    Request( networkPolicy.substring(100).length() > 0 )
                then
                    verdict.info(kcontext, "never");
                end
                """);
        String expected = "error: " + rules.resolve("org.drl") + ":4: rule \"Reads past the policy\" (ORG-CONDITION) "
                + "has a condition that threw (networkPolicy.substring(100).length() > 0): StringIndexOutOfBoundsException: ";
        assertAuthorError(advise(rules), expected);
        assertAuthorError(batch(rules), expected);
    }

    @Test
    void aRuleThatKeepsFiringIsNamed() throws IOException {
        Path rules = orgRules("""
                rule "Counts forever"
                    @id("ORG-LOOPS") @source("learn-quotas") @decides("x")
                when
                    $r : Request( )
                then
                    update($r);
                end
                """);
        String expected = "error: " + rules.resolve("org.drl") + ":4: rule \"Counts forever\" (ORG-LOOPS) keeps "
                + "re-activating itself: it fired ";
        assertAuthorError(advise(rules), expected);
        assertAuthorError(batch(rules), expected);
    }

    @Test
    void aNoteForAnOptionBuiltAtRunTimeIsCheckedWhenItRuns() throws IOException {
        Path rules = orgRules("""
                rule "Notes a made-up option"
                    @id("ORG-NOTE") @source("learn-quotas") @decides("x")
                when
                    $r : Request( )
                then
                    verdict.note(kcontext, $r.trafficPattern() + "-cni", "a note");
                end
                """);
        assertAuthorError(advise(rules), "error: " + rules.resolve("org.drl") + ":4: rule \"Notes a made-up "
                + "option\" (ORG-NOTE) calls verdict.note(...) for option 'intra-cluster-cni', which is not an option in "
                + "facts/ (one of azure-cni-overlay, azure-cni-pod-subnet, azure-cni-node-subnet, kubenet, byo-cni)");
    }
}
