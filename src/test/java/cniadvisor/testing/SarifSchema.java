package cniadvisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The official SARIF 2.1.0 JSON Schema (src/test/resources/sarif/, see the README there for where it comes from),
 * and a check that a report validates against it, with networknt's validator.
 */
public final class SarifSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private SarifSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            // the schema is draft-04, as its $schema says
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with the SARIF log (empty: valid). */
    public static Set<ValidationMessage> problems(String sarif) {
        try {
            return SCHEMA.validate(JSON.readTree(sarif));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the log validates; returns it parsed. */
    public static JsonNode assertValid(String sarif) {
        assertEquals(Set.of(), problems(sarif), sarif);
        try {
            return JSON.readTree(sarif);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
