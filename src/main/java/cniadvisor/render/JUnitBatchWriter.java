package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;

import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;

/**
 * JUnit XML, as CI servers read it: one test suite, a test case per request (class name: the input file). A case
 * fails exactly when the request makes the run fail: when no option fits or a finding is at or above --fail-on
 * (type error-finding or warning-finding), and is an error when the input was invalid. So the report passes exactly
 * when the exit code is 0. The suite's counts come first in the file, so the test cases are spooled until the end.
 * Names and texts from the input go through {@link SafeXmlWriter}, so the document is well-formed whatever they hold.
 */
final class JUnitBatchWriter implements BatchWriter {

    private final Writer out;
    private final Context context;
    private final JUnitSuite suite;

    JUnitBatchWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.context = context;
        this.suite = new JUnitSuite("cni-advisor batch");
    }

    @Override
    public void write(BatchResult result) throws IOException {
        String name = result.name() + (result.line() > 0 ? " (line " + result.line() + ")" : "");
        if (!result.valid()) {
            suite.error(result.file(), name, "invalid-input", result.errors().get(0).format(),
                    result.errors().stream().map(InputError::format).collect(Collectors.joining("\n")));
            return;
        }
        Advice advice = result.advice();
        Reason failing = context.failOn().firstFailing(advice.findings());
        if (!advice.hasRecommendation()) {
            suite.fail(result.file(), name, "no-fit", "no option fits: " + String.join("; ", advice.conflicts()),
                    details(result));
        } else if (failing != null) {
            suite.fail(result.file(), name, failing.level() + "-finding", failing.rule() + ": " + failing.text(),
                    details(result));
        } else {
            suite.pass(result.file(), name, details(result));
        }
    }

    /** The recommendation (or conflicts) and every error and warning, one per line. */
    private static String details(BatchResult result) {
        Advice advice = result.advice();
        StringBuilder s = new StringBuilder();
        if (advice.hasRecommendation()) {
            s.append("recommended: ").append(advice.recommendation().option()).append(", ")
                    .append(advice.recommendation().dataplane()).append(" data plane, ")
                    .append(advice.recommendation().networkPolicy()).append(" network policy\n");
        } else {
            advice.conflicts().forEach(c -> s.append("no fit: ").append(c).append('\n'));
        }
        result.reportedFindings().forEach(w -> s.append(w.level()).append(' ').append(w.rule()).append(": ")
                .append(w.text()).append('\n'));
        return s.toString();
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        suite.finish(out, JUnitSuite.properties(context.asOf(), context.inputs(), context.failOn(), exitCode),
                String.join("\n", summary.lines()) + "\n");
    }

    @Override
    public void close() throws IOException {
        suite.close();
    }
}
