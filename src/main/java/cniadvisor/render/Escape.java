package cniadvisor.render;

/**
 * Makes text that came from input (request names, keys, values quoted in messages, file names) safe for the format
 * it lands in, so that no name can start a line, a row, an element or a formula of its own. One class for every
 * writer: Markdown, the terminal table and text, CSV, XML, and the comments and strings of HCL and Bicep.
 *
 * <p>Each method returns its argument itself when nothing needs to change, so clean text (nearly all of it) costs
 * one scan. Characters outside the Basic Multilingual Plane are kept when their surrogate pair is whole; an unpaired
 * surrogate (which JSON input can spell as {@code "\ud800"}) cannot be encoded as UTF-8 and becomes U+FFFD.
 */
public final class Escape {

    /** What a character that cannot be shown or carried becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private Escape() {
    }

    // ---- what a character is ----

    /** Characters that end a line or move to another column in a terminal, editor or parser. */
    private static boolean lineOrTab(char c) {
        return c == '\n' || c == '\r' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u0085'
                || c == '\u2028' || c == '\u2029';
    }

    /** C0 and C1 control characters and DEL. */
    private static boolean control(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    /** Bidirectional embeddings, overrides and isolates: they reorder the text after them on screen. */
    private static boolean bidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    private static boolean nonCharacter(char c) {
        return c == '\uFFFE' || c == '\uFFFF';
    }

    /** Whether {@code s.charAt(i)} is a surrogate without its other half. */
    private static boolean unpairedSurrogate(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    // ---- one line of plain text ----

    /**
     * Text for one line of a terminal, a report cell or a code comment: line breaks and tabs become a space, other
     * control characters, bidirectional controls, non-characters and unpaired surrogates become U+FFFD.
     */
    public static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !changesInLine(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(!changesInLine(s, i) ? c : lineOrTab(c) ? ' ' : REPLACEMENT);
        }
        return b.toString();
    }

    private static boolean changesInLine(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7F) {
            return false;
        }
        return control(c) || lineOrTab(c) || bidiControl(c) || nonCharacter(c) || unpairedSurrogate(s, i);
    }

    /** The text with every unpaired surrogate replaced by U+FFFD: all a format that takes any character needs. */
    public static String wellFormed(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unpairedSurrogate(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            b.append(unpairedSurrogate(s, i) ? REPLACEMENT : s.charAt(i));
        }
        return b.toString();
    }

    // ---- Markdown ----

