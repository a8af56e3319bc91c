package cniadvisor.batch;

import cniadvisor.io.ExitCode;
import cniadvisor.model.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Counts over a whole batch, kept as it streams by: results per status and recommended option, and requests per
 * error and warning (by rule id); once the run is over, its exit code. Its size depends on the rule base, not on
 * the number of requests.
 */
public final class BatchSummary {

    /** The address pool check, filled in once the batch is done. */
    public record Pool(List<String> cidrs, long size, long demanded, long requests) {
        public long left() {
            return size - demanded;
        }
    }

    private long requests;
    private long recommended;
    private long noFit;
    private long invalid;
    private long withErrors;
    private long withWarnings;
    private final Map<String, Long> byOption = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, Long> warnings = new TreeMap<>();
    private final Map<String, Long> notes = new TreeMap<>();
    private Pool pool;
    private ExitCode exitCode;

    public void add(BatchResult result) {
        requests++;
        switch (result.status()) {
            case BatchResult.RECOMMENDED -> {
                recommended++;
                byOption.merge(result.advice().recommendation().option(), 1L, Long::sum);
            }
            case BatchResult.NO_FIT -> noFit++;
            default -> invalid++;
        }
        if (!result.valid()) {
            return;
        }
        // each rule counts once per request and level; requests carry few warnings, so a list is the cheapest set
        List<Reason> counted = new ArrayList<>();
        boolean error = false;
        boolean warning = false;
        for (Reason finding : result.advice().findings()) {
            if (countedAlready(counted, finding)) {
                continue;
            }
            counted.add(finding);
            switch (finding.level()) {
                case "error" -> {
                    errors.merge(finding.rule(), 1L, Long::sum);
                    error = true;
                }
                case "warning" -> {
                    warnings.merge(finding.rule(), 1L, Long::sum);
                    warning = true;
                }
                default -> notes.merge(finding.rule(), 1L, Long::sum);
            }
        }
        withErrors += error ? 1 : 0;
        withWarnings += warning ? 1 : 0;
    }

    private static boolean countedAlready(List<Reason> counted, Reason finding) {
        for (Reason c : counted) {
            if (c.rule().equals(finding.rule()) && c.level().equals(finding.level())) {
                return true;
            }
        }
        return false;
    }

    public void pool(Pool pool) {
        this.pool = pool;
    }

    void exitCode(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    /** The run's exit code (see {@link BatchJob}); null while the batch is still running. */
    public ExitCode exitCode() {
        return exitCode;
    }

    /** "12 requests: 9 recommended, 2 no fit, 1 invalid; 3 with errors, 4 with warnings". */
    public String tally() {
        return String.format(Locale.ROOT, "%,d %s: %,d recommended, %,d no fit, %,d invalid; "
                        + "%,d with errors, %,d with warnings", requests, requests == 1 ? "request" : "requests",
                recommended, noFit, invalid, withErrors, withWarnings);
    }

    /** The summary as plain text lines: the tally, then each count. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Batch: " + tally());
        int width = Stream.of(byOption, errors, warnings, notes).flatMap(counts -> counts.keySet().stream())
                .mapToInt(String::length).max().orElse(0);
        section(lines, "Recommended options", byOption, width);
        section(lines, "Errors (requests per rule)", errors, width);
        section(lines, "Warnings (requests per rule)", warnings, width);
        section(lines, "Notes (requests per rule)", notes, width);
        if (pool != null) {
            lines.add(poolLine());
        }
        return lines;
    }

    private static void section(List<String> lines, String title, Map<String, Long> counts, int width) {
        if (counts.isEmpty()) {
            return;
        }
        lines.add(title + ":");
        counts.forEach((key, count) -> lines.add(String.format(Locale.ROOT, "  %-" + width + "s %,9d",
                key, count)));
    }

    /** "Address pool 10.0.0.0/8 (16,777,216 addresses): 12 requests take 40,960; 16,736,256 left." */
    public String poolLine() {
        String head = String.format(Locale.ROOT, "Address pool %s (%,d addresses): %,d %s %,d; ",
                String.join(", ", pool.cidrs()), pool.size(), pool.requests(),
                pool.requests() == 1 ? "request takes" : "requests take", pool.demanded());
        return head + (pool.left() >= 0
                ? String.format(Locale.ROOT, "%,d left.", pool.left())
                : String.format(Locale.ROOT, "%,d more than the pool holds.", -pool.left()));
    }

    /** The summary as a map, for JSON-based reports. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tally", tally());
        map.put("requests", requests);
        map.put("recommended", recommended);
        map.put("noFit", noFit);
        map.put("invalid", invalid);
        map.put("withErrors", withErrors);
        map.put("withWarnings", withWarnings);
        map.put("recommendedOptions", byOption);
        map.put("errors", errors);
        map.put("warnings", warnings);
        map.put("notes", notes);
        if (pool != null) {
            Map<String, Object> poolMap = new LinkedHashMap<>();
            poolMap.put("cidrs", pool.cidrs());
            poolMap.put("size", pool.size());
            poolMap.put("demanded", pool.demanded());
            poolMap.put("requests", pool.requests());
            poolMap.put("left", pool.left());
            map.put("addressPool", poolMap);
        }
        return map;
    }

    public long requests() {
        return requests;
    }

    public long noFit() {
        return noFit;
    }

    public long invalid() {
        return invalid;
    }

    public Map<String, Long> byOption() {
        return byOption;
    }

    public Map<String, Long> errors() {
        return errors;
    }

    public Map<String, Long> warnings() {
        return warnings;
    }

    public Map<String, Long> notes() {
        return notes;
    }

    public Pool pool() {
        return pool;
    }
}
