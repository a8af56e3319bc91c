package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.Reason;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code assess -o junit}: one test suite, a test case per cluster (class name: its input file). A case fails
 * exactly when the cluster makes the run fail: no option fits, or a finding at or above --fail-on (a retired plugin
 * is an error, a retiring one a warning); an input that could not be read is an error. So the report passes exactly
 * when the exit code is 0. The cases are spooled, since the suite's counts come first.
 */
final class AssessmentJUnitWriter implements AssessmentWriter {

    private final Writer out;
    private final Context context;
    private final JUnitSuite suite;

    AssessmentJUnitWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.context = context;
        this.suite = new JUnitSuite("cni-advisor assess");
    }

    @Override
    public void write(Assessment a) throws IOException {
        String name = (a.resourceGroup() == null ? "" : a.resourceGroup() + "/") + a.name()
                + (a.line() > 0 ? " (line " + a.line() + ")" : "");
        Reason failing = context.failOn().firstFailing(a.findings());
        if (a.target() == null) {
            suite.fail(a.file(), name, "no-fit", "no option fits: " + String.join("; ", a.advice().conflicts()),
                    details(a));
        } else if (failing != null) {
            suite.fail(a.file(), name, failing.level() + "-finding", failing.rule() + ": " + failing.text(),
                    details(a));
        } else {
            suite.pass(a.file(), name, details(a));
        }
    }

    @Override
    public void invalid(String file, String source, List<InputError> inputErrors) throws IOException {
        suite.error(file, source, "invalid-input", inputErrors.get(0).format(), inputErrors.stream()
                .map(InputError::format).collect(Collectors.joining("\n")));
    }

    /** Status, target, the blockers and every error and warning, one per line. */
    private static String details(Assessment a) {
        StringBuilder s = new StringBuilder();
        s.append("runs: ").append(a.current().option()).append(", ").append(a.current().dataplane())
                .append(" data plane, ").append(a.current().networkPolicy()).append(" network policy\n");
        s.append("status: ").append(AssessmentCells.status(a)).append(": ").append(a.statusDetail()).append('\n');
        s.append("target: ").append(AssessmentCells.target(a)).append('\n');
        AssessmentCells.blockers(a).forEach(b -> s.append("blocked ").append(b.rule()).append(": ").append(b.text())
                .append('\n'));
        AssessmentCells.reported(a).forEach(f -> s.append(f.level()).append(' ').append(f.rule()).append(": ")
                .append(f.text()).append('\n'));
        return s.toString();
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        suite.finish(out, JUnitSuite.properties(context.asOf(), context.inputs(), context.failOn(), exitCode),
                String.join("\n", summary.lines()) + "\n");
    }

    @Override
    public void close() throws IOException {
        suite.close();
    }
}
