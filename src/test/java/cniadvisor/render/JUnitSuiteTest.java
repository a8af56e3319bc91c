package cniadvisor.render;

import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one JUnit writer: relative class names, a time on every test case and suite, several suites; and batch, assess
 * and rules test all write through it.
 */
class JUnitSuiteTest {

    private static final String TIME = "\\d+\\.\\d{3}";

    @TempDir
    Path dir;

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static double seconds(Element element) {
        String time = element.getAttribute("time");
        assertTrue(time.matches(TIME), element.getTagName() + " time=\"" + time + "\"");
        return Double.parseDouble(time);
    }

    @Test
    void classNamesAreRelativeToTheWorkingDirectory() {
        Path cwd = Path.of("").toAbsolutePath();
        assertEquals("examples/batch/teams.csv", JUnitSuite.classname(cwd.resolve("examples/batch/teams.csv")
                .toString()));
        assertEquals("examples/batch/teams.csv", JUnitSuite.classname("examples/batch/teams.csv"));
        assertEquals("-", JUnitSuite.classname("-"));
        assertEquals("rule coverage", JUnitSuite.classname("rule coverage"));
        // a folder at the root that is no ancestor of the working directory, wherever the checkout is (/tmp too)
        String outside = JUnitSuite.classname(cwd.getRoot().resolve("cni-advisor-elsewhere/teams.csv").toString());
        assertFalse(Path.of(outside).isAbsolute(), outside);
        assertTrue(outside.startsWith("../") && outside.endsWith("cni-advisor-elsewhere/teams.csv"), outside);
        assertEquals("", JUnitSuite.classname(null));
    }

    @Test
    void everyCaseAndSuiteHasATimeAndSuitesSumTheirCases() throws Exception {
        StringWriter out = new StringWriter();
        try (JUnitSuite junit = new JUnitSuite("doc")) {
            junit.suite("first");
            junit.pass(Path.of("a.yaml").toAbsolutePath().toString(), "one", null, Duration.ofMillis(1500));
            junit.fail("a.yaml", "two", null, "not met", "diff", Duration.ofMillis(250));
            junit.suite("second");
            junit.error("b.yaml", "three", "invalid-input", "bad", "bad\nworse");
            junit.pass("b.yaml", "four", "said");
            junit.finish(out, Map.of(), null);
        }
        Document doc = parse(out.toString());
        Element root = doc.getDocumentElement();
        List<Element> suites = elements(doc, "testsuite");
        List<Element> cases = elements(doc, "testcase");

        assertEquals(List.of("first", "second"), suites.stream().map(s -> s.getAttribute("name")).toList(),
                "the empty first suite is dropped");
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        assertEquals(List.of("2", "2"), suites.stream().map(s -> s.getAttribute("tests")).toList());
        assertEquals(1.5, seconds(cases.get(0)));
        assertEquals(0.25, seconds(cases.get(1)));
        assertEquals(1.75, seconds(suites.get(0)));
        double second = seconds(cases.get(2)) + seconds(cases.get(3));
        assertEquals(second, seconds(suites.get(1)), 0.0015);
        assertEquals(seconds(suites.get(0)) + seconds(suites.get(1)), seconds(root), 0.0015);
        assertEquals("a.yaml", cases.get(0).getAttribute("classname"));
        assertTrue(elements(doc, "properties").isEmpty(), "no properties element when there are none");
        assertEquals("said", cases.get(3).getElementsByTagName("system-out").item(0).getTextContent());
        assertEquals(0, cases.get(0).getElementsByTagName("system-out").getLength());
        Element failure = (Element) cases.get(1).getElementsByTagName("failure").item(0);
        assertEquals("not met", failure.getAttribute("message"));
        assertFalse(failure.hasAttribute("type"));
    }

    @Test
    void batchCasesNameTheirFileRelativeAndCarryATime() throws Exception {
        Path input = Files.copy(Path.of("examples/batch/teams.csv"), dir.resolve("teams.csv"));
        CliRun run = CliRun.run("batch", input.toString(), Path.of("examples/batch/teams.jsonl").toAbsolutePath()
                .toString(), "-o", "junit", "--no-progress", "--fail-on", "never");
        Document doc = parse(run.out());

        List<Element> cases = elements(doc, "testcase");
        assertFalse(cases.isEmpty(), run::toString);
        for (Element c : cases) {
            String classname = c.getAttribute("classname");
            assertFalse(Path.of(classname).isAbsolute(), classname);
            assertTrue(classname.equals("examples/batch/teams.jsonl")
                    || classname.startsWith("../") && classname.endsWith("/teams.csv"), classname);
            seconds(c);
        }
        double sum = cases.stream().mapToDouble(JUnitSuiteTest::seconds).sum();
        Element suite = elements(doc, "testsuite").get(0);
        assertEquals(sum, seconds(suite), 0.0005 * (cases.size() + 1));
        seconds(doc.getDocumentElement());
    }

    @Test
    void assessCasesNameTheirFileRelativeAndCarryATime() throws Exception {
        CliRun run = CliRun.run("assess", Path.of("src/test/resources/azure/aks-list-two.json").toAbsolutePath()
                .toString(), "src/test/resources/azure/not-a-cluster.json", "--as-of", "2026-11-21", "-o", "junit");
        Document doc = parse(run.out());

        List<Element> cases = elements(doc, "testcase");
        assertEquals(3, cases.size(), run::toString);
        assertEquals(List.of("src/test/resources/azure/aks-list-two.json", "src/test/resources/azure/aks-list-two.json",
                "src/test/resources/azure/not-a-cluster.json"), cases.stream().map(c -> c.getAttribute("classname"))
                .toList());
        cases.forEach(JUnitSuiteTest::seconds);
        seconds(elements(doc, "testsuite").get(0));
    }

    @Test
    void rulesTestWritesThroughTheSameWriter() throws Exception {
        CliRun run = CliRun.run("rules", "test", Path.of("examples/scenarios").toAbsolutePath().toString(), "-o",
                "junit");
        Document doc = parse(run.out());

        assertEquals(0, run.exitCode(), run::toString);
        for (Element suite : elements(doc, "testsuite")) {
            assertTrue(suite.getAttribute("name").startsWith("examples/scenarios/"), suite.getAttribute("name"));
            assertEquals("0", suite.getAttribute("skipped"));
            seconds(suite);
        }
        for (Element c : elements(doc, "testcase")) {
            assertTrue(c.getAttribute("classname").startsWith("examples/scenarios/"), c.getAttribute("classname"));
            seconds(c);
        }
        assertTrue(seconds(doc.getDocumentElement()) > 0, "the scenarios took some time");
    }
}
