package cniadvisor.engine;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.kie.api.builder.Message;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the classic DRL compiler's messages into "file:line:column: message" lines a rule author can act on.
 * Drools puts the useful part of a message in different places: the column of a syntax error only inside its text,
 * the name of an unknown field on the second line, and for an error in a consequence only the rule's first line.
 * Columns are 1-based, as editors count them (Drools counts from 0); a column that cannot be known is left out.
 */
final class CompileMessages {

    /** Syntax errors: "[ERR 102] Line 10:4 mismatched input '$c' in rule "Broken"". */
    private static final Pattern PARSER_LINE_COLUMN = Pattern.compile("Line (\\d+):(\\d+)\\s*");
    /** Constraint errors: "[Line: 9, Column: 4]" marks the pattern the expression belongs to. */
    private static final Pattern PATTERN_LINE_COLUMN = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]");
    /** An unknown property: "[Error: unable to resolve method using strict-mode: cniadvisor.model.Request.x()]". */
    private static final Pattern UNKNOWN_PROPERTY =
            Pattern.compile("unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: ([^\\]\\n]+)]");
    private static final Pattern ANALYSE_EXPRESSION = Pattern.compile("Unable to Analyse Expression (.*?):?\\s*$",
            Pattern.MULTILINE);
    /** Consequence errors name the culprit: "The method exclud(...) is undefined", "x cannot be resolved". */
    private static final Pattern CONSEQUENCE_CULPRIT =
            Pattern.compile("The method (\\w+)\\(|^\\s*(\\w+) cannot be resolved", Pattern.MULTILINE);
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final Map<String, Path> drlFiles;
    private final Map<Path, List<String>> fileLines = new HashMap<>();

    CompileMessages(Map<String, Path> drlFiles) {
        this.drlFiles = drlFiles;
    }

    /** One message as "file:line[:column]: text", or null for messages that repeat another one. */
    String format(Message message) {
        String text = message.getText().strip();
        if (text.contains("Parser returned a null Package")) {
            return null; // follows every syntax error and says nothing new
        }
        Optional<Path> file = drlFiles.entrySet().stream()
                .filter(e -> message.getPath() != null && message.getPath().endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst();
        String name = file.map(Path::toString).orElse(message.getPath() == null ? "rules" : message.getPath());
        Location location = file.map(f -> locate(f, message.getLine(), text))
                .orElse(new Location(message.getLine(), 0, text));
        if (location.line() <= 0) {
            return name + ": " + location.text();
        }
        return name + ":" + location.line() + (location.column() > 0 ? ":" + location.column() : "") + ": "
                + location.text();
    }

    private record Location(int line, int column, String text) {
    }

    private Location locate(Path file, int line, String text) {
        Matcher parser = PARSER_LINE_COLUMN.matcher(text);
        if (parser.find()) {
            String message = firstLine(text.substring(0, parser.start()) + text.substring(parser.end()));
            return new Location(Integer.parseInt(parser.group(1)), Integer.parseInt(parser.group(2)) + 1, message);
        }
        if (text.startsWith("Unable to Analyse Expression")) {
            return constraint(file, line, text);
        }
        if (text.startsWith("Rule Compilation error")) {
            return consequence(file, line, text);
        }
        return new Location(line, 0, withCause(text));
    }

    /** The first line, plus the cause MVEL gives on a later "[Error: ...]" line, which says what is wrong. */
    private static String withCause(String text) {
        String first = firstLine(text);
        if (first.endsWith(":")) {
            first = first.substring(0, first.length() - 1);
        }
        Matcher error = MVEL_ERROR.matcher(text);
        return error.find() ? first + ": " + error.group(1).strip() : first;
    }

    /** An expression in a pattern: point at the unknown field when there is one, else at the pattern. */
    private Location constraint(Path file, int line, String text) {
        Matcher pattern = PATTERN_LINE_COLUMN.matcher(text);
        int patternLine = line;
        int patternColumn = 0;
        if (pattern.find()) {
            patternLine = Integer.parseInt(pattern.group(1));
            patternColumn = Integer.parseInt(pattern.group(2)) + 1;
        }
        Matcher expression = ANALYSE_EXPRESSION.matcher(text);
        String expressionText = expression.find() ? expression.group(1).strip() : "";
        Matcher unknown = UNKNOWN_PROPERTY.matcher(text);
        if (unknown.find()) {
            String type = unknown.group(1);
            String field = unknown.group(2);
            String simpleType = type.substring(type.lastIndexOf('.') + 1);
            int column = columnOf(file, patternLine, field);
            return new Location(patternLine, column > 0 ? column : patternColumn,
                    "unknown field '" + field + "' on " + simpleType + " (expression: " + expressionText + "); "
                            + fieldHint(type, field));
        }
        Matcher error = MVEL_ERROR.matcher(text);
        String detail = error.find() ? ": " + error.group(1).strip() : "";
        return new Location(patternLine, patternColumn, "cannot use expression: " + expressionText + detail);
    }

    /** Java in a consequence: Drools reports the rule's first line; find the line that names the culprit. */
    private Location consequence(Path file, int ruleLine, String text) {
        String detail = text.replaceFirst("^Rule Compilation error\\s*:?\\s*(\\[Rule name='[^']*']\\s*)?", "");
        String message = firstLine(detail) + " (in the consequence after 'then')";
        Matcher culprit = CONSEQUENCE_CULPRIT.matcher(detail);
        if (culprit.find()) {
            String name = culprit.group(1) != null ? culprit.group(1) : culprit.group(2);
            List<String> lines = lines(file);
            boolean inConsequence = false;
            for (int i = Math.max(0, ruleLine - 1); i < lines.size(); i++) {
                String content = lines.get(i).strip();
                if (content.equals("end")) {
                    break;
                }
                if (inConsequence && indexOfWord(lines.get(i), name) >= 0) {
                    return new Location(i + 1, indexOfWord(lines.get(i), name) + 1, message);
                }
                inConsequence |= content.equals("then");
            }
        }
        return new Location(ruleLine, 0, message);
    }

    private int columnOf(Path file, int line, String word) {
        List<String> lines = lines(file);
        if (line < 1 || line > lines.size()) {
            return 0;
        }
        int at = indexOfWord(lines.get(line - 1), word);
        return at < 0 ? 0 : at + 1;
    }

    private static int indexOfWord(String text, String word) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** "did you mean 'windowsNodePools'?", or the fields the type has. */
    private static String fieldHint(String type, String field) {
        List<String> fields;
        try {
            Class<?> cls = Class.forName(type, false, CompileMessages.class.getClassLoader());
            if (!cls.isRecord()) {
                return "check the spelling";
            }
            fields = Arrays.stream(cls.getRecordComponents()).map(RecordComponent::getName).toList();
        } catch (ClassNotFoundException | LinkageError e) {
            return "check the spelling";
        }
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        Optional<String> closest = fields.stream()
                .filter(f -> distance.apply(f.toLowerCase(), field.toLowerCase())
                        <= Math.max(MAX_SUGGESTION_DISTANCE, field.length() / 3))
                .min(Comparator.comparingInt(f -> distance.apply(f, field)));
        return closest.map(f -> "did you mean '" + f + "'?")
                .orElse("its fields are " + fields.stream().collect(Collectors.joining(", ")));
    }

    private List<String> lines(Path file) {
        return fileLines.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(f);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
