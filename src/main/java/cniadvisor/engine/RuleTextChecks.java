package cniadvisor.engine;

import org.apache.commons.text.StringEscapeUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code rules check} can tell from a rule's text before it runs, beyond what the compiler sees: a score
 * without {@code @weight}, a literal text whose {@code %} placeholders do not match the arguments after it, a note
 * for an option id facts/ does not have, a Limit name facts/ does not declare, and consequences that end the JVM.
 * Texts built at run time are checked when the rule runs ({@link Verdict}); these checks only move the common
 * mistakes to check time, with the line they are on.
 */
final class RuleTextChecks {

    private static final Pattern VERDICT_CALL = Pattern.compile("\\bverdict\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern LIMIT_PATTERN = Pattern.compile("\\bLimit\\s*\\(");
    private static final Pattern LIMIT_NAME = Pattern.compile("\\bname\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern ENDS_JVM = Pattern.compile("\\bSystem\\s*\\.\\s*exit\\b|\\bRuntime\\s*\\.\\s*getRuntime\\b");

    /** A rule's lines in its file: the whole declaration, and where its consequence ({@code then}) starts. */
    private record RuleText(List<String> lines, int firstLine, int thenIndex) {
    }

    private RuleTextChecks() {
    }

    /**
     * @param weightDeclared whether the rule has any {@code @weight} (a malformed one is reported on its own)
     * @param optionIds  option ids from facts/, or null when the facts did not load
     * @param limitNames limit names facts/ declares, or null when the facts did not load
     */
    static List<String> check(String file, List<String> fileLines, RuleMeta rule, boolean weightDeclared,
                              Set<String> optionIds, Set<String> limitNames) {
        RuleText text = find(fileLines, rule.name());
        if (text == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String name = "rule \"" + rule.name() + "\"";
        for (int i = 0; i < text.lines().size(); i++) {
            String line = text.lines().get(i);
            String at = file + ":" + (text.firstLine() + i);
            if (i < text.thenIndex()) {
                Matcher limit = LIMIT_PATTERN.matcher(line);
                if (limit.find() && limitNames != null) {
                    Matcher named = LIMIT_NAME.matcher(line.substring(limit.end()));
                    if (named.find() && !limitNames.contains(named.group(1))) {
                        problems.add(at + ": " + name + " matches Limit name \"" + named.group(1) + "\", which no "
                                + "limit in facts/ has (limitNames: " + String.join(", ", limitNames.stream().sorted().toList()) + ")");
                    }
                }
                continue;
            }
            if (ENDS_JVM.matcher(line).find()) {
                problems.add(at + ": " + name + " calls System.exit or Runtime: a rule only records through verdict");
            }
        }
        String consequence = String.join("\n", text.lines().subList(text.thenIndex(), text.lines().size()));
        int consequenceLine = text.firstLine() + text.thenIndex();
        Matcher call = VERDICT_CALL.matcher(consequence);
        while (call.find()) {
            String method = call.group(1);
            int line = consequenceLine + count(consequence, call.start());
            List<String> args = arguments(consequence, call.end());
            String at = file + ":" + line + ": " + name;
            if (method.equals("score") && !weightDeclared) {
                problems.add(at + " calls verdict.score(...) but has no @weight(...), e.g. @weight(-20)");
            }
            if (method.equals("note") && optionIds != null && args.size() > 1 && isLiteral(args.get(1))
                    && !optionIds.contains(literal(args.get(1)))) {
                problems.add(at + " notes option " + args.get(1) + ", which facts/ does not have (options: "
                        + String.join(", ", optionIds.stream().sorted().toList()) + ")");
            }
            // the text follows kcontext and, for a note, the option id
            for (int a = method.equals("note") ? 2 : 1; a < args.size(); a++) {
                if (isLiteral(args.get(a))) {
                    int wanted = FormatArguments.count(literal(args.get(a)));
                    int given = args.size() - a - 1;
                    if (wanted != given) {
                        problems.add(at + ": the text of verdict." + method + " has " + wanted + " format "
                                + (wanted == 1 ? "placeholder" : "placeholders") + " but " + given
                                + (given == 1 ? " argument follows it" : " arguments follow it"));
                    }
                    break;
                }
            }
        }
        return problems;
    }

    private static RuleText find(List<String> lines, String ruleName) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("rule \"" + ruleName + "\"") || line.equals("rule " + ruleName)) {
                int then = -1;
                for (int j = i + 1; j < lines.size(); j++) {
                    String body = lines.get(j).strip();
                    if (then < 0 && (body.equals("then") || body.startsWith("then "))) {
                        then = j - i;
                    } else if (body.equals("end")) {
                        return then < 0 ? null : new RuleText(lines.subList(i, j), i + 1, then);
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static int count(String text, int end) {
        int newlines = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                newlines++;
            }
        }
        return newlines;
    }

    /** The top-level arguments of a call whose opening parenthesis ends at {@code from}; strings kept whole. */
    static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                int close = i + 1;
                while (close < text.length() && text.charAt(close) != '"') {
                    close += text.charAt(close) == '\\' ? 2 : 1;
                }
                current.append(text, i, Math.min(close + 1, text.length()));
                i = close;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (!current.toString().isBlank()) {
                        args.add(current.toString().strip());
                    }
                    return args;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return args;
    }

    /** A single string literal, not a concatenation. */
    private static boolean isLiteral(String arg) {
        return arg.length() >= 2 && arg.startsWith("\"") && arg.endsWith("\"")
                && !arg.substring(1, arg.length() - 1).replace("\\\"", "").contains("\"");
    }

    private static String literal(String arg) {
        return StringEscapeUtils.unescapeJava(arg.substring(1, arg.length() - 1));
    }
}
