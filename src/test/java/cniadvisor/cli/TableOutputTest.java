package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -o table} and {@code -o tsv} for advise's options and plan's ranges, as az prints them. */
class TableOutputTest {

    private static final String PAYMENTS = "examples/requests/payments.yaml";

    @Test
    void markdownsCommandBlockSaysWhichVariablesToSetFirst() {
        CliRun run = CliRun.run("advise", "-f", PAYMENTS, "-o", "markdown");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("```bash\n# Set these first: RESOURCE_GROUP VNET_NAME\n# Node subnet"),
                run.out());
    }

    @Test
    void adviseListsEachOptionAsARow() {
        CliRun table = CliRun.run("advise", "-f", PAYMENTS, "-o", "table");
        assertEquals(0, table.exitCode(), table::toString);
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).matches("OPTION +STATUS +SCORE +DATAPLANE +POLICY +REASON"), lines.get(0));
        assertTrue(lines.get(1).matches("-+( +-+){5}"), lines.get(1));
        assertTrue(lines.get(2).matches("azure-cni-overlay +recommended +85 +cilium +cilium +POL-.*"), lines.get(2));
        assertEquals(2 + 5, lines.size(), table::toString);

        CliRun tsv = CliRun.run("advise", "-f", PAYMENTS, "-o", "tsv");
        List<String> rows = tsv.out().lines().toList();
        assertEquals(5, rows.size(), tsv::toString);
        assertEquals(List.of("azure-cni-overlay", "recommended", "85", "cilium", "cilium"),
                List.of(rows.get(0).split("\t")).subList(0, 5));
        assertTrue(rows.stream().allMatch(r -> r.split("\t", -1).length == 6), tsv::toString);
    }

    @Test
    void planListsEachRangeAsARow() {
        CliRun tsv = CliRun.run("plan", "-f", PAYMENTS, "-o", "tsv");
        assertEquals(0, tsv.exitCode(), tsv::toString);
        assertTrue(tsv.out().startsWith("node-subnet\t10.20.0.0/24\tgiven\t\t\n"), tsv::toString);
        assertTrue(tsv.out().contains("pod-cidr\t10.244.0.0/16\tdefault\t\t\n"), tsv::toString);
        CliRun table = CliRun.run("plan", "-f", PAYMENTS, "-o", "table");
        assertTrue(table.out().startsWith("ROLE "), table::toString);
    }
}
