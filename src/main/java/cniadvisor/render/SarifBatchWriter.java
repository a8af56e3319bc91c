package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * SARIF 2.1.0 for code-scanning tools: one run whose driver lists every rule and check (each with what it decides and
 * its sources), and a result per no-fit (error), finding (at its level, with the other requests it concerns as
 * related locations) and input error (error), each located at the request's line in its input file; a note per
 * recommendation only with {@code --sarif-recommendations} (SARIF results are problems: code scanning would list a
 * fine request as an alert). The run's invocation carries the exit code, so the verdict agrees with it.
 * executionSuccessful stays true: in SARIF it says the tool ran to the end (false makes code scanning report a
 * broken scan), not whether it found problems; those are the error results and the exit code.
 * The summary goes into the run's properties. Streams: results are written as they arrive.
 */
final class SarifBatchWriter implements BatchWriter {


    static final String RECOMMENDATION = "BATCH-RECOMMENDATION";
    static final String NO_FIT = "BATCH-NO-FIT";
    static final String INVALID_INPUT = "BATCH-INVALID-INPUT";

    /** Results that are not rule findings, described like rules. */
    static final List<RuleInfo> OUTCOMES = List.of(
            new RuleInfo(RECOMMENDATION, "Recommended network plugin",
                    "The option, data plane and policy engine recommended for the request.", List.of(), "note"),
            new RuleInfo(NO_FIT, "No option fits",
                    "No network plugin option satisfies every requirement of the request.", List.of(), "error"),
            new RuleInfo(INVALID_INPUT, "Invalid request",
                    "The request could not be read or has a key or value that is not allowed.", List.of(),
                    "error"));

    private final SarifLog log;
    private final boolean recommendations;

    SarifBatchWriter(Writer out, Context context) throws IOException {
        this.recommendations = context.sarifRecommendations();
        List<RuleInfo> rules = new ArrayList<>(recommendations ? OUTCOMES : OUTCOMES.subList(1, OUTCOMES.size()));
        rules.addAll(context.rules());
        this.log = new SarifLog(out, rules);
    }

    @Override
    public void write(BatchResult result) throws IOException {
        if (!result.valid()) {
            for (InputError error : result.errors()) {
                String key = error.key() == null ? "" : error.key() + ": ";
                result(INVALID_INPUT, "error", result.name() + ": " + key + error.message(), result.file(),
                        error.line() > 0 ? error.line() : result.line());
            }
            return;
        }
        Advice advice = result.advice();
        Recommendation rec = advice.recommendation();
        if (rec != null) {
            if (recommendations) { // else no result: a request that got its advice is no problem
                result(RECOMMENDATION, "note", result.name() + ": recommended " + rec.title() + ", "
                        + rec.dataplane() + " data plane, " + rec.networkPolicy() + " network policy.", result.file(),
                        result.line());
            }
        } else {
            result(NO_FIT, "error", result.name() + ": no option fits. " + String.join("; ", advice.conflicts()),
                    result.file(), result.line());
        }
        for (Reason finding : result.reportedFindings()) {
            log.result(finding.rule(), finding.level(), result.name() + ": " + finding.text(), result.file(),
                    result.line(), finding.related());
        }
    }

    private void result(String ruleId, String level, String message, String file, int line) throws IOException {
        log.result(ruleId, level, message, file, line);
    }

    /** A relative URI reference for the input path, with characters like spaces escaped. */
    static String uri(String file) {
        try {
            return new URI(null, null, file.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return file;
        }
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        log.finish(exitCode, summary.asMap());
    }
}
