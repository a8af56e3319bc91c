package cniadvisor.io;

import cniadvisor.io.RequestBinder.Field;
import cniadvisor.model.Request;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a request file (YAML or JSON, one flat object) into a {@link Request}. Every problem the user can fix is
 * reported as an {@link InputException} with file and line; none surfaces as a stack trace.
 */
public final class RequestReader {

    /** The path that means "read standard input". */
    public static final String STDIN_PATH = "-";
    static final String STDIN_NAME = "stdin";

    private enum Format {
        JSON(JsonMapper.builder().build()),
        YAML(YAMLMapper.builder().build());

        final ObjectMapper mapper;

        Format(ObjectMapper mapper) {
            this.mapper = mapper;
        }
    }

    private RequestReader() {
    }

    /**
     * Reads a YAML (.yaml/.yml) or JSON (.json) file; other extensions are sniffed (starts with '{' -> JSON, else
     * YAML). "-" means {@code stdin} (sniffed). The request name defaults to the file name without extension.
     */
    public static Request read(Path file, InputStream stdin) throws InputException, IOException {
        if (file.toString().equals(STDIN_PATH)) {
            return read(STDIN_NAME, STDIN_NAME, stdin);
        }
        String displayName = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InputException(new InputError(displayName, 0, null, "is a directory, not a request file"));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(new InputError(displayName, 0, null, "no such file"));
        } catch (AccessDeniedException e) {
            throw new InputException(new InputError(displayName, 0, null, "permission denied"));
        }
        String fileName = file.getFileName() == null ? displayName : file.getFileName().toString();
        String text = decode(displayName, bytes);
        return parse(displayName, baseName(fileName), text, formatOf(fileName, text));
    }

    /** Reads a request from a stream, sniffing JSON or YAML; {@code displayName} is used in error messages. */
    public static Request read(String displayName, String defaultName, InputStream in)
            throws InputException, IOException {
        String text = decode(displayName, in.readAllBytes());
        return parse(displayName, defaultName, text, sniff(text));
    }

    private static Format formatOf(String fileName, String text) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Format.YAML;
        }
        if (lower.endsWith(".json")) {
            return Format.JSON;
        }
        return sniff(text);
    }

    private static Format sniff(String text) {
        return text.strip().startsWith("{") ? Format.JSON : Format.YAML;
    }

    /** "team-a.yaml" -> "team-a"; a name without extension (or only one, like ".yaml") stays whole. */
    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String decode(String displayName, byte[] bytes) throws InputException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException(new InputError(displayName, 0, null, "is not UTF-8 text"));
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Request parse(String file, String defaultName, String text, Format format)
            throws InputException, IOException {
        List<InputError> aliasErrors = new ArrayList<>();
        List<Field> fields = readTopLevelFields(file, text, format, aliasErrors);
        return bind(fields, aliasErrors, file, defaultName);
    }

    /**
     * Binds fields read by {@link #readObjectFields}; keys left out because their value was an alias are reported
     * together with every other problem.
     */
    static Request bind(List<Field> fields, List<InputError> aliasErrors, String file, String defaultName)
            throws InputException {
        if (aliasErrors.isEmpty()) {
            return RequestBinder.bind(fields, file, defaultName);
        }
        List<InputError> errors = new ArrayList<>(aliasErrors);
        try {
            RequestBinder.bind(fields, file, defaultName);
        } catch (InputException e) {
            // an aliased key was left out, so the binder may call it missing; the alias error says more
            Set<String> aliasedKeys = aliasErrors.stream().map(InputError::key).collect(Collectors.toSet());
            e.errors().stream().filter(error -> !aliasedKeys.contains(error.key())).forEach(errors::add);
            errors.sort(InputError.IN_FILE_ORDER);
        }
        throw new InputException(errors);
    }

    /**
     * Walks the top-level object token by token so each key keeps the line it was written on. Keys whose value is
     * a YAML alias are left out and reported in {@code aliasErrors}.
     */
    private static List<Field> readTopLevelFields(String file, String text, Format format,
                                                  List<InputError> aliasErrors) throws InputException, IOException {
        List<Field> fields;
        try (JsonParser parser = format.mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new InputException(new InputError(file, 0, null, "the request is empty"));
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InputException(new InputError(file, lineOf(parser.currentTokenLocation()), null,
                        "expected an object of request keys"));
            }
            fields = readObjectFields(parser, file, aliasErrors);
            if (parser.nextToken() != null) {
                throw new InputException(new InputError(file, lineOf(parser.currentTokenLocation()), null,
                        "unexpected content after the request object (one request per file)"));
            }
        } catch (JacksonException e) {
            throw new InputException(syntaxError(file, format.name(), e));
        }
        return fields;
    }

    /**
     * Reads the keys of the object the parser stands on (its START_OBJECT) up to its END_OBJECT, each with the line
     * it is on. Keys whose value is a YAML alias are left out and reported in {@code aliasErrors}.
     */
    static List<Field> readObjectFields(JsonParser parser, String file, List<InputError> aliasErrors)
            throws IOException {
        List<Field> fields = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = lineOf(parser.currentTokenLocation());
            parser.nextToken();
            // Jackson's YAML parser hands an alias back as its bare name ("*team" reads as "team")
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                aliasErrors.add(new InputError(file, line, key,
                        "YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
                continue;
            }
            fields.add(new Field(key, parser.readValueAsTree(), line));
        }
        return fields;
    }

    /** A parse error as the user sees it: the line and the parser's problem, without Jackson's internals. */
    static InputError syntaxError(String file, String formatName, JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return new InputError(file, yaml.getProblemMark().getLine() + 1, null,
                    "invalid YAML: " + yamlProblem(yaml));
        }
        return new InputError(file, lineOf(e.getLocation()), null,
                "invalid " + formatName + ": " + shortMessage(e.getOriginalMessage()));
    }

    /** SnakeYAML's problem, with its context ("while scanning a quoted scalar") when that started elsewhere. */
    private static String yamlProblem(MarkedYAMLException yaml) {
        String problem = shortMessage(yaml.getProblem());
        Mark contextMark = yaml.getContextMark();
        if (yaml.getContext() == null || contextMark == null
                || contextMark.getLine() == yaml.getProblemMark().getLine()) {
            return problem;
        }
        return problem + " (" + yaml.getContext() + " started on line " + (contextMark.getLine() + 1) + ")";
    }

    /** The first line of a parser message, without Jackson's "[Source: ...]" location details. */
    private static String shortMessage(String message) {
        if (message == null || message.isBlank()) {
            return "cannot be parsed";
        }
        String firstLine = message.strip().lines().findFirst().orElse("");
        return firstLine.replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                .replaceAll(":?\\s*<org\\.yaml\\.[^>]*>", "")
                .replaceAll("\\s*at \\[Source:.*$", "")
                .strip();
    }

    static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }
}
