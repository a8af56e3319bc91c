package cniadvisor.render;

import cniadvisor.io.FailOn;
import cniadvisor.io.Spool;

import javax.xml.stream.XMLStreamException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one JUnit XML writer, shared by {@code batch -o junit}, {@code assess -o junit} and {@code rules test -o junit}:
 * a {@code testsuites} document of one or more test suites, as CI servers read it. Test cases are spooled to a
 * temporary file per suite as they come (each suite's counts come first in the document), then {@link #finish} writes
 * the document around them. Every name and text goes through {@link SafeXmlWriter}, so the document is well-formed
 * whatever the input holds.
 *
 * <p>Each test case's {@code classname} is its input file relative to the working directory ({@link #classname}),
 * never an absolute path, so reports from two checkouts agree. Each case has a {@code time} in seconds: the time it
 * took when the caller measured it, else the time since the previous case was written (in a batch, what the report
 * waited for that request). A suite's time is the sum of its cases', and the document's the sum of its suites'.
 * Times are the only part of the document that differs between two runs over the same input.
 */
public final class JUnitSuite implements Closeable {

    private final String name;
    private final List<Suite> suites = new ArrayList<>();
    private long last = System.nanoTime();

    /** One test suite: its name, counts, time and spooled cases. */
    private static final class Suite {
        final String name;
        final Spool spool;
        final SafeXmlWriter cases;
        long tests;
        long failures;
        long errors;
        long nanos;

        Suite(String name) throws IOException {
            this.name = name;
            this.spool = new Spool();
            this.cases = xml(spool.writer());
        }
    }

    /** A document named {@code name} whose first suite has the same name. */
    public JUnitSuite(String name) throws IOException {
        this.name = name;
        suites.add(new Suite(name));
    }

    /**
     * Starts a further test suite: the cases written after this go into it. The first suite, named as the document,
     * is dropped when it holds no case.
     */
    public void suite(String suiteName) throws IOException {
        Suite first = suites.get(0);
        if (suites.size() == 1 && first.tests == 0) {
            first.spool.close();
            suites.clear();
        }
        suites.add(new Suite(suiteName));
    }

    /** A passing case, with what it says in its system-out (none when null). */
    public void pass(String classname, String caseName, String details) throws IOException {
        pass(classname, caseName, details, null);
    }

    public void pass(String classname, String caseName, String details, Duration time) throws IOException {
        write(classname, caseName, null, null, null, details, time);
    }

    /** A failing case (a verdict: the run fails because of it). */
    public void fail(String classname, String caseName, String type, String message, String details)
            throws IOException {
        fail(classname, caseName, type, message, details, null);
    }

    public void fail(String classname, String caseName, String type, String message, String details, Duration time)
            throws IOException {
        current().failures++;
        write(classname, caseName, "failure", type, message, details, time);
    }

    /** An erroring case (the input could not be read). */
    public void error(String classname, String caseName, String type, String message, String details)
            throws IOException {
        current().errors++;
        write(classname, caseName, "error", type, message, details, null);
    }

    private Suite current() {
        return suites.get(suites.size() - 1);
    }

    private void write(String classname, String caseName, String element, String type, String message,
                       String details, Duration time) throws IOException {
        long now = System.nanoTime();
        long nanos = time != null ? Math.max(0, time.toNanos()) : Math.max(0, now - last);
        last = now;
        Suite suite = current();
        suite.tests++;
        suite.nanos += nanos;
        SafeXmlWriter cases = suite.cases;
        try {
            cases.text("\n    ");
            cases.start("testcase");
            cases.attribute("classname", classname(classname));
            cases.attribute("name", caseName);
            cases.attribute("time", seconds(nanos));
            if (element != null) {
                cases.text("\n      ");
                cases.start(element);
                if (type != null) {
                    cases.attribute("type", type);
                }
                cases.attribute("message", message);
                cases.text(details == null ? "" : details);
                cases.end();
                cases.text("\n    ");
            } else if (details != null) {
                cases.text("\n      ");
                cases.start("system-out");
                cases.text(details);
                cases.end();
                cases.text("\n    ");
            }
            cases.end();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /**
     * A file as a test case's class name: relative to the working directory ({@code ../} where it is outside it), with
     * {@code /} separators; what is not a path (standard input's {@code -}, a label) stays as it is.
     */
    public static String classname(String file) {
        if (file == null) {
            return "";
        }
        try {
            Path path = Path.of(file);
            if (!path.isAbsolute()) {
                return file.replace('\\', '/');
            }
            Path cwd = Path.of("").toAbsolutePath();
            Path relative = path.getRoot() != null && path.getRoot().equals(cwd.getRoot())
                    ? cwd.relativize(path.normalize()) : path.getFileName();
            return relative == null ? file : relative.toString().replace('\\', '/');
        } catch (IllegalArgumentException e) { // InvalidPathException too
            return file;
        }
    }

    /** Seconds with three decimals, as JUnit writes them. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
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

    /**
     * The document: the totals, then each suite with its counts, the properties (on each suite; none when empty),
     * its spooled cases, and the system-out (on the last suite; none when null).
     */
    public void finish(Writer out, Map<String, String> properties, String systemOut) throws IOException {
        try {
            SafeXmlWriter doc = xml(out);
            doc.startDocument();
            doc.text("\n");
            doc.start("testsuites");
            counts(doc, name, suites.stream().mapToLong(s -> s.tests).sum(),
                    suites.stream().mapToLong(s -> s.failures).sum(), suites.stream().mapToLong(s -> s.errors).sum(),
                    suites.stream().mapToLong(s -> s.nanos).sum());
            for (int i = 0; i < suites.size(); i++) {
                Suite suite = suites.get(i);
                suite.cases.flush();
                doc.text("\n  ");
                doc.start("testsuite");
                counts(doc, suite.name, suite.tests, suite.failures, suite.errors, suite.nanos);
                doc.attribute("skipped", "0");
                if (!properties.isEmpty()) {
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
                }
                doc.text(""); // closes the start tag, so the spooled cases land inside the element
                doc.flush();
                suite.spool.copyTo(out);
                if (systemOut != null && i == suites.size() - 1) {
                    doc.text("\n    ");
                    doc.start("system-out");
                    doc.text(systemOut);
                    doc.end();
                }
                doc.text("\n  ");
                doc.end();
            }
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

    private static void counts(SafeXmlWriter doc, String name, long tests, long failures, long errors, long nanos)
            throws XMLStreamException {
        doc.attribute("name", name);
        doc.attribute("tests", Long.toString(tests));
        doc.attribute("failures", Long.toString(failures));
        doc.attribute("errors", Long.toString(errors));
        doc.attribute("time", seconds(nanos));
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
        IOException first = null;
        for (Suite suite : suites) {
            try {
                suite.spool.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
