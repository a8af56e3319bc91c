package cniadvisor.render;

import cniadvisor.io.InputError;
import cniadvisor.model.AllocatedRange;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.model.Advice;
import cniadvisor.model.SchemaVersion;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JSON: an array of the advise objects, pretty-printed as {@code advise -o json} prints one. JSON Lines: the same
 * objects, one per line. Each object starts with {@code schemaVersion} ({@link SchemaVersion}: every item is a
 * document of its own, so the array has no header) and {@code input} ("teams.csv:4"); a request that could not be
 * evaluated has {@code name}, {@code input} and {@code inputErrors} instead of advice. Both formats hold requests
 * only, so that they stay loadable as they are; the summary goes to stderr.
 */
final class JsonBatchWriter implements BatchWriter {

    /** The JSON form of one result. */
    @JsonPropertyOrder({"schemaVersion", "input", "name", "inputErrors", "allocation"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String input, String name, List<InputError> inputErrors,
                @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AllocatedRange> allocation,
                @JsonUnwrapped @JsonIgnoreProperties(SchemaVersion.KEY) Advice advice) {
        static Item of(BatchResult result) {
            return result.valid()
                    ? new Item(result.location(), null, null, result.allocation(), result.advice())
                    : new Item(result.location(), result.name(), result.errors(), null, null);
        }

        /** First in every item, valid or not: each is a document of its own (a line of JSON Lines). */
        @JsonProperty(SchemaVersion.KEY)
        public String schemaVersion() {
            return SchemaVersion.CURRENT;
        }
    }

    private final Writer out;
    private final SequenceWriter items;

    private JsonBatchWriter(Writer out, SequenceWriter items) {
        this.out = out;
        this.items = items;
    }

    static JsonBatchWriter array(Writer out) throws IOException {
        return new JsonBatchWriter(out, DeploymentJson.JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValuesAsArray(out));
    }

    static JsonBatchWriter lines(Writer out) throws IOException {
        return new JsonBatchWriter(out, DeploymentJson.JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .without(SerializationFeature.INDENT_OUTPUT).withRootValueSeparator("\n").writeValues(out));
    }

    @Override
    public void write(BatchResult result) throws IOException {
        items.write(Item.of(result));
    }

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        items.close();
        out.write('\n');
        out.flush();
    }
}
