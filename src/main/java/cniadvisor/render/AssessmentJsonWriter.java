package cniadvisor.render;

import cniadvisor.io.InputError;
import cniadvisor.io.Mappers;

import cniadvisor.inventory.Assessment;
import cniadvisor.inventory.FleetSummary;
import cniadvisor.model.Deployment;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.SchemaVersion;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code assess -o json}: one object, {@code {schemaVersion, asOf, clusters: [...], errors: [...], summary}}, written
 * as the clusters come (the errors, few, are kept until the clusters are written). {@code -o jsonl}: one cluster per
 * line, and an input that could not be read as {@code {source, inputErrors}}, each line starting with
 * {@code schemaVersion}; the summary goes to stderr.
 *
 * <p>A cluster's {@code migration} is {@code {from, to, inPlace, blockers: [REASON], steps: [{title, command,
 * step, sources}]}}, where {@code command} is the step as bash (null for a manual step) and {@code step} the same
 * step as data (command, args, comment, assign).
 */
final class AssessmentJsonWriter implements AssessmentWriter {

    /** Input errors of one source, as the JSON report lists them. */
    @JsonPropertyOrder({"source", "inputErrors"})
    record Invalid(String source, List<InputError> inputErrors) {
    }

    static final ObjectMapper JSON = Mappers.JSON.copy().registerModule(module());
    private static final ObjectMapper LINES = JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private final Writer out;
    private final JsonGenerator gen;
    private final boolean lines;
    private final ObjectMapper mapper;
    private final List<Invalid> invalid = new ArrayList<>();

    private AssessmentJsonWriter(Writer out, JsonGenerator gen, boolean lines) {
        this.out = out;
        this.gen = gen;
        this.lines = lines;
        this.mapper = lines ? LINES : JSON;
    }

    static AssessmentJsonWriter object(Writer out, Context context) throws IOException {
        JsonGenerator gen = JSON.getFactory().createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.useDefaultPrettyPrinter();
        gen.writeStartObject();
        gen.writeStringField(SchemaVersion.KEY, SchemaVersion.CURRENT);
        gen.writeStringField("asOf", context.asOf().toString());
        gen.writeArrayFieldStart("clusters");
        return new AssessmentJsonWriter(out, gen, false);
    }

    static AssessmentJsonWriter lines(Writer out) throws IOException {
        JsonGenerator gen = LINES.getFactory().createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return new AssessmentJsonWriter(out, gen, true);
    }

    @Override
    public void write(Assessment assessment) throws IOException {
        mapper.writeValue(gen, lines ? versioned(assessment) : assessment);
        if (lines) {
            gen.flush();
            out.write('\n');
        }
    }

    @Override
    public void invalid(String file, String source, List<InputError> errors) throws IOException {
        if (lines) {
            mapper.writeValue(gen, versioned(new Invalid(source, errors)));
            gen.flush();
            out.write('\n');
        } else {
            invalid.add(new Invalid(source, errors));
        }
    }

    @Override
    public void finish(FleetSummary summary, int exitCode) throws IOException {
        if (!lines) {
            gen.writeEndArray();
            gen.writeFieldName("errors");
            JSON.writeValue(gen, invalid);
            gen.writeFieldName("summary");
            JSON.writeValue(gen, summary.view());
            gen.writeEndObject();
            gen.flush();
            out.write('\n');
        }
        gen.flush();
        out.flush();
    }

    /** A line of JSON Lines: the object with {@code schemaVersion} first, since each line is a document. */
    private ObjectNode versioned(Object value) {
        ObjectNode line = mapper.createObjectNode().put(SchemaVersion.KEY, SchemaVersion.CURRENT);
        line.setAll((ObjectNode) mapper.valueToTree(value));
        return line;
    }

    /** A runbook step as {title, command (bash), step (data), sources}. */
    private static SimpleModule module() {
        return new SimpleModule("cni-advisor-assess").addSerializer(MigrationPlan.RunbookStep.class,
                new StdSerializer<>(MigrationPlan.RunbookStep.class) {
                    @Override
                    public void serialize(MigrationPlan.RunbookStep step, JsonGenerator gen,
                                          SerializerProvider provider) throws IOException {
                        gen.writeStartObject();
                        gen.writeStringField("title", step.title());
                        gen.writeStringField("command", bash(step.command()));
                        provider.defaultSerializeField("step", step.command(), gen);
                        provider.defaultSerializeField("sources", step.sources(), gen);
                        gen.writeEndObject();
                    }
                });
    }

    /** One step as the bash a user pastes (with its comment line), or null for a manual step. */
    static String bash(Deployment.Step step) {
        if (step == null) {
            return null;
        }
        return AzCliCommand.script(step);
    }
}
