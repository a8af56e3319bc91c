package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --query}: JMESPath over the JSON result of advise, plan and assess, as az --query. */
class QueryOptionTest {

    private static final String PAYMENTS = "examples/requests/payments.yaml";

    @Test
    void adviseSelectsFromItsJsonWithOrWithoutDashOJson() {
        CliRun scalar = CliRun.run("advise", "-f", PAYMENTS, "--query", "recommendation.option");
        assertEquals(0, scalar.exitCode(), scalar::toString);
        assertEquals("\"azure-cni-overlay\"\n", scalar.out());
        CliRun list = CliRun.run("advise", "-f", PAYMENTS, "-o", "json", "--query",
                "options[?status=='excluded'].id");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains("\"kubenet\""), list::toString);
        assertTrue(list.out().startsWith("[") && list.out().endsWith("]\n"), list::toString);
    }

    @Test
    void planAndAssessToo() {
        CliRun plan = CliRun.run("plan", "-f", PAYMENTS, "--query", "addressPlan.ranges[?role=='pod-cidr'].cidr | [0]");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertEquals("\"10.244.0.0/16\"\n", plan.out());
        CliRun assess = CliRun.run("assess", "src/test/resources/azure/aks-list-two.json", "--as-of", "2026-11-21",
                "--query", "clusters[?status=='retiring'].name");
        assertEquals(0, assess.exitCode(), assess::toString);
        assertEquals("[ \"data\" ]\n", assess.out());
    }

    @Test
    void batchQueriesEachLineOfJsonLinesOrTheWholeJsonArray() {
        CliRun lines = CliRun.run("batch", "examples/batch/teams.csv", "--no-progress", "--as-of", "2026-06-01",
                "--query", "[name, recommendation.option]");
        assertEquals(2, lines.exitCode(), lines::toString); // the example has an invalid row
        assertEquals(List.of("[\"payments\",\"azure-cni-overlay\"]", "[\"checkout\",\"azure-cni-overlay\"]"),
                lines.out().lines().limit(2).toList());
        assertEquals(10, lines.out().lines().count());
        assertTrue(lines.err().contains("Batch: 10 requests"), lines::toString); // the summary still on stderr

        CliRun array = CliRun.run("batch", "examples/batch/teams.csv", "--no-progress", "--as-of", "2026-06-01",
                "-o", "json", "--query", "length([?recommendation.option=='azure-cni-overlay'])");
        assertEquals("6\n", array.out(), array::toString);
    }

    @Test
    void batchQueryRefusesAnotherFormatOrAnOutputFile() {
        CliRun csv = CliRun.run("batch", "examples/batch/teams.csv", "-o", "csv", "--query", "name");
        assertEquals(2, csv.exitCode(), csv::toString);
        assertTrue(csv.err().startsWith("error: --query works on -o json"), csv::toString);
        CliRun file = CliRun.run("batch", "examples/batch/teams.csv", "--output-file", "x.jsonl", "--query", "name");
        assertEquals(2, file.exitCode(), file::toString);
        assertTrue(file.err().startsWith("error: --query writes to standard output"), file::toString);
    }

    @Test
    void aBadExpressionOrAnotherFormatIsAUsageErrorBeforeAnyWork() {
        CliRun bad = CliRun.run("advise", "-f", "no-such-file.yaml", "--query", "recommendation.[option");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().startsWith("error: --query: not a JMESPath expression: "), bad::toString);
        CliRun yaml = CliRun.run("advise", "-f", PAYMENTS, "-o", "yaml", "--query", "name");
        assertEquals(2, yaml.exitCode(), yaml::toString);
        assertTrue(yaml.err().startsWith("error: --query works on -o json; leave -o out or give -o json\n"),
                yaml::toString);
        assertEquals("", yaml.out());
    }
}