    /**
     * Inline Markdown text: on one line ({@link #oneLine}), with {@code < > &} written as entities (so no HTML, no
     * entity, no autolink) and the characters that make emphasis, links, code, tables, strikethrough or math
     * ({@code \ ` * _ [ ] | ~ $}) backslash-escaped; a leading {@code # + - =} or "1." is escaped too, so the text
     * cannot start a heading, list or rule where it begins a line.
     */
    public static String markdown(String text) {
        if (text == null) {
            return null;
        }
        String s = oneLine(text);
        int i = 0;
        while (i < s.length() && !markdownSpecial(s.charAt(i))) {
            i++;
        }
        if (i == s.length() && !startsBlock(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        if (startsBlock(s)) {
            int digits = 0;
            while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
                digits++;
            }
            b.append(s, 0, digits).append('\\');
            s = s.substring(digits);
        }
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '~', '$' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean markdownSpecial(char c) {
        return switch (c) {
            case '<', '>', '&', '\\', '`', '*', '_', '[', ']', '|', '~', '$' -> true;
            default -> false;
        };
    }

    /** Starts with what would begin a heading, list item, thematic break or setext underline at a line's start. */
    private static boolean startsBlock(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (first == '#' || first == '+' || first == '-' || first == '=') {
            return true;
        }
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        return digits > 0 && digits < s.length() && (s.charAt(digits) == '.' || s.charAt(digits) == ')');
    }

    /**
     * A Markdown code span holding the text on one line: fenced by one backtick more than the longest run inside it,
     * padded with a space where the text starts or ends with a backtick. In a table cell ({@code inTable}) a
     * {@code |} is escaped as GitHub's tables require even inside code.
     */
    public static String markdownCode(String text, boolean inTable) {
        String s = oneLine(text == null ? "" : text);
        if (inTable) {
            s = s.replace("|", "\\|");
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
        return fence + pad + s + pad + fence;
    }

    /** A link destination: spaces, parentheses, angle brackets and controls percent-encoded. */
    public static String markdownUrl(String url) {
        if (url == null) {
            return null;
        }
        String s = oneLine(url);
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String encoded = switch (c) {
                case ' ' -> "%20";
                case '(' -> "%28";
                case ')' -> "%29";
                case '<' -> "%3C";
                case '>' -> "%3E";
                case '\uFFFD' -> "%EF%BF%BD";
                default -> null;
            };
            if (encoded != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (encoded != null) {
                    b.append(encoded);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    // ---- CSV ----

    /**
     * A CSV cell of text (OWASP, "CSV Injection"): a cell that starts with {@code = + - @} (or their full-width
     * forms), a tab or a carriage return gets a leading {@code '} so that spreadsheets show it as text instead of
     * running it as a formula. Line
     * breaks inside the cell become {@code \n} (the writer quotes such cells; a lone CR would not be quoted and would
     * end the row for many readers), other C0 control characters and unpaired surrogates become U+FFFD.
     */
    public static String csvCell(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        boolean formula = startsFormula(s.charAt(0));
        int i = 0;
        while (i < s.length() && !changesInCsv(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return formula ? "'" + s : s;
        }
        StringBuilder b = new StringBuilder(s.length() + 1);
        if (formula) {
            b.append('\'');
        }
        b.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                b.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                b.append(changesInCsv(s, i) ? REPLACEMENT : c);
            }
        }
        return b.toString();
    }

    /**
     * What a spreadsheet may read as the start of a formula: OWASP's {@code = + - @}, tab and carriage return, and
     * their full-width forms ({@code ＝ ＋ － ＠}), which some spreadsheets in East Asian locales read as the ASCII ones.
     */
    private static boolean startsFormula(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    private static boolean changesInCsv(String s, int i) {
        char c = s.charAt(i);
        return c < 0x20 ? c != '\n' && c != '\t' : unpairedSurrogate(s, i) || nonCharacter(c);
    }

    // ---- XML ----

    /**
     * Text that XML 1.0 can hold: the characters its {@code Char} production excludes (C0 controls other than tab,
     * line feed and carriage return, U+FFFE, U+FFFF) and unpaired surrogates become U+FFFD. Markup characters are
     * the XML writer's business.
     */
    public static String xml(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !changesInXml(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            b.append(changesInXml(s, i) ? REPLACEMENT : s.charAt(i));
        }
        return b.toString();
    }

    private static boolean changesInXml(String s, int i) {
        char c = s.charAt(i);
        return c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : nonCharacter(c) || unpairedSurrogate(s, i);
    }

    // ---- HCL and Bicep ----

    /**
     * A Terraform (HCL) quoted string: quotes, backslashes and line breaks escaped, {@code ${} and {@code %{}
     * doubled so that they stay text instead of starting an interpolation or directive, other controls as
     * {@code \}{@code uNNNN}.
     */
    public static String hclString(String value) {
        if (value == null) {
            return null;
        }
        String s = wellFormed(value);
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '$', '%' -> {
                    b.append(c);
                    if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                        b.append(c);
                    }
                }
                default -> {
                    if (control(c) || c == '\u2028' || c == '\u2029' || bidiControl(c)) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * A Bicep string literal in single quotes: quotes, backslashes and line breaks escaped, {@code ${} escaped so
     * that it stays text, other controls as {@code \}{@code u{N}}.
     */
    public static String bicepString(String value) {
        if (value == null) {
            return null;
        }
        String s = wellFormed(value);
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '$' -> b.append(i + 1 < s.length() && s.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> {
                    if (control(c) || c == '\u2028' || c == '\u2029' || bidiControl(c)) {
                        b.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }
}
