package cniadvisor.render;

import cniadvisor.io.InputError;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Reason;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code batch -o github} and {@code -o azure-devops}: an annotation per input error, per request no option fits and
 * per error or warning finding, on the request's line of its input file, as the CI system shows it on the diff;
 * then the summary as plain lines. Streams.
 */
final class CiBatchWriter implements BatchWriter {

    private final Writer out;
    private final CiAnnotations.Kind kind;

    CiBatchWriter(Writer out, CiAnnotations.Kind kind) {
        this.out = out;
        this.kind = kind;
    }

    @Override
    public void write(BatchResult result) throws IOException {
        List<CiAnnotations.Annotation> annotations = new ArrayList<>();
        if (!result.valid()) {
            for (InputError error : result.errors()) {
                annotations.add(new CiAnnotations.Annotation("error", result.file(), error.line() > 0 ? error.line()
                        : result.line(), 0, "invalid request", result.name() + ": " + (error.key() == null ? ""
                        : error.key() + ": ") + error.message()));
            }
        } else {
            if (!result.advice().hasRecommendation()) {
                annotations.add(new CiAnnotations.Annotation("error", result.file(), result.line(), 0, "no fit",
                        result.name() + ": no option fits: " + String.join("; ", result.advice().conflicts())));
            }
            for (Reason finding : result.reportedFindings()) {
                if (Reason.ERROR.equals(finding.level()) || Reason.WARNING.equals(finding.level())) {
                    annotations.add(new CiAnnotations.Annotation(finding.level(), result.file(), result.line(), 0,
                            finding.rule(), result.name() + ": " + finding.text()));
                }
            }
        }
        out.write(CiAnnotations.render(kind, annotations));
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        for (String line : summary.lines()) {
            out.write(Escape.oneLine(line) + "\n");
        }
        out.flush();
    }
}
