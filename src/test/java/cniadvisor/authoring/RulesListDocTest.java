package cniadvisor.authoring;

import cniadvisor.engine.RuleMeta;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import cniadvisor.testing.Folders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rules list} and {@code rules doc}: generated from the rule metadata, with source ages. */
class RulesListDocTest {

    private static final int RULES = Fixtures.advisor().rules().rules().size();
    /** The checks batch makes across requests, listed after the rules (facts/batch-checks.yaml). */
    private static final int CHECKS = Fixtures.advisor().knowledge().batchChecks().size();
    private static final String CHECKS_FOOTER = ", " + CHECKS + " batch checks in facts/batch-checks.yaml";

    @Test
    void listHasOneLinePerRuleWithIdNameFileWeightAndSources() {
        CliRun run = CliRun.run("rules", "list", "--as-of", "2026-11-21", "--max-source-age", "5000");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(RULES + CHECKS + 2, lines.size(), run::toString);
        assertTrue(lines.get(0).matches("ID +NAME +FILE +WEIGHT +SOURCES"), lines.get(0));
        assertTrue(lines.contains(row("ELIG-UNSUPPORTED-FEATURE", "A feature the request uses rules out what does not support it",
                "rules/eligibility.drl:9", "-", "learn-cni-overview", lines.get(0))), run::toString);
        assertTrue(lines.contains(row("PREF-OVERLAY-GENERAL", "Azure CNI Overlay is Microsoft's general recommendation",
                "rules/preferences.drl:9", "+30", "learn-plan-pod-networking, learn-cni-overview", lines.get(0))),
                run::toString);
        assertEquals(RULES + " rules in 10 files" + CHECKS_FOOTER, lines.get(lines.size() - 1));
        assertEquals("", run.err());
    }

    /** Rebuilds a table row with the header's column positions. */
    private static String row(String id, String name, String file, String weight, String sources, String header) {
        int nameAt = header.indexOf("NAME");
        int fileAt = header.indexOf("FILE");
        int weightAt = header.indexOf("WEIGHT");
        int sourcesAt = header.indexOf("SOURCES");
        return String.format("%-" + nameAt + "s%-" + (fileAt - nameAt) + "s%-" + (weightAt - fileAt) + "s%-"
                + (sourcesAt - weightAt) + "s%s", id, name, file, weight, sources);
    }

    @Test
    void listAsJsonCarriesEveryRuleAndEverySourceWithItsAge() throws IOException {
        CliRun run = CliRun.run("rules", "list", "-o", "json", "--as-of", "2026-11-21");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode catalog = new ObjectMapper().readTree(run.out());
        assertEquals(RULES + CHECKS, catalog.get("rules").size());
        JsonNode eligibility = null;
        for (JsonNode rule : catalog.get("rules")) {
            if (rule.get("id").asText().equals("ELIG-UNSUPPORTED-FEATURE")) {
                eligibility = rule;
            }
        }
        assertEquals("rules/eligibility.drl", eligibility.get("file").asText());
        assertEquals(9, eligibility.get("line").asInt());
        assertTrue(eligibility.get("decides").asText().startsWith("Excludes every configuration"));
        JsonNode virtualNodes = null;
        for (JsonNode source : catalog.get("sources")) {
            if (source.get("id").asText().equals("learn-virtual-nodes")) {
                virtualNodes = source;
            }
        }
        assertEquals("2023-11-06", virtualNodes.get("asOf").asText());
        assertEquals(1111, virtualNodes.get("ageDays").asInt());
        assertTrue(virtualNodes.get("stale").asBoolean());
        assertEquals("[]", virtualNodes.get("citedByRules").toString(), "the features: entry cites it, no rule");
    }

