package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Folders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static cniadvisor.testing.Fixtures.FACTS;
import static cniadvisor.testing.Fixtures.RULES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken rules or facts end with exit 3 and messages that point at the file and line (and, for DRL syntax
 * errors, the column). Each test breaks a copy of the bundled folders, never the originals, and runs without
 * the rule-base cache.
 */
class RuleLoadErrorsTest {

    private static final String PAYMENTS = "examples/requests/payments.yaml";
    private static final String CLUSTER_LIMIT_RULE = "rule \"Node count above the cluster limit\"";

    @TempDir
    Path dir;

    private Path rules;
    private Path facts;

    @BeforeEach
    void copyBundledFolders() {
        rules = Folders.copy(RULES, dir.resolve("rules"));
        facts = Folders.copy(FACTS, dir.resolve("facts"));
    }

    private CliRun advise() {
        return CliRun.run("advise", "-f", PAYMENTS, "--rules", rules.toString(), "--facts", facts.toString(),
                "--as-of", "2026-11-21", "--no-cache");
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** Exit 3, nothing on stdout, and no trace of Java internals on stderr. */
    private static void assertRulesError(CliRun run) {
        assertEquals(ExitCode.RULES_ERROR.code(), run.exitCode(), run::toString);
        assertEquals("", run.out(), "nothing on stdout");
        assertFalse(run.err().contains("at cniadvisor"), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    @Test
    void aDrlSyntaxErrorNamesTheFileLineAndColumn() {
        Path scale = rules.resolve("scale.drl");
        // drop the closing parenthesis: the parser stumbles on the next line's first token, indented by 4, so it is
        // in column 5 (columns count from 1, as editors count them)
        String pattern = "value < reach($nodes, $surge), $subject : subject";
        Folders.edit(scale, pattern + " )", pattern);
        int nextLine = Folders.lineOf(scale, pattern) + 1;

        CliRun run = advise();

        assertRulesError(run);
        assertTrue(run.err().startsWith(lines("error: rules failed to load:") + "  " + scale + ":" + nextLine + ":5: "),
                run::toString);
        assertFalse(run.err().contains("Parser returned a null Package"), run::toString);
    }

    @Test
    void aDrlSyntaxErrorIsReportedOnlyByTheToolNotAgainByDroolsLog() {
        Folders.edit(rules.resolve("scale.drl"), "$subject : subject )", "$subject : subject");
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        CliRun run;
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        try {
            run = advise();
        } finally {
            System.setErr(original);
        }

        assertRulesError(run);
        assertEquals("", processErr.toString(StandardCharsets.UTF_8), "log lines on the process's stderr");
    }

    @Test
    void anUnknownSourceIdInAtSourceIsNamedAtTheRule() {
        Path scale = rules.resolve("scale.drl");
        Folders.edit(scale, "@source(\"learn-quotas\")", "@source(\"learn-quotas, no-such-source\")");

        CliRun run = advise();

        assertRulesError(run);
        assertEquals(lines("error: rules failed to load:",
                "  " + scale + ":" + Folders.lineOf(scale, CLUSTER_LIMIT_RULE) + ": " + CLUSTER_LIMIT_RULE
                        + " cites unknown source id 'no-such-source' (sources are listed in facts/sources.yaml)"),
                run.err());
    }

    @Test
    void aRuleWithoutAnIdIsNamed() {
        Path scale = rules.resolve("scale.drl");
        Folders.edit(scale, "    @id(\"SCALE-CLUSTER-MAX-NODES\")\n", "");

        CliRun run = advise();

        assertRulesError(run);
        assertEquals(lines("error: rules failed to load:",
                "  " + scale + ":" + Folders.lineOf(scale, CLUSTER_LIMIT_RULE) + ": " + CLUSTER_LIMIT_RULE
                        + " has no @id(\"...\")"),
                run.err());
    }

    @Test
    void aDuplicateRuleIdNamesBothRules() {
        Path scale = rules.resolve("scale.drl");
        Folders.edit(scale, "@id(\"SCALE-CLUSTER-MAX-NODES\")", "@id(\"SCALE-MAX-NODES\")");
        String first = scale + ":" + Folders.lineOf(scale, "rule \"Node count above a component's limit\"");
        String second = scale + ":" + Folders.lineOf(scale, CLUSTER_LIMIT_RULE);

        CliRun run = advise();

        assertRulesError(run);
        assertTrue(run.err().equals(lines("error: rules failed to load:",
                        "  " + second + ": duplicate rule id SCALE-MAX-NODES (also at " + first + ")"))
                        || run.err().equals(lines("error: rules failed to load:",
                        "  " + first + ": duplicate rule id SCALE-MAX-NODES (also at " + second + ")")),
                run::toString);
    }

    @Test
    void anUnknownSourceIdInASupportEntryIsNamedWithFileAndLine() {
        Path support = facts.resolve("support.yaml");
        String entry = "feature: sharedSubnet, level: unsupported, sources: [learn-cni-overview, ";
        Folders.edit(support, entry + "learn-kubenet]", entry + "no-such-source]");

        CliRun run = advise();

        assertRulesError(run);
        assertEquals(lines("error: facts failed to load:",
                "  " + support + ":" + Folders.lineOf(support, "no-such-source")
                        + ": sources: unknown source id 'no-such-source'"),
                run.err());
    }

    @Test
    void anImpossibleDateInFactsIsNamedWithTheLineOfItsEntry() {
        Path lifecycle = facts.resolve("lifecycle.yaml");
        Folders.edit(lifecycle, "date: 2028-03-31", "date: 2028-02-30");

        CliRun run = advise();

        assertRulesError(run);
        assertEquals(lines("error: facts failed to load:",
                "  " + lifecycle + ":" + Folders.lineOf(lifecycle, "- id: kubenet")
                        + ": date: expected a date as YYYY-MM-DD"),
                run.err());
    }

    @Test
    void aRangeInFactsThatIsNotIPv4IsNamedWithTheLineOfItsEntry() {
        Path planning = facts.resolve("ip-planning.yaml");
        Folders.edit(planning, "cidr: 169.254.0.0/16", "cidr: fe80::/10");

        CliRun run = advise();

        assertRulesError(run);
        assertEquals(lines("error: facts failed to load:",
                "  " + planning + ":" + Folders.lineOf(planning, "fe80::/10") + ": cidr: 'fe80::/10' is not an IPv4"
                        + " network (a.b.c.d/n, the network address of its prefix) or an IPv4 address (a.b.c.d)"),
                run.err());
    }

    @Test
    void theUnbrokenCopiesLoad() {
        CliRun run = advise();

        assertEquals(ExitCode.OK.code(), run.exitCode(), run::toString);
    }
}
