package cniadvisor.render;

import cniadvisor.io.FailOn;
import cniadvisor.io.Spool;

import javax.xml.stream.XMLStreamException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * One JUnit XML test suite, as CI servers read it, shared by the batch and assess reports: test cases are spooled
 * to a temporary file as they come (the suite's counts come first in the document), then {@link #finish} writes the
 * document around them. Every name and text goes through {@link SafeXmlWriter}, so the document is well-formed
 * whatever the input holds.
 */
final class JUnitSuite implements Closeable {

    private final String name;
    private final Spool spool;
    private final SafeXmlWriter cases;
    private long tests;
    private long failures;
    private long errors;

    JUnitSuite(String name) throws IOException {
        this.name = name;
        this.spool = new Spool();
        this.cases = xml(spool.writer());
    }

    /** A passing case, with what it says in its system-out. */
    void pass(String classname, String caseName, String details) throws IOException {
        write(classname, caseName, null, null, null, details);
    }

    /** A failing case (a verdict: the run fails because of it). */
    void fail(String classname, String caseName, String type, String message, String details) throws IOException {
        failures++;
        write(classname, caseName, "failure", type, message, details);
    }

    /** An erroring case (the input could not be read). */
    void error(String classname, String caseName, String type, String message, String details) throws IOException {
        errors++;
        write(classname, caseName, "error", type, message, details);
    }

    private void write(String classname, String caseName, String element, String type, String message,
                       String details) throws IOException {
        tests++;
        try {
            cases.text("\n    ");
            cases.start("testcase");
            cases.attribute("classname", classname);
            cases.attribute("name", caseName);
            cases.start(element == null ? "system-out" : element);
            if (element != null) {
                cases.attribute("type", type);
                cases.attribute("message", message);
            }
            cases.text(details);
            cases.end();
            cases.end();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** The run's properties every report carries: the date judged, the inputs, --fail-on and the exit code. */
    static Map<String, String> properties(java.time.LocalDate asOf, java.util.List<String> inputs, FailOn failOn,
                                          int exitCode) {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("asOf", asOf.toString());
        properties.put("inputs", String.join(", ", inputs));
        properties.put("failOn", failOn.name());
        properties.put("exitCode", Integer.toString(exitCode));
        return properties;
    }

    /** The document: the suite's counts and properties, the spooled cases, then the summary as its system-out. */
    void finish(Writer out, Map<String, String> properties, String systemOut) throws IOException {
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
            for (Map.Entry<String, String> property : properties.entrySet()) {
                doc.text("\n      ");
                doc.empty("property");
                doc.attribute("name", property.getKey());
                doc.attribute("value", property.getValue());
            }
            doc.text("\n    ");
            doc.end();
            doc.flush();
            spool.copyTo(out);
            doc.text("\n    ");
            doc.start("system-out");
            doc.text(systemOut);
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
        doc.attribute("name", name);
        doc.attribute("tests", Long.toString(tests));
        doc.attribute("failures", Long.toString(failures));
        doc.attribute("errors", Long.toString(errors));
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
