package cniadvisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.ExitCode;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.BatchReport;
import cniadvisor.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose evaluation fails the way a bug would (an unexpected exception) costs only that request: it becomes
 * an error entry with its file and line, every other request is evaluated, the report is written, and the run exits
 * 1 (a bug) without a stack trace.
 */
class BatchRowIsolationTest {

    @TempDir
    Path dir;

    @AfterEach
    void noSeam() {
        BatchJob.evaluationForTests = UnaryOperator.identity();
    }

    /** 199 requests; every third one (66 in all) makes the evaluation throw, as the CIDR arithmetic once did. */
    private Path teams() throws IOException {
        StringBuilder csv = new StringBuilder("name,nodeCount\n");
        for (int i = 1; i <= 199; i++) {
            csv.append(i % 3 == 0 ? "boom-" : "team-").append(i).append(',').append(1 + i % 40).append('\n');
        }
        return Files.writeString(dir.resolve("teams.csv"), csv);
    }

    private static void failOnBoom() {
        BatchJob.evaluationForTests = advise -> (Function<NamedRequest, Advice>) request -> {
            if (request.name().startsWith("boom-")) {
                throw new IllegalStateException("simulated bug for " + request.name());
            }
            return advise.apply(request);
        };
    }

    @Test
    void aRequestThatBreaksTheEvaluationIsAnErrorEntryAndTheRestIsEvaluated() throws IOException {
        Path teams = teams();
        failOnBoom();

        CliRun run = CliRun.run("batch", teams.toString(), "-o", "jsonl", "--threads", "2");

        assertEquals(ExitCode.INTERNAL_ERROR.code(), run.exitCode(), run::toString);
        BatchReport report = BatchReport.ofJsonLines(run.out());
        assertEquals(199, report.entries().size(), run::toString);
        assertEquals(133, report.evaluated().size());
        for (int i = 1; i <= 199; i++) {
            BatchReport.Entry entry = report.entries().get(i - 1);
            assertEquals(teams + ":" + (i + 1), entry.input(), "input order is kept");
            if (i % 3 == 0) {
                assertFalse(entry.evaluated(), entry::toString);
                assertEquals(List.of("internal error evaluating this request (IllegalStateException: simulated bug "
                        + "for boom-" + i + "); " + BatchJob.PLEASE_REPORT), entry.errors());
            } else {
                assertTrue(entry.evaluated(), entry::toString);
            }
        }
        assertTrue(run.err().contains("error: 66 requests could not be evaluated because of an internal error"),
                run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
        assertFalse(run.err().contains("at cniadvisor."), run::toString);
    }

    @Test
    void theReportFileIsWrittenWhenSomeRequestHitABug() throws IOException {
        Path teams = teams();
        Path out = dir.resolve("report.csv");
        failOnBoom();

        CliRun run = CliRun.run("batch", teams.toString(), "--output-file", out.toString());

        assertEquals(ExitCode.INTERNAL_ERROR.code(), run.exitCode(), run::toString);
        List<String> rows = Files.readAllLines(out);
        assertEquals(200, rows.size(), "a header and a row per request");
        assertEquals(66, rows.stream().filter(row -> row.contains("internal error evaluating this request")).count());
        assertTrue(run.err().contains("199 requests: 133 recommended, 0 no fit, 66 invalid"), run::toString);
    }
}
