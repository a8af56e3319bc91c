package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.Reason;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code assess -o sarif}: SARIF 2.1.0, one run whose driver lists every rule, and a result per error or warning
 * finding, per cluster no option fits and per input that could not be read, located at the cluster in its input
 * file. A cluster that only gets its assessment has no result (SARIF results are problems). The invocation carries
 * the exit code; the fleet summary goes into the run's properties. Streams.
 */
final class AssessmentSarifWriter implements AssessmentWriter {

    static final String NO_FIT = "ASSESS-NO-FIT";
    static final String INVALID_INPUT = "ASSESS-INVALID-INPUT";

    private final SarifLog log;

    AssessmentSarifWriter(Writer out, Context context) throws IOException {
        List<BatchWriter.RuleInfo> rules = new ArrayList<>(List.of(
                new BatchWriter.RuleInfo(NO_FIT, "No option fits",
                        "No network plugin option satisfies every requirement made from the cluster.", List.of(),
                        "error"),
                new BatchWriter.RuleInfo(INVALID_INPUT, "Not a readable managed cluster",
                        "The input, or one resource in it, is not a managed cluster or VNet this tool can read.",
                        List.of(), "error")));
        rules.addAll(context.rules());
        this.log = new SarifLog(out, rules);
    }

    @Override
    public void write(Assessment a) throws IOException {
        String name = (a.resourceGroup() == null ? "" : a.resourceGroup() + "/") + a.name();
        if (a.target() == null) {
            result(NO_FIT, "error", name + ": no option fits. " + String.join("; ", a.advice().conflicts()),
                    a.file(), a.line());
        }
        for (Reason finding : AssessmentCells.reported(a)) {
            log.result(finding.rule(), finding.level(), name + ": " + finding.text(), a.file(), a.line(),
                    finding.related());
        }
    }

    @Override
    public void invalid(String file, String source, List<InputError> errors) throws IOException {
        for (InputError error : errors) {
            result(INVALID_INPUT, "error", error.format(), file, error.line());
        }
    }

    private void result(String ruleId, String level, String message, String file, int line) throws IOException {
        log.result(ruleId, level, message, file, line);
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        log.finish(exitCode, summary.view());
    }
}
