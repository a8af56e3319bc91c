package cniadvisor.io;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;

import javax.xml.stream.XMLStreamException;
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

    private static final String SUITE = "cni-advisor batch";

    private final Writer out;
    private final Context context;
    private final Spool spool;
    private final SafeXmlWriter cases;
    private long tests;
    private long failures;
    private long errors;

    JUnitBatchWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.context = context;
        this.spool = new Spool();
        this.cases = xml(spool.writer());
    }

    @Override
    public void write(BatchResult result) throws IOException {
        tests++;
        try {
            cases.text("\n    ");
            cases.start("testcase");
            cases.attribute("classname", result.file());
            cases.attribute("name", result.name() + (result.line() > 0 ? " (line " + result.line() + ")" : ""));
            if (!result.valid()) {
                errors++;
                problem("error", "invalid-input", result.errors().get(0).format(),
                        result.errors().stream().map(InputError::format).collect(Collectors.joining("\n")));
            } else {
                Advice advice = result.advice();
                Reason failing = context.failOn().firstFailing(advice.findings());
                if (!advice.hasRecommendation()) {
                    failures++;
                    problem("failure", "no-fit", "no option fits: " + String.join("; ", advice.conflicts()),
                            details(result));
                } else if (failing != null) {
                    failures++;
                    problem("failure", failing.level() + "-finding", failing.rule() + ": " + failing.text(),
                            details(result));
                } else {
                    cases.start("system-out");
                    cases.text(details(result));
                    cases.end();
                }
            }
            cases.end();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void problem(String element, String type, String message, String details) throws XMLStreamException {
        cases.start(element);
        cases.attribute("type", type);
        cases.attribute("message", message);
        cases.text(details);
        cases.end();
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
