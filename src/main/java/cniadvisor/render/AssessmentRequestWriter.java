package cniadvisor.render;

import cniadvisor.io.InputError;
import cniadvisor.io.Mappers;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.Clusters;
import cniadvisor.inventory.FleetSummary;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * {@code assess -o request}: the request file made from each cluster, as YAML, one document per cluster (separated
 * by {@code ---}), so a team can adjust it and run {@code advise -f} on it (or {@code batch} on the whole file). Each
 * document starts with comments: where it was read, and what was assumed because the API cannot say it. An input
 * that could not be read becomes a comment.
 */
final class AssessmentRequestWriter implements AssessmentWriter {

    private final Writer out;
    private final Context context;
    private boolean first = true;

    AssessmentRequestWriter(Writer out, Context context) {
        this.out = out;
        this.context = context;
    }

    @Override
    public void write(Assessment a) throws IOException {
        StringBuilder s = new StringBuilder();
        separator(s);
        s.append("# ").append(Escape.oneLine(a.name())).append(": read from ").append(Escape.oneLine(a.source()))
                .append(" by 'cni-advisor assess' (as of ").append(context.asOf()).append(")\n");
        s.append("# Get the advice with: cni-advisor batch <this file> (one document per cluster), or save this "
                + "document alone and run cni-advisor advise -f on it\n");
        if (!a.assumptions().isEmpty()) {
            s.append("# Not in Azure's data, so assumed (change them here):\n");
            for (Clusters.Assumption x : a.assumptions()) {
                s.append("#   ").append(x.key()).append(x.value() == null ? "" : ": " + x.value()).append(" (")
                        .append(Escape.oneLine(x.note())).append(")\n");
            }
        }
        Map<String, Object> values = context.binder().contract().values(a.request());
        values.remove("surgeNodes");
        try {
            s.append(Mappers.YAML.writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.write(s.toString());
    }

    @Override
    public void invalid(String file, String source, List<InputError> errors) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(Escape.oneLine(source)).append(": not assessed\n");
        errors.forEach(e -> s.append("#   error: ").append(Escape.oneLine(e.format())).append('\n'));
        out.write(s.toString());
    }

    private void separator(StringBuilder s) {
        if (!first) {
            s.append("---\n");
        }
        first = false;
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        out.flush();
    }
}
