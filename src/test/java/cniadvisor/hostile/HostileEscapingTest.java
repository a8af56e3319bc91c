package cniadvisor.hostile;

import cniadvisor.render.Escape;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.HostileNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escaping review of issue 15: a name with a line break and a Terraform block, a pipe in a Markdown table, a
 * formula in a CSV cell, each through the writer it lands in (Terraform, Bicep, the batch and assess Markdown, CSV).
 */
class HostileEscapingTest {

    private static final String AS_OF = "2026-11-21";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A name that ends the comment's line and opens a resource of its own, then a table cell and a heading. */
    private static final String NAME = "team\nresource \"x\" {\n  y = 1\n}\r\n| cell | cell |\n# heading\n=cmd|' /C calc'!A0";

    @TempDir
    Path dir;

    private Path request(String name) throws Exception {
        return Files.writeString(dir.resolve("team.json"), "{\"name\": " + HostileNames.jsonString(name)
                + ", \"nodeCount\": 20, \"nodeSubnetCidr\": \"10.30.0.0/22\"}\n", StandardCharsets.UTF_8);
    }

    @Test
    void noLineOfTerraformOrBicepStartsFromTheName() throws Exception {
        Path file = request(NAME);
        for (String format : List.of("terraform", "bicep")) {
            CliRun run = CliRun.run("advise", "-f", file.toString(), "-o", format, "--as-of", AS_OF);
            assertEquals(0, run.exitCode(), run::toString);
            for (String line : run.out().lines().toList()) {
                assertFalse(line.startsWith("resource \"x\""), format + ": " + line);
                assertFalse(line.startsWith("  y = 1"), format + ": " + line);
                assertFalse(line.startsWith("| cell") || line.startsWith("# heading") || line.startsWith("=cmd"),
                        format + ": " + line);
            }
            String first = run.out().lines().findFirst().orElseThrow();
            assertTrue(first.contains("team resource \"x\" {   y = 1 }  | cell | cell | # heading =cmd"),
                    format + ": the name stays on the header comment's line: " + first);
        }
    }

    @Test
    void aNameInTheBatchMarkdownKeepsItsSectionAndTables() throws Exception {
        Path file = Files.writeString(dir.resolve("teams.jsonl"), "{\"name\": " + HostileNames.jsonString(NAME)
                + ", \"nodeCount\": 20, \"nodeSubnetCidr\": \"10.30.0.0/22\"}\n"
                + "{\"name\": \"a|b\", \"nodeCount\": 0}\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.run("batch", file.toString(), "-o", "markdown", "--as-of", AS_OF, "--no-progress");

        assertEquals(2, run.exitCode(), run::toString);
        HostileOutputTest.checkMarkdown(run.out(), 2);
        List<String> lines = HostileOutputTest.outsideFences(run.out().lines().toList());
        assertTrue(lines.contains("## 1. team resource \"x\" {   y = 1 }  \\| cell \\| cell \\| # heading =cmd\\|' /C "
                + "calc'!A0"), run::toString);
        assertTrue(lines.contains("## 2. a\\|b"), run::toString);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("# heading") || l.startsWith("=cmd")), run::toString);
    }

    @Test
    void aClusterInTheAssessMarkdownKeepsItsSectionAndTables() throws Exception {
        ObjectNode cluster = (ObjectNode) JSON.readTree(Path.of("src/test/resources/azure/aks-show-kubenet-calico.json")
                .toFile());
        cluster.put("name", NAME);
        cluster.put("resourceGroup", "rg | x\n## rg");
        // a pool's osType is checked (linux or windows), its name too: they never reach a report as given
        Path file = dir.resolve("cluster.json");
        JSON.writeValue(file.toFile(), cluster);

        CliRun run = CliRun.run("assess", file.toString(), "-o", "markdown", "--as-of", AS_OF);
        List<String> lines = HostileOutputTest.outsideFences(run.out().lines().toList());

        assertTrue(run.out().contains("### 1. team"), run::toString);
        HostileOutputTest.checkMarkdownTables(lines);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("# heading") || l.startsWith("## rg")
                || l.startsWith("| cell") || l.startsWith("=cmd")), run::toString);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("# ")).count(), run::toString);
        assertFalse(run.out().matches("(?s).*<script.*"), "no raw HTML");
    }

    @Test
    void csvCellsThatWouldStartAFormulaAreNeutralised() throws Exception {
        for (String formula : List.of("=cmd|' /C calc'!A0", "+1+cmd", "-2+cmd", "@SUM(A1)", "\t=1", "\r=1",
                "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)")) {
            String cell = Escape.csvCell(formula);
            assertTrue(cell.startsWith("'"), formula + " -> " + cell);
        }
        for (String plain : List.of("team", "1", " =spaced", "a=b")) {
            assertEquals(plain, Escape.csvCell(plain));
        }
        Path file = Files.writeString(dir.resolve("teams.jsonl"), "{\"name\": \"=cmd|' /C calc'!A0\", \"nodeCount\": "
                + "20}\n{\"name\": \"@SUM(1+1)\", \"nodeCount\": 20}\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.run("batch", file.toString(), "-o", "csv", "--as-of", AS_OF, "--no-progress");
        List<String> rows = run.out().lines().toList();
        assertEquals(3, rows.size(), run::toString);
        assertTrue(rows.get(1).contains(",'=cmd|' /C calc'!A0,") || rows.get(1).contains(",\"'=cmd|' /C calc'!A0\","),
                rows.get(1));
        assertTrue(rows.get(2).contains(",'@SUM(1+1),"), rows.get(2));
    }
}
