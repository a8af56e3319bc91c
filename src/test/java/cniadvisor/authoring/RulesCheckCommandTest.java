package cniadvisor.authoring;

import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import cniadvisor.testing.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rules check}: each kind of broken rule or fact is reported with the right message and location. */
class RulesCheckCommandTest {

    private static final String HEADER = """
            package cniadvisor.rules;
            import cniadvisor.model.*;
            global cniadvisor.engine.Verdict verdict;

            """;

    @TempDir
    Path dir;

    private Path drl(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + body);
        return file;
    }

    private static List<String> lines(CliRun run) {
        return run.out().lines().toList();
    }

    @Test
    void bundledRulesAndFactsAreOk() {
        CliRun run = CliRun.run("rules", "check");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(Fixtures.advisor().rules().rules().size() + " rules, 9 fact files: ok"), lines(run));
    }

    @Test
    void syntaxErrorGivesFileLineColumnAndTheParserMessage() throws IOException {
        Path file = drl("broken.drl", """
                rule "Broken"
                    @id("X-1")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    Request( windowsNodePools
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(file + ":11:5: [ERR 102] mismatched input '$c' in rule \"Broken\"", "1 problem"),
                lines(run));
    }

    @Test
    void unknownFieldIsNamedAtItsColumnWithTheFieldMeant() throws IOException {
        Path file = drl("fields.drl", """
                rule "Unknown fields"
                    @id("X-1")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    Request( nodePoolsGivn )
                    $c : Candidate( colour == "red" )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(
                file + ":10:14: unknown field 'nodePoolsGivn' on Request (expression: nodePoolsGivn); did you mean "
                        + "'nodePoolsGiven'?",
                file + ":11:21: unknown field 'colour' on Candidate (expression: colour == \"red\"); its fields are "
                        + "option, dataplane, policy, components",
                "2 problems"), lines(run));
    }

    @Test
    void errorInAConsequenceIsReportedAtTheLineThatHasIt() throws IOException {
        Path file = drl("consequence.drl", """
                rule "Typo in the consequence"
                    @id("X-1")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    $c : Candidate( )
                then
                    verdict.exclud(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(file + ":12:13: The method exclud(RuleContext, Candidate, String) is undefined for the type "
                + "Verdict (in the consequence after 'then')", lines(run).get(0));
    }

    @Test
    void unknownSourceIdIsReportedAtTheRule() throws IOException {
        Path file = drl("sources.drl", """
                rule "Cites a source that does not exist"
                    @id("X-1")
                    @source("learn-cni-overview, no-such-source")
                    @decides("x")
                when
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(file + ":5: rule \"Cites a source that does not exist\" cites unknown source id "
                + "'no-such-source' (sources are listed in facts/sources.yaml)", "1 problem"), lines(run));
    }

    @Test
    void duplicateIdNamesBothPlacesAcrossRuleFolders() throws IOException {
        Path team = Files.createDirectories(dir.resolve("team"));
        Files.writeString(team.resolve("team.drl"), HEADER.replace("cniadvisor.rules", "team.rules") + """
                rule "Team copy of a bundled id"
                    @id("ELIG-UNSUPPORTED-FEATURE")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", "bundled", "--rules", team.toString());
        assertEquals(3, run.exitCode(), run::toString);
        List<String> lines = lines(run);
        assertEquals(2, lines.size(), run::toString);
        assertTrue(lines.get(0).contains(": duplicate rule id ELIG-UNSUPPORTED-FEATURE (also at "), lines.get(0));
        // both places, whichever sorts first
        assertTrue(lines.get(0).contains(team.resolve("team.drl") + ":5"), lines.get(0));
        assertTrue(lines.get(0).contains("rules/eligibility.drl:9"), lines.get(0));
        assertEquals("1 problem", lines.get(1));
    }

    @Test
    void aRuleMayNotTakeTheIdOfABatchCheck() throws IOException {
        Path file = drl("clash.drl", """
                rule "Takes a batch check's id"
                    @id("BATCH-NODE-SUBNET-OVERLAP")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        Path checks = Fixtures.FACTS.resolve("batch-checks.yaml").toAbsolutePath();
        assertEquals(List.of(file + ":5: rule id BATCH-NODE-SUBNET-OVERLAP is the id of a batch check (" + checks
                + ":" + Folders.lineOf(checks, "check: node-subnet-overlap") + "); give the rule an id of its own",
                "1 problem"), lines(run));
    }

    @Test
    void aRuleCannotReadTheRequestsNameForTheNameIsNotInTheRequest() throws IOException {
        Path file = drl("name.drl", """
                rule "Reads the name"
                    @id("X-1")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    Request( name == "prod" )
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(lines(run).get(0).startsWith(file + ":10:14: unknown field 'name' on Request"), run::toString);
    }

    @Test
    void missingIdAndBadWeightAreErrorsAndMissingDecidesIsAWarning() throws IOException {
        Path file = drl("meta.drl", """
                rule "No id"
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end

                rule "Bad weight, no decides"
                    @id("X-2")
                    @source("learn-cni-overview")
                    @weight(high)
                when
                    $c : Candidate( )
                then
                    verdict.score(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(
                file + ":5: rule \"No id\" has no @id(\"...\")",
                file + ":14: rule \"Bad weight, no decides\" has @weight(high); a weight is a whole number, "
                        + "e.g. @weight(-20)",
                file + ":14: warning: rule \"Bad weight, no decides\" has no @decides(\"...\"): say in one sentence "
                        + "what it decides, for rules list and rules doc",
                "2 problems (1 warning)"), lines(run));
    }

    @Test
    void aWarningAloneDoesNotFailTheCheck() throws IOException {
        Path file = drl("ok.drl", """
                rule "Fine but undocumented"
                    @id("X-1")
                    @source("learn-cni-overview")
                when
                    $c : Candidate( )
                then
                    verdict.exclude(kcontext, $c, "x");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("1 rule, 9 fact files: ok (1 warning)", lines(run).get(1));
        assertTrue(lines(run).get(0).startsWith(file + ":5: warning: "), run::toString);
    }

    @Test
    void ruleErrorsComeFirstThenFactsErrorsWithFileLineAndKey() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("a.drl"), HEADER + """
                rule "A"
                    @id("X-1")
                    @source("learn-cni-overview")
                    @decides("x")
                when
                    Request( nodePoolsGivn )
                then
                    verdict.info(kcontext, "x");
                end
                """);
        Path facts = Files.createDirectories(dir.resolve("facts"));
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            for (Path f : files.toList()) {
                Files.copy(f, facts.resolve(f.getFileName()));
            }
        }
        Files.writeString(facts.resolve("zz-team.yaml"), """
                limits:
                  - {subject: kubenet, name: maxNodez, value: 1, unit: nodes, sources: [no-such-source]}
                  - {subject: kubenet, name: otherLimit, value: 2, colour: red, sources: [learn-kubenet]}
                  - {subject: byo-cni, name: recommendedMaxPods, value: 9, includesSurge: true, sources: [learn-byo-cni]}
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", rules.toString(), "--facts", facts.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(
                rules.resolve("a.drl") + ":10:14: unknown field 'nodePoolsGivn' on Request (expression: nodePoolsGivn); "
                        + "did you mean 'nodePoolsGiven'?",
                facts.resolve("zz-team.yaml") + ":3: unknown key 'colour'; allowed: includesSurge, name, note, "
                        + "sources, subject, unit, value",
                facts.resolve("zz-team.yaml") + ":2: name: 'maxNodez' is not a declared limit name; did you mean "
                        + "'maxNodes'? (a new limit's name goes under limitNames: first, with its unit and meaning)",
                facts.resolve("zz-team.yaml") + ":4: includesSurge: only a limit on nodes can count surge nodes; "
                        + "recommendedMaxPods is in pods per node",
                facts.resolve("zz-team.yaml") + ":2: sources: unknown source id 'no-such-source'",
                "5 problems"), lines(run));
    }

    @Test
    void conflictsAreCheckedLikeTheOtherFacts() throws IOException {
        Path facts = Files.createDirectories(dir.resolve("facts"));
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            for (Path f : files.toList()) {
                Files.copy(f, facts.resolve(f.getFileName()));
            }
        }
        Files.writeString(facts.resolve("zz-team.yaml"), """
                conflicts:
                  - {features: [nodeAutoProvisioning, windowz], level: error, note: x, sources: [learn-nap]}
                  - {features: [dualStack], level: fatal, note: x, sources: [no-such-source]}
                  - {features: [sharedSubnet, customCni], level: info, sources: [learn-byo-cni]}
                  - {features: [windows, nodeAutoProvisioning], level: warning, note: x, sources: [learn-nap]}
                  - {features: [windows, virtualNodes], level: warning, note: x, colour: red, sources: [learn-nap]}
                """);
        CliRun run = CliRun.run("rules", "check", "--facts", facts.toString());
        assertEquals(3, run.exitCode(), run::toString);
        Path file = facts.resolve("zz-team.yaml");
        assertEquals(List.of(
                file + ":6: unknown key 'colour'; allowed: features, level, note, sources",
                file + ":5: duplicate conflict '[nodeAutoProvisioning, windows]' (first defined at "
                        + facts.resolve("support.yaml") + ":" + lineOf(facts.resolve("support.yaml"),
                        "features: [nodeAutoProvisioning, windows]") + ")",
                file + ":3: sources: unknown source id 'no-such-source'",
                file + ":2: features: 'windowz' is not a feature; did you mean 'windows'? (features: declares them)",
                file + ":3: features: name two different features, e.g. [nodeAutoProvisioning, windows]",
                file + ":3: level: 'fatal' is not one of error, warning, info",
                file + ":4: note: required (say what goes wrong and what to do)",
                "7 problems"), lines(run));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> all = Files.readAllLines(file);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void mistakesTheRuleTextShowsAreFoundBeforeTheRuleRuns() throws IOException {
        Path file = drl("text.drl", """
                rule "Scores without a weight"
                    @id("T-1") @source("learn-cni-overview") @decides("x")
                when
                    $c : Candidate( )
                then
                    verdict.score(kcontext, $c, "x");
                end

                rule "Wrong number of arguments"
                    @id("T-2") @source("learn-cni-overview") @decides("x")
                when
                    $r : Request( )
                then
                    verdict.warning(kcontext, "%s nodes, %s pods, %d%% surge",
                            $r.nodeCount(), $r.maxPodsPerNode());
                end

                rule "Notes an option that does not exist"
                    @id("T-3") @source("learn-cni-overview") @decides("x")
                when
                    Request( )
                then
                    verdict.note(kcontext, "azure-cni-overlayy", "x");
                end

                rule "Matches a limit name nobody declared"
                    @id("T-4") @source("learn-cni-overview") @decides("x")
                when
                    $l : Limit( subject == "kubenet", name == "maxNodez" )
                then
                    verdict.info(kcontext, $l, "%d", $l.value());
                end

                rule "Ends the JVM"
                    @id("T-5") @source("learn-cni-overview") @decides("x")
                when
                    Request( )
                then
                    System.exit(0);
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(
                file + ":10: rule \"Scores without a weight\" calls verdict.score(...) but has no @weight(...), e.g. "
                        + "@weight(-20)",
                file + ":18: rule \"Wrong number of arguments\": the text of verdict.warning has 3 format "
                        + "placeholders but 2 arguments follow it",
                file + ":27: rule \"Notes an option that does not exist\" notes option \"azure-cni-overlayy\", which "
                        + "facts/ does not have (options: azure-cni-node-subnet, azure-cni-overlay, "
                        + "azure-cni-pod-subnet, byo-cni, kubenet)",
                file + ":33: rule \"Matches a limit name nobody declared\" matches Limit name \"maxNodez\", which no "
                        + "limit in facts/ has (limitNames: "
                        + String.join(", ", Fixtures.advisor().knowledge().limitNames()) + ")",
                file + ":43: rule \"Ends the JVM\" calls System.exit or Runtime: a rule only records through verdict",
                "5 problems"), lines(run));
    }

    @Test
    void aCompileErrorInOneFileStillLetsTheOtherFilesBeChecked() throws IOException {
        Path broken = drl("a-broken.drl", """
                rule "Broken"
                    @id("B-1") @source("learn-cni-overview") @decides("x")
                when
                    Request( nodePoolsGivn )
                then
                end
                """);
        Path other = drl("b-other.drl", """
                rule "Cites nothing known"
                    @id("B-2") @source("no-such-source") @decides("x")
                when
                    Request( )
                then
                    verdict.info(kcontext, "%s", "a", "b");
                end
                """);
        CliRun run = CliRun.run("rules", "check", "--rules", dir.toString());
        assertEquals(3, run.exitCode(), run::toString);
        List<String> lines = lines(run);
        assertTrue(lines.get(0).startsWith(broken + ":8:"), run::toString);
        assertEquals(List.of(
                other + ":5: rule \"Cites nothing known\" cites unknown source id 'no-such-source' (sources are listed "
                        + "in facts/sources.yaml)",
                other + ":10: rule \"Cites nothing known\": the text of verdict.info has 1 format placeholder but 2 "
                        + "arguments follow it",
                "3 problems"), lines.subList(1, lines.size()));
    }

    @Test
    void linksAndFoldersWhereRuleFilesBelongAreNamed() throws IOException {
        drl("good.drl", """
                rule "Fine"
                    @id("L-1") @source("learn-cni-overview") @decides("x")
                when
                    Request( )
                then
                    verdict.info(kcontext, "fine");
                end
                """);
        Files.createDirectories(dir.resolve("folder.drl"));
        Files.createSymbolicLink(dir.resolve("dangling.drl"), dir.resolve("gone.drl"));
        Files.createSymbolicLink(dir.resolve("loop-a.drl"), dir.resolve("loop-b.drl"));
        Files.createSymbolicLink(dir.resolve("loop-b.drl"), dir.resolve("loop-a.drl"));
        for (String command : List.of("check", "test")) {
            CliRun run = CliRun.run("rules", command, "--rules", dir.toString());
            String said = run.out() + run.err(); // check reports on stdout, test on stderr
            assertEquals(3, run.exitCode(), run::toString);
            assertTrue(said.contains(dir.resolve("dangling.drl") + ": a symbolic link to " + dir.resolve("gone.drl")
                    + ", which does not exist or loops"), run::toString);
            assertTrue(said.contains(dir.resolve("loop-a.drl") + ": a symbolic link to "
                    + dir.resolve("loop-b.drl") + ", which does not exist or loops"), run::toString);
            assertFalse(said.contains("folder.drl"), run::toString);
            assertFalse(said.contains("internal error"), run::toString);
        }
        CliRun advise = CliRun.run("advise", "-f", "examples/requests/payments.yaml", "--rules", dir.toString());
        assertEquals(3, advise.exitCode(), advise::toString);
        assertTrue(advise.err().contains(dir.resolve("dangling.drl") + ": a symbolic link"), advise::toString);
    }

    @Test
    void aMissingRulesFolderIsAProblemNotACrash() {
        CliRun run = CliRun.run("rules", "check", "--rules", dir.resolve("nope").toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(dir.resolve("nope") + ": rules folder not found", "1 problem"), lines(run));
    }
}
