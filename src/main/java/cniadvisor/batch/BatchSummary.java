package cniadvisor.batch;

import cniadvisor.ipplan.FleetAllocator;
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

    /**
     * The address pool once the batch is done: only addresses inside the pools count.
     *
     * @param cidrs             the pools
     * @param size              addresses in the pools (each once)
     * @param given             held by ranges the requests gave (VNets and subnets)
     * @param reserved          held by reserved ranges, connected networks and given pod and service CIDRs
     * @param allocated         allocated to requests
     * @param allocatedRequests requests that were allocated some range
     * @param free              left
     * @param largestFree       the largest free blocks, largest first
     * @param notAllocated      requests the pool could not hold (each has an error saying what it needed)
     * @param outsideCount      given VNet ranges outside the pools (each an error)
     * @param outside           the first of them, named with their request
     * @param shared            the cluster-private ranges the clusters use, with how many use each
     */
    public record Pool(List<String> cidrs, long size, long given, long reserved, long allocated,
                       long allocatedRequests, long free, List<String> largestFree, long notAllocated,
                       long outsideCount, List<String> outside, List<FleetAllocator.SharedRange> shared) {
        public Pool {
            cidrs = List.copyOf(cidrs);
            largestFree = List.copyOf(largestFree);
            outside = List.copyOf(outside);
            shared = List.copyOf(shared);
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
            lines.addAll(poolLines());
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

    /** The pool's lines: its figures, the largest free blocks, what lies outside, what was shared. */
    public List<String> poolLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Address pool %s: %,d addresses; given ranges hold %,d, reserved "
                        + "ranges %,d, %,d allocated to %,d %s; %,d free.", String.join(", ", pool.cidrs()),
                pool.size(), pool.given(), pool.reserved(), pool.allocated(), pool.allocatedRequests(),
                pool.allocatedRequests() == 1 ? "request" : "requests", pool.free()));
        if (!pool.largestFree().isEmpty()) {
            lines.add("  Largest free blocks: " + String.join(", ", pool.largestFree()));
        }
        if (pool.notAllocated() > 0) {
            lines.add(String.format(Locale.ROOT, "  Not allocated: %,d %s the pool could not hold (errors)",
                    pool.notAllocated(), pool.notAllocated() == 1 ? "request" : "requests"));
        }
        if (pool.outsideCount() > 0) {
            lines.add(String.format(Locale.ROOT, "  Outside the pool (errors): %s%s", String.join("; ",
                    pool.outside()), pool.outsideCount() > pool.outside().size() ? String.format(Locale.ROOT,
                    "; and %,d more", pool.outsideCount() - pool.outside().size()) : ""));
        }
        if (!pool.shared().isEmpty()) {
            lines.add("  Cluster-private ranges reused across clusters: " + String.join("; ", pool.shared().stream()
                    .map(r -> String.format(Locale.ROOT, "%s %s by %,d %s", r.role(), r.cidr(), r.clusters(),
                            r.clusters() == 1 ? "cluster" : "clusters")).toList()));
        }
        return lines;
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
            poolMap.put("given", pool.given());
            poolMap.put("reserved", pool.reserved());
            poolMap.put("allocated", pool.allocated());
            poolMap.put("allocatedRequests", pool.allocatedRequests());
            poolMap.put("free", pool.free());
            poolMap.put("largestFree", pool.largestFree());
            poolMap.put("notAllocated", pool.notAllocated());
            poolMap.put("outsideCount", pool.outsideCount());
            poolMap.put("outside", pool.outside());
            poolMap.put("shared", pool.shared());
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
