package cniadvisor.batch;

import cniadvisor.io.InputError;
import cniadvisor.model.Advice;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * What a batch concluded for one request: its advice, or the input errors that kept it from being evaluated.
 *
 * @param ordinal        1-based position in the whole batch (all inputs, in order)
 * @param file           the input it came from
 * @param line           the line it starts on, 0 when unknown
 * @param name           its name, or for a request that could not be bound the name it gave or its default name
 * @param request        the bound request (without its name); null when invalid
 * @param advice         the advice, with the batch's cross-request findings among its warnings; null when invalid
 * @param errors         why the request is invalid; empty when it was evaluated
 * @param allocation     the ranges the batch gave it from the address pool; empty without a pool
 */
public record BatchResult(int ordinal, String file, int line, String name, Request request, Advice advice,
                          List<InputError> errors, List<AllocatedRange> allocation) {

    public static final String RECOMMENDED = "recommended";
    public static final String NO_FIT = "no-fit";
    public static final String INVALID = "invalid";

    public BatchResult {
        errors = List.copyOf(errors);
        allocation = List.copyOf(allocation);
    }

    public static BatchResult evaluated(int ordinal, BatchRecord record, NamedRequest request, Advice advice) {
        return new BatchResult(ordinal, record.file(), record.line(), request.name(), request.request(), advice,
                List.of(), List.of());
    }

    public static BatchResult invalid(int ordinal, BatchRecord record, List<InputError> errors) {
        return new BatchResult(ordinal, record.file(), record.line(), record.displayName(), null, null, errors, List.of());
    }

    public boolean valid() {
        return advice != null;
    }

    /** recommended, no-fit or invalid. */
    public String status() {
        return !valid() ? INVALID : advice.hasRecommendation() ? RECOMMENDED : NO_FIT;
    }

    /** "teams.csv:4", or the file alone when the line is unknown. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /** How other requests' findings name this one: "payments (teams.csv:4)". */
    public String label() {
        return name + " (" + location() + ")";
    }

    /**
     * The findings a fleet report lists per request: errors and warnings. Info-level notes (the one-way doors every
     * request carries) stay in the json and jsonl advice objects; repeated on every row they would only be noise.
     */
    public List<Reason> reportedFindings() {
        List<Reason> reported = new ArrayList<>();
        if (valid()) {
            for (Reason finding : advice.findings()) {
                if (!"info".equals(finding.level())) {
                    reported.add(finding);
                }
            }
        }
        return reported;
    }

    /** Warnings of the given level ("error", "warning" or "info"). */
    public List<Reason> findings(String level) {
        List<Reason> found = new ArrayList<>();
        if (valid()) {
            for (Reason warning : advice.findings()) {
                if (level.equals(warning.level())) {
                    found.add(warning);
                }
            }
        }
        return found;
    }

    /** How many warnings of the level there are; a loop, as the sink asks for every result. */
    public int count(String level) {
        int count = 0;
        if (valid()) {
            for (Reason warning : advice.findings()) {
                count += level.equals(warning.level()) ? 1 : 0;
            }
        }
        return count;
    }

    /** The same result with cross-request findings added to the advice's warnings, in report order. */
    public BatchResult withFindings(List<Reason> findings) {
        if (findings.isEmpty()) {
            return this;
        }
        List<Reason> warnings = new ArrayList<>(advice.warnings());
        warnings.addAll(findings);
        warnings.sort(Reason.REPORT_ORDER);
        Advice merged = new Advice(advice.name(), advice.asOf(), advice.recommendation(), advice.options(), warnings,
                advice.conflicts(), advice.addressPlan());
        return new BatchResult(ordinal, file, line, name, request, merged, errors, allocation);
    }

    /** The same result with what the batch allocated to it, and its advice made again from those ranges. */
    public BatchResult withAllocation(Advice replanned, List<AllocatedRange> allocated) {
        return new BatchResult(ordinal, file, line, name, request, replanned, errors, allocated);
    }
}
