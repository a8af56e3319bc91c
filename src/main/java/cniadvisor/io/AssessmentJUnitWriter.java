package cniadvisor.io;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.Reason;

import javax.xml.stream.XMLStreamException;
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

    private static final String SUITE = "cni-advisor assess";

    private final Writer out;
    private final Context context;
    private final Spool spool;
    private final SafeXmlWriter cases;
    private long tests;
    private long failures;
    private long errors;

    AssessmentJUnitWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.context = context;
        this.spool = new Spool();
        this.cases = xml(spool.writer());
    }

    @Override
    public void write(Assessment a) throws IOException {
        tests++;
        try {
            start(a.file(), (a.resourceGroup() == null ? "" : a.resourceGroup() + "/") + a.name()
                    + (a.line() > 0 ? " (line " + a.line() + ")" : ""));
            Reason failing = context.failOn().firstFailing(a.findings());
            if (a.target() == null) {
                failures++;
                problem("failure", "no-fit", "no option fits: " + String.join("; ", a.advice().conflicts()),
                        details(a));
            } else if (failing != null) {
                failures++;
                problem("failure", failing.level() + "-finding", failing.rule() + ": " + failing.text(), details(a));
            } else {
                cases.start("system-out");
                cases.text(details(a));
                cases.end();
            }
            cases.end();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void invalid(String file, String source, List<InputError> inputErrors) throws IOException {
        tests++;
        errors++;
        try {
            start(file, source);
            problem("error", "invalid-input", inputErrors.get(0).format(), inputErrors.stream()
                    .map(InputError::format).collect(Collectors.joining("\n")));
            cases.end();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void start(String classname, String name) throws XMLStreamException {
        cases.text("\n    ");
        cases.start("testcase");
        cases.attribute("classname", classname);
        cases.attribute("name", name);
    }

    private void problem(String element, String type, String message, String details) throws XMLStreamException {
        cases.start(element);
        cases.attribute("type", type);
        cases.attribute("message", message);
        cases.text(details);
        cases.end();
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
        try {
            cases.flush();
            SafeXmlWriter doc = xml(out);
            doc.startDocument();
            doc.text("\n");
            doc.start("testsuites");
            counts(doc);
            doc.text("\n  ");
            doc.start("testsuite");
            counts(doc);
            doc.attribute("skipped", "0");
            doc.text("\n    ");
            doc.start("properties");
            property(doc, "asOf", context.asOf().toString());
            property(doc, "inputs", String.join(", ", context.inputs()));
            property(doc, "failOn", context.failOn().name());
            property(doc, "exitCode", Integer.toString(exitCode));
            doc.text("\n    ");
            doc.end();
            doc.flush();
            spool.copyTo(out);
            doc.text("\n    ");
            doc.start("system-out");
            doc.text(String.join("\n", summary.lines()) + "\n");
            doc.end();
            doc.text("\n  ");
            doc.end();
            doc.text("\n");
            doc.end();
            doc.text("\n");
            doc.endDocument();
            doc.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        out.flush();
    }

    private void counts(SafeXmlWriter doc) throws XMLStreamException {
        doc.attribute("name", SUITE);
        doc.attribute("tests", Long.toString(tests));
        doc.attribute("failures", Long.toString(failures));
        doc.attribute("errors", Long.toString(errors));
    }

    private static void property(SafeXmlWriter doc, String name, String value) throws XMLStreamException {
        doc.text("\n      ");
        doc.empty("property");
        doc.attribute("name", name);
        doc.attribute("value", value);
    }

    private static SafeXmlWriter xml(Writer writer) throws IOException {
        try {
            return SafeXmlWriter.over(writer);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        spool.close();
    }
}