    @Test
    void staleSourcesAreWarnedAboutOnStderr() {
        CliRun run = CliRun.run("rules", "list", "--as-of", "2026-11-21", "--max-source-age", "1000");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> warnings = run.err().lines().toList();
        assertTrue(warnings.contains("warning: source learn-dual-stack is as of 2023-12-07, 1080 days before "
                + "2026-11-21 (--max-source-age 1000): re-read https://learn.microsoft.com/azure/aks/configure-dual-stack "
                + "and update its asOf in facts/sources.yaml (cited by 6 facts)"), run::toString);
        assertTrue(warnings.contains("warning: source learn-egress-udr is as of 2023-05-10, 1291 days before "
                + "2026-11-21 (--max-source-age 1000): re-read https://learn.microsoft.com/azure/aks/egress-udr "
                + "and update its asOf in facts/sources.yaml (cited by EGRESS-ASYMMETRIC-ROUTING and 1 fact)"),
                run::toString);
        // one line per source older than the limit, in id order
        List<String> stale = Fixtures.advisor().knowledge().sources().values().stream()
                .filter(source -> java.time.temporal.ChronoUnit.DAYS.between(source.asOf(),
                        java.time.LocalDate.of(2026, 11, 21)) > 1000)
                .map(source -> source.id()).sorted().toList();
        assertEquals(stale, warnings.stream().map(w -> w.split(" ")[2]).toList());
    }

    @Test
    void docHasASectionPerRuleWithSourcesAsLinksAndMarksStaleOnes() {
        CliRun run = CliRun.run("rules", "doc", "-o", "markdown", "--as-of", "2026-11-21", "--max-source-age", "1000");
        assertEquals(0, run.exitCode(), run::toString);
        String doc = run.out();
        assertTrue(doc.startsWith("# cni-advisor rules\n"), doc);
        for (RuleMeta rule : Fixtures.advisor().rules().rules()) {
            assertTrue(doc.contains("\n### " + rule.id() + ": "), rule.id());
        }
        assertTrue(doc.contains("""
                ## rules/eligibility.drl

                ### ELIG-UNSUPPORTED-FEATURE: A feature the request uses rules out what does not support it

                Excludes every configuration that uses an option, data plane or policy engine facts/support.yaml marks \
                unsupported for a feature the request uses: Windows node pools, direct pod access, pod source IPs, virtual \
                nodes, dual-stack, Application Gateway, a shared subnet, node auto-provisioning and the rest of its \
                features: list (where no rule of its own decides, see decidedBy).

                - Defined at: `rules/eligibility.drl:9`
                - Weight: none (the rule excludes, notes or warns)
                - Sources:
                  - [Azure CNI networking overview (networking models, feature table)](https://learn.microsoft.com/azure/aks/concepts-network-cni-overview) (`learn-cni-overview`), as of 2026-07-10
                """), doc);
        assertTrue(doc.contains("- Weight: +30 (added to the score of each configuration it matches)\n"), doc);
        assertTrue(doc.contains("| [Virtual nodes in AKS](https://learn.microsoft.com/azure/aks/virtual-nodes) "
                + "`learn-virtual-nodes` | 2023-11-06 | 1111 **stale** | 7 facts |\n"), doc);
        assertEquals(9, run.err().lines().count(), run.err());
    }

    @Test
    void docIsTheSameBytesForTheSameInput() {
        CliRun first = CliRun.run("rules", "doc", "--as-of", "2026-11-21");
        CliRun second = CliRun.run("rules", "doc", "--as-of", "2026-11-21", "--no-cache");
        assertEquals(first.out(), second.out());
        assertFalse(first.out().isEmpty());
    }

