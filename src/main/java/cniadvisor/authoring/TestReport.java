package cniadvisor.authoring;

import cniadvisor.authoring.Coverage.RuleRef;
import cniadvisor.authoring.ScenarioRunner.Mismatch;
import cniadvisor.authoring.ScenarioRunner.Result;
import cniadvisor.render.Escape;
import cniadvisor.io.Mappers;
import cniadvisor.render.JUnitSuite;
import cniadvisor.model.SchemaVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@code rules test} run, written as text (PASS/FAIL lines, a diff per failure, the tally),
 * JSON, or JUnit XML ({@link JUnitSuite}, as batch and assess write it). {@code coverage} is null unless coverage was
 * asked for.
 */
public record TestReport(List<Result> results, Coverage coverage, List<Duration> times) {

    /**
     * @param times how long each result's scenario ran, in the order of {@code results}; empty (or short) when not
     *              measured, which JUnit shows as 0
     */
    public TestReport {
        results = List.copyOf(results);
        times = times == null ? List.of() : List.copyOf(times);
    }

    public TestReport(List<Result> results, Coverage coverage) {
        this(results, coverage, List.of());
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
    @JsonPropertyOrder({SchemaVersion.KEY, "scenarios", "passed", "failed", "coverage"})
    private record JsonReport(List<JsonScenario> scenarios, long passed, long failed, JsonCoverage coverage) {
        @JsonProperty(SchemaVersion.KEY)
        public String schemaVersion() {
            return SchemaVersion.CURRENT;
        }
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
     * One testsuite per scenario file, one testcase per scenario (class name: the file, relative to the working
     * directory), written by the one JUnit writer the batch and assess reports use; a failure carries the same diff
     * as the text report. Coverage, when asked for, is one more testcase that fails below the threshold. Each case's
     * time is how long its scenario ran, when {@link #times} has it; times are all that differs between two runs.
     */
    String junit() {
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            byFile.computeIfAbsent(results.get(i).scenario().file(), f -> new ArrayList<>()).add(i);
        }
        StringWriter buffer = new StringWriter();
        try (JUnitSuite junit = new JUnitSuite("cni-advisor rules test")) {
            for (Map.Entry<String, List<Integer>> file : byFile.entrySet()) {
                String classname = JUnitSuite.classname(file.getKey());
                junit.suite(classname);
                for (int i : file.getValue()) {
                    Result r = results.get(i);
                    Duration time = i < times.size() ? times.get(i) : Duration.ZERO;
                    if (r.passed()) {
                        junit.pass(classname, r.scenario().name(), null, time);
                    } else {
                        junit.fail(classname, r.scenario().name(), null, r.mismatches().size()
                                + " expectation(s) not met", diff(r), time);
                    }
                }
            }
            if (coverage != null) {
                junit.suite("rule coverage");
                StringBuilder notFired = new StringBuilder();
                coverage.notFired().forEach(x -> notFired.append("not fired: ").append(x.id()).append("  ")
                        .append(x.where()).append('\n'));
                String name = "coverage " + coverage.summary() + (coverage.threshold() == null ? ""
                        : ", threshold " + Coverage.format(coverage.threshold()) + "%");
                String details = notFired.isEmpty() ? null : notFired.toString();
                if (coverage.belowThreshold()) {
                    junit.fail("rule coverage", name, null, "below the threshold", details, Duration.ZERO);
                } else {
                    junit.pass("rule coverage", name, details, Duration.ZERO);
                }
            }
            junit.finish(buffer, Map.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }
}
