package cniadvisor.authoring;

import cniadvisor.authoring.Coverage.RuleRef;
import cniadvisor.authoring.ScenarioRunner.Mismatch;
import cniadvisor.authoring.ScenarioRunner.Result;
import cniadvisor.render.Escape;
import cniadvisor.io.Mappers;
import cniadvisor.render.SafeXmlWriter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import javax.xml.stream.XMLStreamException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@code rules test} run, written as text (PASS/FAIL lines, a diff per failure, the tally),
 * JSON, or JUnit XML. {@code coverage} is null unless coverage was asked for.
 */
public record TestReport(List<Result> results, Coverage coverage) {

    public TestReport {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(Result::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    /** Every scenario passed and coverage, if checked, is at or above its threshold. */
    public boolean ok() {
        return failed() == 0 && (coverage == null || !coverage.belowThreshold());
    }

    /** "N passed, N failed". */
    public String tally() {
        return passed() + " passed, " + failed() + " failed";
    }

    public void write(TestReportFormat format, PrintWriter out) {
        switch (format) {
            case text -> out.print(text());
            case json -> out.println(json());
            case junit -> out.print(junit());
        }
        out.flush();
    }

    // ---- text ----

    String text() {
        StringBuilder s = new StringBuilder();
        for (Result r : results) {
            s.append(r.passed() ? "PASS " : "FAIL ").append(Escape.oneLine(r.scenario().name())).append('\n');
            if (!r.passed()) {
                s.append(diff(r));
            }
        }
        s.append(tally()).append('\n');
        if (coverage != null) {
            s.append("coverage: ").append(coverage.summary());
            if (coverage.threshold() != null) {
                s.append(", threshold ").append(Coverage.format(coverage.threshold())).append('%')
                        .append(coverage.belowThreshold() ? ": BELOW" : ": ok");
            }
            s.append('\n');
            if (coverage.folders().size() > 1) {
                coverage.byFolder().forEach(f -> s.append("  ").append(f.folder()).append(": ")
                        .append(Coverage.summary(f.fired(), f.rules())).append('\n'));
            }
            int width = coverage.notFired().stream().mapToInt(x -> x.id().length()).max().orElse(0);
            for (RuleRef rule : coverage.notFired()) {
                s.append(String.format("  not fired: %-" + width + "s  %s%n", rule.id(), rule.where()));
            }
        }
        return s.toString();
    }

    /**
     * The indented explanation under a FAIL line: where the scenario is, then expected and actual per field. Each
     * value stays on its line ({@link Escape#oneLine}), so no text can fake a line of the report.
     */
    static String diff(Result r) {
        StringBuilder s = new StringBuilder("    at ").append(Escape.oneLine(r.scenario().where())).append('\n');
        for (Mismatch m : r.mismatches()) {
            s.append("    ").append(Escape.oneLine(m.field())).append('\n');
            s.append("      expected: ").append(Escape.oneLine(m.expected())).append('\n');
            s.append("      actual:   ").append(Escape.oneLine(m.actual())).append('\n');
            for (int i = 0; i < m.why().size(); i++) {
                s.append(i == 0 ? "      why:      " : "                ").append(Escape.oneLine(m.why().get(i)))
                        .append('\n');
            }
        }
        return s.toString();
    }

    // ---- json ----

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record JsonReport(List<JsonScenario> scenarios, long passed, long failed, JsonCoverage coverage) {
    }

    private record JsonScenario(String name, String file, int line, String result, List<Mismatch> mismatches,
                                List<String> fired) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record JsonCoverage(int rules, int fired, double percent, Double threshold, Boolean belowThreshold,
                                List<Coverage.FolderCoverage> byFolder, List<RuleRef> notFired) {
    }

    String json() {
        List<JsonScenario> scenarios = results.stream().map(r -> new JsonScenario(r.scenario().name(),
                r.scenario().file(), r.scenario().line(), r.passed() ? "pass" : "fail", r.mismatches(),
                r.fired().stream().sorted().toList())).toList();
        JsonCoverage cov = coverage == null ? null : new JsonCoverage(coverage.rules().size(), coverage.firedCount(),
                coverage.percent(), coverage.threshold(),
                coverage.threshold() == null ? null : coverage.belowThreshold(), coverage.byFolder(),
                coverage.notFired());
        try {
            return Escape.wellFormed(Mappers.JSON.writeValueAsString(new JsonReport(scenarios, passed(), failed(),
                    cov)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- junit ----

    /**
     * One testsuite per scenario file, one testcase per scenario; a failure carries the same diff as the text
     * report. Coverage, when asked for, is one more testcase that fails below the threshold. No timestamps or
     * durations, so the same run gives the same bytes.
     */
    String junit() {
        Map<String, List<Result>> byFile = new LinkedHashMap<>();
        results.forEach(r -> byFile.computeIfAbsent(r.scenario().file(), f -> new ArrayList<>()).add(r));
        StringWriter buffer = new StringWriter();
        try {
            SafeXmlWriter xml = SafeXmlWriter.over(buffer);
            xml.startDocument();
            xml.text("\n");
            xml.start("testsuites");
            xml.attribute("name", "cni-advisor rules test");
            xml.attribute("tests", String.valueOf(results.size() + (coverage == null ? 0 : 1)));
            boolean coverageFailed = coverage != null && coverage.belowThreshold();
            xml.attribute("failures", String.valueOf(failed() + (coverageFailed ? 1 : 0)));
            for (Map.Entry<String, List<Result>> file : byFile.entrySet()) {
                List<Result> suite = file.getValue();
                xml.text("\n  ");
                xml.start("testsuite");
                xml.attribute("name", file.getKey());
                xml.attribute("tests", String.valueOf(suite.size()));
                xml.attribute("failures", String.valueOf(suite.stream().filter(r -> !r.passed()).count()));
                for (Result r : suite) {
                    testcase(xml, file.getKey(), r.scenario().name(), r.passed() ? null
                            : r.mismatches().size() + " expectation(s) not met", r.passed() ? null : diff(r));
                }
                xml.text("\n  ");
                xml.end();
            }
            if (coverage != null) {
                xml.text("\n  ");
                xml.start("testsuite");
                xml.attribute("name", "rule coverage");
                xml.attribute("tests", "1");
                xml.attribute("failures", coverage.belowThreshold() ? "1" : "0");
                StringBuilder notFired = new StringBuilder();
                coverage.notFired().forEach(x -> notFired.append("not fired: ").append(x.id()).append("  ")
                        .append(x.where()).append('\n'));
                String name = "coverage " + coverage.summary() + (coverage.threshold() == null ? ""
                        : ", threshold " + Coverage.format(coverage.threshold()) + "%");
                testcase(xml, "rule coverage", name, coverage.belowThreshold() ? "below the threshold" : null,
                        notFired.isEmpty() ? null : notFired.toString());
                xml.text("\n  ");
                xml.end();
            }
            xml.text("\n");
            xml.end();
            xml.text("\n");
            xml.endDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toString();
    }

    /** A testcase; {@code failure} null means it passed, and {@code details} then goes to system-out. */
    private static void testcase(SafeXmlWriter xml, String classname, String name, String failure, String details)
            throws XMLStreamException {
        xml.text("\n    ");
        xml.start("testcase");
        xml.attribute("classname", classname);
        xml.attribute("name", name);
        if (failure != null) {
            xml.text("\n      ");
            xml.start("failure");
            xml.attribute("message", failure);
            xml.text(details == null ? "" : details);
            xml.end();
            xml.text("\n    ");
        } else if (details != null) {
            xml.text("\n      ");
            xml.start("system-out");
            xml.text(details);
            xml.end();
            xml.text("\n    ");
        }
        xml.end();
    }
}