    @Test
    void organisationRulesAreListedWithTheirOwnFile() {
        CliRun run = CliRun.run("rules", "list", "--rules", "bundled", "--rules", "examples/org-policy/rules",
                "--as-of", "2026-11-21", "--max-source-age", "5000");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.matches("ORG-WINDOWS-CALICO +Org: clusters with Windows node "
                + "pools run Calico network policy +examples/org-policy/rules/org-policy\\.drl:13 +- +"
                + "learn-network-policies")), run::toString);
        assertTrue(run.out().endsWith((RULES + 2) + " rules in 11 files" + CHECKS_FOOTER + "\n"), run::toString);
    }

    @Test
    void negativeSourceAgeIsAUsageError() {
        CliRun run = CliRun.run("rules", "doc", "--max-source-age", "-1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: --max-source-age must be from 0 to 36500 days, got -1"), run.err());
    }

    @Test
    void listShowsTheBatchChecksAfterTheRulesWithTheirFactsFileAndSources() throws IOException {
        CliRun run = CliRun.run("rules", "list", "--as-of", "2026-11-21", "--max-source-age", "5000");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        Path file = Fixtures.FACTS.resolve("batch-checks.yaml");
        assertEquals(List.of(
                row("BATCH-NODE-SUBNET-OVERLAP", "Node subnets of different requests must not overlap",
                        "facts/batch-checks.yaml:" + Folders.lineOf(file, "check: node-subnet-overlap"), "-",
                        "learn-ip-planning", lines.get(0)),
                row("BATCH-CLUSTER-RANGE-OVERLAP", "A node subnet overlaps another cluster's pod or service CIDR",
                        "facts/batch-checks.yaml:" + Folders.lineOf(file, "check: cluster-range-overlap"), "-",
                        "learn-overlay-concepts, learn-ip-planning", lines.get(0)),
                row("BATCH-ADDRESS-POOL-EXHAUSTED", "The address pool cannot hold a range a request needs",
                        "facts/batch-checks.yaml:" + Folders.lineOf(file, "check: address-pool-exhausted"), "-",
                        "learn-ip-planning", lines.get(0)),
                row("BATCH-OUTSIDE-ADDRESS-POOL", "A given VNet range lies outside the address pool",
                        "facts/batch-checks.yaml:" + Folders.lineOf(file, "check: outside-address-pool"), "-",
                        "learn-ip-planning", lines.get(0))),
                lines.subList(lines.size() - 1 - CHECKS, lines.size() - 1));

        JsonNode json = new ObjectMapper().readTree(CliRun.run("rules", "list", "-o", "json", "--as-of",
                "2026-11-21").out());
        JsonNode overlap = json.get("rules").get(RULES);
        assertEquals("BATCH-NODE-SUBNET-OVERLAP", overlap.get("id").asText());
        assertEquals("error", overlap.get("level").asText());
        assertFalse(overlap.has("weight"));
        assertFalse(json.get("rules").get(0).has("level"), "rules have no level");
        JsonNode ipPlanning = null;
        for (JsonNode source : json.get("sources")) {
            if (source.get("id").asText().equals("learn-ip-planning")) {
                ipPlanning = source;
            }
        }
        assertTrue(ipPlanning.get("citedByRules").toString().contains("\"BATCH-OUTSIDE-ADDRESS-POOL\""),
                ipPlanning.toString());
    }

    @Test
    void docHasASectionPerBatchCheckWithItsLevel() {
        CliRun run = CliRun.run("rules", "doc", "--as-of", "2026-11-21", "--max-source-age", "5000");
        assertEquals(0, run.exitCode(), run::toString);
        String doc = run.out();
        int line = Folders.lineOf(Fixtures.FACTS.resolve("batch-checks.yaml"), "check: outside-address-pool");
        assertTrue(doc.contains("""
                ### BATCH-OUTSIDE-ADDRESS-POOL: A given VNet range lies outside the address pool

                Error when a VNet range a request gives (its VNet, a node, pod or other subnet) is not inside \
                --address-pool (the organisation's plan does not hold it, so another network may already use it), \
                or lies in a range --address-space reserves.

                - Defined at: `facts/batch-checks.yaml:%d`
                - Level: error (a check across the requests of one batch)
                - Sources:
                  - [""".formatted(line)), doc);
        assertTrue(doc.contains("\n## facts/batch-checks.yaml\n"), doc);
        assertTrue(doc.contains(RULES + " rules in 10 files" + CHECKS_FOOTER + ", citing "), doc);
    }
}
