package cniadvisor.io;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.Reason;
import cniadvisor.model.Recommendation;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * SARIF 2.1.0 for code-scanning tools: one run whose driver lists every rule and check, and a result per
 * recommendation (note), no-fit (error), finding (at its level) and input error (error), each located at the
 * request's line in its input file. The run's invocation carries the exit code, so the verdict agrees with it.
 * executionSuccessful stays true: in SARIF it says the tool ran to the end (false makes code scanning report a
 * broken scan), not whether it found problems; those are the error results and the exit code.
 * The summary goes into the run's properties. Streams: results are written as they arrive.
 */
final class SarifBatchWriter implements BatchWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The tool has no web home of its own; this is the Microsoft overview its knowledge is built on. */
    static final String INFORMATION_URI = "https://learn.microsoft.com/azure/aks/concepts-network-cni-overview";

    static final String RECOMMENDATION = "BATCH-RECOMMENDATION";
    static final String NO_FIT = "BATCH-NO-FIT";
    static final String INVALID_INPUT = "BATCH-INVALID-INPUT";

    /** Results that are not rule findings, described like rules. */
    static final List<RuleInfo> OUTCOMES = List.of(
            new RuleInfo(RECOMMENDATION, "Recommended network plugin",
                    "The option, data plane and policy engine recommended for the request.", null),
            new RuleInfo(NO_FIT, "No option fits",
                    "No network plugin option satisfies every requirement of the request.", null),
            new RuleInfo(INVALID_INPUT, "Invalid request",
                    "The request could not be read or has a key or value that is not allowed.", null));

    private final Writer out;
    private final JsonGenerator json;

    SarifBatchWriter(Writer out, Context context) throws IOException {
        this.out = out;
        this.json = Mappers.JSON.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("$schema", SCHEMA);
        json.writeStringField("version", "2.1.0");
        json.writeArrayFieldStart("runs");
        json.writeStartObject();
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "cni-advisor");
        json.writeStringField("informationUri", INFORMATION_URI);
        json.writeArrayFieldStart("rules");
        List<RuleInfo> rules = new ArrayList<>(OUTCOMES);
        rules.addAll(context.rules());
        for (RuleInfo rule : rules) {
            json.writeStartObject();
            json.writeStringField("id", rule.id());
            json.writeStringField("name", rule.name());
            json.writeObjectFieldStart("shortDescription");
            json.writeStringField("text", rule.description() != null ? rule.description() : rule.name());
            json.writeEndObject();
            if (rule.helpUri() != null) {
                json.writeStringField("helpUri", rule.helpUri());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("results");
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
            result(RECOMMENDATION, "note", result.name() + ": recommended " + rec.title() + ", " + rec.dataplane()
                    + " data plane, " + rec.networkPolicy() + " network policy.", result.file(), result.line());
        } else {
            result(NO_FIT, "error", result.name() + ": no option fits. " + String.join("; ", advice.conflicts()),
                    result.file(), result.line());
        }
        for (Reason finding : result.reportedFindings()) {
            result(finding.rule(), level(finding), result.name() + ": " + finding.text(), result.file(),
                    result.line());
        }
    }

    private void result(String ruleId, String level, String message, String file, int line) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", ruleId);
        json.writeStringField("level", level);
        json.writeObjectFieldStart("message");
        json.writeStringField("text", message);
        json.writeEndObject();
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", uri(file));
        json.writeEndObject();
        if (line > 0) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", line);
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** SARIF levels: error, warning, note. */
    private static String level(Reason finding) {
        return "info".equals(finding.level()) ? "note" : finding.level();
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
        json.writeEndArray();
        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", true);
        json.writeNumberField("exitCode", exitCode);
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("properties");
        json.writeFieldName("summary");
        Mappers.JSON.writeValue(json, summary.asMap());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.write('\n');
        out.flush();
    }
}
