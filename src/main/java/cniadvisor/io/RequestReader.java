package cniadvisor.io;

import cniadvisor.io.RequestBinder.Field;
import cniadvisor.model.NamedRequest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a request file (YAML or JSON, one flat object) into a {@link NamedRequest}. Every problem the user can fix is
 * reported as an {@link InputException} with file and line; none surfaces as a stack trace.
 */
public final class RequestReader {

    /** The path that means "read standard input". */
    public static final String STDIN_PATH = "-";
    static final String STDIN_NAME = "stdin";

    /** Parsers with the limits of a request file: no text value or key longer than a line may be. */
    private enum Format {
        JSON(InputLimits.json(InputLimits.LINE_CHARS)),
        YAML(InputLimits.yaml(InputLimits.LINE_CHARS, InputLimits.REQUEST_FILE_BYTES));

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
    public static NamedRequest read(Path file, InputStream stdin, RequestBinder binder)
            throws InputException, IOException {
        if (file.toString().equals(STDIN_PATH)) {
            return read(STDIN_NAME, STDIN_NAME, stdin, binder);
        }
        String displayName = file.toString();
        long size = InputFiles.regularFileSize(file);
        if (size > InputLimits.REQUEST_FILE_BYTES) {
            throw new InputException(new InputError(displayName, 0, null, "is " + InputLimits.count(size)
                    + " bytes, more than " + InputLimits.describe(InputLimits.REQUEST_FILE_BYTES, "bytes")
                    + ", the limit for a request file; see docs/input-limits.md"));
        }
        byte[] bytes;
        try (InputStream in = InputFiles.open(file, displayName)) {
            bytes = InputFiles.readAtMost(in, InputLimits.REQUEST_FILE_BYTES, displayName, "a request file");
        }
        String fileName = file.getFileName() == null ? displayName : file.getFileName().toString();
        String text = decode(displayName, bytes);
        return parse(displayName, baseName(fileName), text, formatOf(fileName, text), binder);
    }

