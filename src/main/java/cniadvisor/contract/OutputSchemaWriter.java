package cniadvisor.contract;

import cniadvisor.io.InputError;
import cniadvisor.io.Mappers;
import cniadvisor.model.Advice;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.PlanReport;
import cniadvisor.model.Recommendation;
import cniadvisor.model.SchemaVersion;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) of what the tool writes, generated from the model records as Jackson serialises
 * them (the same introspection, so the names, order, ignored and unwrapped properties and inclusion rules are the
 * output's own): each record is a definition with {@code additionalProperties: false}; a property Jackson always
 * writes is required, and may be null where its Java type may; one left out when null or empty ({@code
 * @JsonInclude}) is optional. The one thing not read from the records is what a custom serializer adds: the
 * recommendation's {@code azCli}, the bash block rendered from its deployment.
 */
public final class OutputSchemaWriter {

    /** The documents whose schema {@code cni-advisor schema} prints, besides the request's. */
    public enum Document {
        /** {@code advise -o json} (and {@code ask}): one advice object. */
        advice("the advice on one request, as advise -o json prints it", Advice.class),
        /** {@code plan -o json}: one address plan. */
        plan("the address plan of one request, as plan -o json prints it", PlanReport.class),
        /** {@code batch -o json}: an array of items; {@code -o jsonl}: one item a line. */
        batch("one item of batch -o json (an array of them) and one line of batch -o jsonl: an advice object, or a "
                + "request that could not be evaluated", null);

        final String description;
        final Class<?> root;

        Document(String description, Class<?> root) {
            this.description = description;
            this.root = root;
        }
    }

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper = Mappers.JSON;
    private final SerializationConfig config = mapper.getSerializationConfig();
    private final Map<String, ObjectNode> defs = new LinkedHashMap<>();
    private final Set<Class<?>> visiting = new LinkedHashSet<>();

    private OutputSchemaWriter() {
    }

    /** The schema of the document, as pretty-printed JSON with a final newline. */
    public static String json(Document document) {
        try {
            return Mappers.JSON.writeValueAsString(schema(document)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of the document as a tree. */
    public static ObjectNode schema(Document document) {
        OutputSchemaWriter writer = new OutputSchemaWriter();
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", "urn:cni-advisor:schema:" + document.name() + ":" + SchemaVersion.CURRENT);
        schema.put("title", "cni-advisor " + document.name() + " output, schemaVersion " + SchemaVersion.CURRENT);
        schema.put("description", "The JSON of " + document.description + ". Generated from the tool's model by "
                + "'cni-advisor schema " + document.name() + "'.");
        ObjectNode root = document == Document.batch ? writer.batchItem() : writer.object(document.root, Set.of());
        schema.setAll(root);
        schema.set("$defs", writer.sortedDefs());
        return schema;
    }

    /** A batch item: schemaVersion and input, then either the advice's properties or name and inputErrors. */
    private ObjectNode batchItem() {
        ObjectNode advice = object(Advice.class, Set.of());
        ObjectNode evaluated = NODES.objectNode();
        evaluated.put("type", "object");
        ObjectNode properties = evaluated.putObject("properties");
        properties.set(SchemaVersion.KEY, schemaVersion());
        properties.set("input", string("the request's file and line, as teams.csv:4"));
        ObjectNode adviceProperties = (ObjectNode) advice.get("properties");
        adviceProperties.fieldNames().forEachRemaining(name -> {
            if (!name.equals(SchemaVersion.KEY)) {
                properties.set(name, adviceProperties.get(name));
            }
        });
        ObjectNode allocation = NODES.objectNode();
        allocation.put("type", "array");
        allocation.put("description", "with --address-pool: the ranges the batch gave this request");
        allocation.set("items", schemaOf(mapper.constructType(AllocatedRange.class), false));
        properties.set("allocation", allocation);
        ArrayNode required = evaluated.putArray("required").add(SchemaVersion.KEY).add("input");
        advice.get("required").forEach(name -> {
            if (!name.asText().equals(SchemaVersion.KEY)) {
                required.add(name);
            }
        });
        evaluated.put("additionalProperties", false);

        ObjectNode invalid = NODES.objectNode();
        invalid.put("type", "object");
        ObjectNode invalidProperties = invalid.putObject("properties");
        invalidProperties.set(SchemaVersion.KEY, schemaVersion());
        invalidProperties.set("input", string("the request's file and line, as teams.csv:4"));
        invalidProperties.set("name", string("the request's name, or <file>#<n> when it has none"));
        ObjectNode errors = invalidProperties.putObject("inputErrors");
        errors.put("type", "array");
        errors.set("items", schemaOf(mapper.constructType(InputError.class), false));
        invalid.putArray("required").add(SchemaVersion.KEY).add("input").add("name").add("inputErrors");
        invalid.put("additionalProperties", false);

        ObjectNode item = NODES.objectNode();
        item.putArray("oneOf").add(evaluated).add(invalid);
        return item;
    }

    private ObjectNode sortedDefs() {
        ObjectNode sorted = NODES.objectNode();
        defs.keySet().stream().sorted().forEach(name -> sorted.set(name, defs.get(name)));
        return sorted;
    }

    private static ObjectNode string(String description) {
        ObjectNode node = NODES.objectNode().put("type", "string");
        node.put("description", description);
        return node;
    }

    private static ObjectNode schemaVersion() {
        ObjectNode node = NODES.objectNode().put("const", SchemaVersion.CURRENT);
        node.put("description", "The version of this JSON: MAJOR.MINOR, the major number changes when a key is "
                + "renamed or removed, the minor one when keys are added.");
        return node;
    }

    /** The object schema of a bean or record, its properties in the order Jackson writes them. */
    private ObjectNode object(Class<?> type, Set<String> ignored) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = node.putArray("required");
        addProperties(type, ignored, properties, required);
        node.put("additionalProperties", false);
        return node;
    }

    private void addProperties(Class<?> type, Set<String> ignored, ObjectNode properties, ArrayNode required) {
        JavaType javaType = mapper.constructType(type);
        BeanDescription bean = config.introspect(javaType);
        JsonInclude.Value classInclusion = bean.findPropertyInclusion(config.getDefaultPropertyInclusion(type));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || ignored.contains(property.getName())) {
                continue;
            }
            if (accessor.hasAnnotation(JsonUnwrapped.class)) {
                JsonIgnoreProperties ignore = accessor.getAnnotation(JsonIgnoreProperties.class);
                addProperties(accessor.getRawType(), ignore == null ? Set.of() : Set.of(ignore.value()), properties,
                        required);
                continue;
            }
            JsonInclude.Include inclusion = classInclusion.withOverrides(property.findInclusion())
                    .getValueInclusion();
            boolean always = inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS;
            boolean primitive = accessor.getRawType().isPrimitive();
            properties.set(property.getName(), property.getName().equals(SchemaVersion.KEY) ? schemaVersion()
                    : schemaOf(accessor.getType(), always && !primitive));
            if (always || primitive && inclusion != JsonInclude.Include.NON_DEFAULT) {
                required.add(property.getName());
            }
            if (type == Recommendation.class && property.getName().equals("networkPolicy")) {
                // what DeploymentJson's serializer adds after networkPolicy
                properties.set("azCli", string("the deployment as a bash block of az commands"));
                required.add("azCli");
            }
        }
        if (type == Recommendation.class) {
            // the serializer writes every property, null or not
            Set<String> names = new LinkedHashSet<>();
            required.forEach(n -> names.add(n.asText()));
            properties.fieldNames().forEachRemaining(name -> {
                if (!names.contains(name)) {
                    required.add(name);
                }
            });
        }
    }

    /** The schema of a value of the type; {@code nullable}: Jackson writes null for it when it is null. */
    private ObjectNode schemaOf(JavaType type, boolean nullable) {
        ObjectNode schema = nonNull(type);
        if (!nullable || schema.isEmpty()) {
            return schema;
        }
        if (schema.has("type") && schema.size() <= 2 && !schema.has("items") && !schema.has("$ref")) {
            ObjectNode copy = schema.deepCopy();
            copy.putArray("type").add(schema.get("type").asText()).add("null");
            return copy;
        }
        ObjectNode either = NODES.objectNode();
        either.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
        return either;
    }

    private ObjectNode nonNull(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Character.class || raw == char.class || raw.isEnum()) {
            return NODES.objectNode().put("type", "string");
        }
        if (raw == LocalDate.class) {
            return NODES.objectNode().put("type", "string").put("format", "date");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class || raw == java.math.BigInteger.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return NODES.objectNode().put("type", "number");
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", schemaOf(type.getContentType(), false));
            return array;
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", schemaOf(type.getContentType(), true));
            return map;
        }
        if (raw == Object.class || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(raw)) {
            return NODES.objectNode(); // anything
        }
        String name = definitionName(raw);
        if (!defs.containsKey(name) && visiting.add(raw)) {
            defs.put(name, NODES.objectNode()); // a placeholder, for records that refer to themselves
            defs.put(name, object(raw, Set.of()));
            visiting.remove(raw);
        }
        return NODES.objectNode().put("$ref", "#/$defs/" + name);
    }

    /** Outer$Inner as Outer.Inner, so that nested records of different classes do not clash. */
    private static String definitionName(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : definitionName(type.getEnclosingClass()) + "." + type.getSimpleName();
    }

    /** The documents, for help and completion. */
    public static List<String> names() {
        return java.util.Arrays.stream(Document.values()).map(Enum::name).toList();
    }
}
