package cniadvisor.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether any rule could read a request's {@code name}. When none can, two requests that differ only in name get
 * the same advice apart from the name itself, and a batch evaluates such requests once. The check reads the DRL
 * text and is deliberately conservative: it answers "no" only when every mention of the Request type is a pattern
 * whose constraints do not name {@code name} or {@code this}, every variable bound to such a pattern is only ever
 * followed by {@code .property} with another property, and nothing reaches facts by other routes (from, collect,
 * accumulate, eval, the session's object lists, or an {@code Object()} pattern).
 */
final class RequestNameUse {

    private static final Pattern LITERAL_OR_COMMENT = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'", Pattern.DOTALL);
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^\\s*(?:package|import|global)\\b[^\\n]*");
    private static final Pattern REQUEST_MENTION = Pattern.compile("\\b(?:cniadvisor\\.model\\.)?Request\\b");
    private static final Pattern REQUEST_PATTERN = Pattern.compile(
            "(?:(\\$[\\w$]*)\\s*:\\s*)?\\b(?:cniadvisor\\.model\\.)?Request\\s*\\(");
    private static final Pattern NAME_OR_THIS = Pattern.compile("\\b(?:name|getName|this)\\b");
    /**
     * "Pattern() from expr" (also from collect/accumulate), eval(...), the session's facts, Object() patterns. A
     * "from $variable" alone on its line is no other route: what the variable holds is checked where it is bound.
     */
    private static final Pattern OTHER_ROUTES = Pattern.compile("(?m)\\)\\s*from\\b(?!\\s*\\$[\\w$]+[ \\t]*$)|\\beval\\s*\\(|\\bObject\\s*\\("
            + "|\\b(?:getObjects|getFactHandles|getFactHandle|getKieRuntime|getEntryPoint|getWorkingMemory)\\b");

    private RequestNameUse() {
    }

    /** True when some rule in the files might read a request's name (or a file cannot be read). */
    static boolean possible(RuleBase rules) {
        Set<String> files = new LinkedHashSet<>(rules.files().values());
        for (String file : files) {
            try {
                if (mayReadName(Files.readString(Path.of(file)))) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    static boolean mayReadName(String drl) {
        String code = HEADER_LINE.matcher(LITERAL_OR_COMMENT.matcher(drl).replaceAll("\"\"")).replaceAll("");
        if (OTHER_ROUTES.matcher(code).find()) {
            return true;
        }
        List<String> bindings = new ArrayList<>();
        int patterns = 0;
        Matcher pattern = REQUEST_PATTERN.matcher(code);
        while (pattern.find()) {
            patterns++;
            String constraints = balancedContent(code, pattern.end());
            if (constraints == null || NAME_OR_THIS.matcher(constraints).find()) {
                return true;
            }
            if (pattern.group(1) != null) {
                bindings.add(pattern.group(1));
            }
        }
        if (patterns == 0) {
            return false;
        }
        if (REQUEST_MENTION.matcher(code).results().count() != patterns) {
            return true;
        }
        for (String variable : bindings) {
            Matcher use = Pattern.compile(Pattern.quote(variable) + "(?![\\w$])(\\s*\\.\\s*(\\w+)|\\s*:)?")
                    .matcher(code);
            while (use.find()) {
                boolean binding = use.group(1) != null && use.group(2) == null;
                boolean otherProperty = use.group(2) != null && !NAME_OR_THIS.matcher(use.group(2)).matches();
                if (!binding && !otherProperty) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text between the parenthesis opened just before {@code start} and its match; null when unbalanced. */
    private static String balancedContent(String code, int start) {
        int depth = 1;
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return code.substring(start, i);
            }
        }
        return null;
    }
}