    /** Reads a request from a stream, sniffing JSON or YAML; {@code displayName} is used in error messages. */
    public static NamedRequest read(String displayName, String defaultName, InputStream in, RequestBinder binder)
            throws InputException, IOException {
        byte[] bytes = InputFiles.readAtMost(in, InputLimits.REQUEST_FILE_BYTES, displayName, "a request file");
        String text = decode(displayName, bytes);
        return parse(displayName, defaultName, text, sniff(text), binder);
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

    private static NamedRequest parse(String file, String defaultName, String text, Format format,
                                      RequestBinder binder)
            throws InputException, IOException {
        checkLineLengths(file, text);
        List<InputError> aliasErrors = new ArrayList<>();
        List<Field> fields = readTopLevelFields(file, text, format, aliasErrors);
        return bind(fields, aliasErrors, file, defaultName, binder);
    }

    /**
     * Refuses a line over {@link InputLimits#LINE_CHARS} before any parser sees it: every key and text value lies on
     * one line, so this also bounds them, and parsers slow down on very long tokens.
     */
    private static void checkLineLengths(String file, String text) throws InputException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                if (i - start > InputLimits.LINE_CHARS) {
                    throw new InputException(new InputError(file, line, null, "line is "
                            + InputLimits.count(i - start) + " characters long, more than "
                            + InputLimits.describe(InputLimits.LINE_CHARS, "characters")
                            + ", the limit for a line of a request file; see docs/input-limits.md"));
                }
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                start = i + 1;
            }
        }
    }

    /**
     * Binds fields read by {@link #readObjectFields}; keys left out because their value was an alias or over a limit
     * are reported together with every other problem.
     */
    public static NamedRequest bind(List<Field> fields, List<InputError> aliasErrors, String file,
                                    String defaultName, RequestBinder binder) throws InputException {
        try {
            return bindAll(fields, aliasErrors, file, defaultName, binder);
        } catch (InputException e) {
            throw capped(e.errors());
        }
    }

    /**
     * The name the fields give, if it is usable text, else {@code defaultName}: how a request that could not be
     * bound is shown.
     */
    public static String displayName(List<Field> fields, String defaultName) {
        return fields.stream()
                .filter(f -> f.key().equals("name") && (f.value().isTextual() || f.value().isNumber())
                        && !f.value().asText().isBlank()
                        && ValueReaders.controlCharacter(f.value().asText()) < 0) // never ESC into a report
                .map(f -> f.value().asText().strip())
                .findFirst().orElse(defaultName);
    }

    /**
     * At most {@link InputLimits#ERRORS_PER_REQUEST} problems, then one saying how many more there are: a file of
     * thousands of bad keys gets a readable answer, and a batch report stays small.
     */
    static InputException capped(List<InputError> errors) {
        int max = InputLimits.ERRORS_PER_REQUEST;
        if (errors.size() <= max) {
            return new InputException(errors);
        }
        List<InputError> shown = new ArrayList<>(errors.subList(0, max));
        InputError last = errors.get(max);
        shown.add(new InputError(last.file(), last.line(), null, "... and " + InputLimits.count(errors.size() - max)
                + " more problems in this request (only the first " + max + " are listed)"));
        return new InputException(shown);
    }

    private static NamedRequest bindAll(List<Field> fields, List<InputError> aliasErrors, String file,
                                        String defaultName, RequestBinder binder) throws InputException {
        if (aliasErrors.isEmpty()) {
            return binder.bind(fields, file, defaultName);
        }
        List<InputError> errors = new ArrayList<>(aliasErrors);
        try {
            binder.bind(fields, file, defaultName);
        } catch (InputException e) {
            // a key left out may be one the binder calls missing; the read error says more
            Set<String> aliasedKeys = aliasErrors.stream().map(InputError::key).filter(java.util.Objects::nonNull)
                    .collect(Collectors.toSet());
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
            try {
                fields = readObjectFields(parser, file, aliasErrors, Budget.NONE);
                if (parser.nextToken() != null) {
                    throw new InputException(new InputError(file, lineOf(parser.currentTokenLocation()), null,
                            "unexpected content after the request object (one request per file)"));
                }
            } catch (JacksonException e) {
                // a parser's limit comes without a location: the parser's own position is where it stopped
                InputError error = syntaxError(file, format.name(), e);
                throw new InputException(error.line() > 0 ? error : new InputError(file,
                        lineOf(parser.currentLocation()), error.key(), error.message()));
            }
        } catch (JacksonException e) {
            throw new InputException(syntaxError(file, format.name(), e));
        }
        return fields;
    }

    /**
     * Reads the keys of the object the parser stands on (its START_OBJECT) up to its END_OBJECT, each with the line
     * it is on. Keys whose value is a YAML alias, or whose value is over a limit (more than
     * {@link InputLimits#LIST_ITEMS} items), are left out and reported in {@code readErrors}; so is every key past
     * the first {@link InputLimits#LIST_ITEMS}. When the {@code budget} runs out, the rest of the object is skipped
     * (read, not kept) and the budget says so.
     */
    static List<Field> readObjectFields(JsonParser parser, String file, List<InputError> readErrors, Budget budget)
            throws IOException {
        List<Field> fields = new ArrayList<>();
        int keys = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = lineOf(parser.currentTokenLocation());
            parser.nextToken();
            if (++keys > InputLimits.LIST_ITEMS) {
                readErrors.add(new InputError(file, line, null, "more than " + InputLimits.count(InputLimits.LIST_ITEMS)
                        + " keys in one object, the limit; the keys from here on were not read"));
                parser.skipChildren();
                skipRest(parser);
                return fields;
            }
            // Jackson's YAML parser hands an alias back as its bare name ("*team" reads as "team")
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                readErrors.add(new InputError(file, line, key,
                        "YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
                continue;
            }
            JsonNode value = readValue(parser, file, key, line, readErrors, budget, 2);
            if (budget.spent()) {
                skipRest(parser);
                return fields;
            }
            if (value != null) {
                fields.add(new Field(key, value, line));
            }
        }
        return fields;
    }

    /**
     * The value the parser stands on, as a tree, built token by token so that no list grows past
     * {@link InputLimits#LIST_ITEMS} and the budget is checked as it grows. Null (with the reason in
     * {@code readErrors}, or the budget spent) when a limit was hit; the parser is then past the value.
     */
    private static JsonNode readValue(JsonParser parser, String file, String key, int line,
                                      List<InputError> readErrors, Budget budget, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token.isStructStart() && depth > InputLimits.NESTING_DEPTH) {
            readErrors.add(new InputError(file, line, key, "lists and objects nested more than "
                    + InputLimits.NESTING_DEPTH + " levels deep, the limit (see docs/input-limits.md)"));
            parser.skipChildren();
            return null;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (array.size() >= InputLimits.LIST_ITEMS) {
                    readErrors.add(new InputError(file, line, key, "a list of more than "
                            + InputLimits.count(InputLimits.LIST_ITEMS) + " items; at most "
                            + InputLimits.count(InputLimits.LIST_ITEMS) + " are allowed (see docs/input-limits.md)"));
                    parser.skipChildren();
                    skipRest(parser);
                    return null;
                }
                JsonNode item = readValue(parser, file, key, line, readErrors, budget, depth + 1);
                if (item == null || budget.spent()) {
                    skipRest(parser);
                    return null;
                }
                array.add(item);
            }
            return array;
        }
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (object.size() >= InputLimits.LIST_ITEMS) {
                    readErrors.add(new InputError(file, line, key, "an object of more than "
                            + InputLimits.count(InputLimits.LIST_ITEMS) + " keys; at most "
                            + InputLimits.count(InputLimits.LIST_ITEMS) + " are allowed (see docs/input-limits.md)"));
                    parser.skipChildren();
                    skipRest(parser);
                    return null;
                }
                JsonNode member = readValue(parser, file, key, line, readErrors, budget, depth + 1);
                if (member == null || budget.spent()) {
                    skipRest(parser);
                    return null;
                }
                object.set(name, member);
            }
            return object;
        }
        JsonNode scalar = parser.readValueAsTree();
        return scalar == null ? NullNode.getInstance() : scalar;
    }

    /** Reads, without keeping, the rest of the list or object the parser is inside, up to its end. */
    private static void skipRest(JsonParser parser) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return;
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
    }

    /**
     * How much of its input one request may take, checked while it is read: a batch's JSON array element or YAML
     * document may not grow past {@link InputLimits#RECORD_CHARS}. A request file needs no budget: its size is
     * checked before it is parsed.
     */
    static final class Budget {
        static final Budget NONE = new Budget(null, Long.MAX_VALUE);

        private final JsonParser parser;
        private final long limit;
        private long start;
        private boolean spent;

        Budget(JsonParser parser, long limit) {
            this.parser = parser;
            this.limit = limit;
        }

        /** Starts counting at the parser's position: the start of a request. */
        void start() {
            start = parser == null ? 0 : offset(parser.currentLocation());
            spent = false;
        }

        /** True once the request has taken more than the limit (and from then on, until the next start). */
        boolean spent() {
            if (!spent && parser != null && offset(parser.currentLocation()) - start > limit) {
                spent = true;
            }
            return spent;
        }

        private static long offset(JsonLocation location) {
            return Math.max(location.getCharOffset(), location.getByteOffset());
        }
    }

    /** A parse error as the user sees it: the line and the parser's problem, without Jackson's internals. */
    static InputError syntaxError(String file, String formatName, JacksonException e) {
        String limit = limitProblem(e.getOriginalMessage());
        if (limit != null) {
            return new InputError(file, lineOf(e.getLocation()), null, limit);
        }
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return new InputError(file, yaml.getProblemMark().getLine() + 1, null,
                    "invalid YAML: " + yamlProblem(yaml));
        }
        return new InputError(file, lineOf(e.getLocation()), null,
                "invalid " + formatName + ": " + shortMessage(e.getOriginalMessage()));
    }

    private static final Pattern JACKSON_LIMIT = Pattern.compile(
            "\\((\\d+), from `StreamReadConstraints\\.getMax(\\w+)\\(\\)`");
    private static final Pattern YAML_LIMIT = Pattern.compile("exceeds the limit: (\\d+) code points");

    /**
     * A parser's own limit (see {@link InputLimits#constraints}), worded as the limit it is; null for other errors.
     */
    static String limitProblem(String message) {
        if (message == null) {
            return null;
        }
        String see = "; see docs/input-limits.md";
        Matcher yaml = YAML_LIMIT.matcher(message);
        if (yaml.find()) {
            return "a YAML document may hold at most " + InputLimits.describe(Long.parseLong(yaml.group(1)),
                    "characters") + see;
        }
        Matcher jackson = JACKSON_LIMIT.matcher(message);
        if (!jackson.find()) {
            return null;
        }
        long max = Long.parseLong(jackson.group(1));
        return switch (jackson.group(2)) {
            case "StringLength" -> "a text value longer than " + InputLimits.describe(max, "characters")
                    + ", the limit" + see;
            case "NameLength" -> "a key longer than " + InputLimits.describe(max, "characters") + ", the limit" + see;
            case "NestingDepth" -> "lists and objects nested more than " + InputLimits.count(max)
                    + " levels deep, more than the parser can skip" + see;
            case "NumberLength" -> "a number longer than " + InputLimits.count(max) + " digits, the limit" + see;
            default -> "over the parser's limit of " + InputLimits.count(max) + " (" + jackson.group(2) + ")" + see;
        };
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
