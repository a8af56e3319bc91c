package cniadvisor.render;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text report meets its reader: the width its lines wrap at ({@code 0}: not wrapped, as when piped) and
 * whether it is coloured (only on a terminal). The text writers build each paragraph from words
 * ({@link #paragraph}) and this class lays them out: lines break only between words, with a hanging indent, so a
 * rule id, a CIDR, a flag or a URL is never split; a word longer than the line stays whole on a line of its own.
 * Colour codes are put on each word by itself, so no colour runs across a line break, and never count as width.
 */
public record TextLayout(int width, boolean colour) {

    /** Not wrapped, not coloured: for a pipe, a file, and the writers' defaults. */
    public static final TextLayout PLAIN = new TextLayout(0, false);

    /** The narrowest width wrapped at; a smaller one (a broken COLUMNS) is taken as this. */
    public static final int MIN_WIDTH = 20;

    /** Glue: a space that never breaks ("+ for"). Written out as a plain space. */
    public static final char GLUE = '\u00A0';

    public TextLayout {
        width = width <= 0 ? 0 : Math.max(width, MIN_WIDTH);
    }

    public boolean wraps() {
        return width > 0;
    }

    /** SGR styles the reports use. */
    public enum Tone {
        BOLD("1"), FAINT("2"), RED("31"), GREEN("32"), YELLOW("33"), CYAN("36"), BOLD_RED("1;31"),
        BOLD_GREEN("1;32"), BOLD_YELLOW("1;33");

        private final String on;

        Tone(String code) {
            this.on = "\u001B[" + code + "m";
        }
    }

    private static final String RESET = "\u001B[0m";

    /**
     * The text in the tone, when colouring: each word coloured by itself (see the class comment). The text holds no
     * escape character of its own: every value from the input went through {@link Escape#oneLine}.
     */
    public String paint(String text, Tone tone) {
        if (!colour || tone == null || text.isEmpty()) {
            return text;
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start <= text.length()) {
            int space = text.indexOf(' ', start);
            int end = space < 0 ? text.length() : space;
            if (end > start) {
                s.append(tone.on).append(text, start, end).append(RESET);
            }
            if (space < 0) {
                break;
            }
            s.append(' ');
            start = space + 1;
        }
        return s.toString();
    }

    /** A paragraph whose first line starts with {@code indent} and whose further lines with {@code hang} spaces. */
    public Paragraph paragraph(String indent, int hang) {
        int hanging = hang;
        // a hanging indent that leaves less than half the line goes back to a little past the first line's indent
        if (wraps() && hanging > width / 2) {
            hanging = Math.min(hanging, visible(indent) + 2);
        }
        return new Paragraph(indent, " ".repeat(hanging));
    }

    /** A paragraph whose further lines start with {@code prefix} ("# " for a comment). */
    public Paragraph paragraph(String indent, String prefix) {
        return new Paragraph(indent, prefix);
    }

    /** A paragraph of words, laid out by {@link #lines}. */
    public final class Paragraph {
        private final String indent;
        private final String hang;
        private final List<String> words = new ArrayList<>();
        private final List<Integer> widths = new ArrayList<>();
        /** The separator written before each word when it does not start a line: " " or a column's padding. */
        private final List<String> gaps = new ArrayList<>();
        private int pad = 1;

        private Paragraph(String indent, String hang) {
            this.indent = indent;
            this.hang = hang;
        }

        /** Every word of {@code text} (split at spaces; {@link #GLUE} holds two words together). */
        public Paragraph text(String text) {
            return text(text, null);
        }

        /** As {@link #text(String)}, painted in {@code tone}. */
        public Paragraph text(String text, Tone tone) {
            if (text == null || text.isEmpty()) {
                return this;
            }
            for (String word : text.split(" ", -1)) {
                String plain = word.replace(GLUE, ' ');
                add(paint(plain, tone), visible(plain));
            }
            return this;
        }

        /** One word that never breaks, whatever it holds (a label such as "DNS service IP"). */
        public Paragraph word(String word, Tone tone) {
            String plain = word.replace(GLUE, ' ');
            add(colour && tone != null ? tone.on + plain + RESET : plain, visible(plain));
            return this;
        }

        /**
         * A column: {@code word}, then padding to {@code columns} before the next word while both are on one line
         * (as {@code %-15s}); at a line break the padding goes with it.
         */
        public Paragraph cell(String word, int columns, Tone tone) {
            word(word, tone);
            pad = Math.max(1, columns - visible(word));
            return this;
        }

        private void add(String word, int visible) {
            gaps.add(" ".repeat(pad));
            pad = 1;
            words.add(word);
            widths.add(visible);
        }

        /** The lines, each without its line break. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder(indent);
            int used = visible(indent);
            boolean start = true;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                int w = widths.get(i);
                if (w == 0 && wraps()) {
                    continue; // a doubled space: one is enough where lines are laid out anew
                }
                if (start) {
                    line.append(word);
                    used += w;
                    start = false;
                } else if (!wraps() || used + gaps.get(i).length() + w <= width) {
                    line.append(gaps.get(i)).append(word);
                    used += gaps.get(i).length() + w;
                } else {
                    lines.add(stripEnd(line));
                    line = new StringBuilder(hang).append(word);
                    used = visible(hang) + w;
                }
            }
            lines.add(wraps() ? stripEnd(line) : line.toString());
            return lines;
        }

        /** The lines, each ended by a line break. */
        public String render() {
            StringBuilder s = new StringBuilder();
            lines().forEach(l -> s.append(l).append('\n'));
            return s.toString();
        }
    }

    /**
     * A bash block, each line indented by {@code indent}. At a width, a comment line wraps as comment lines (the
     * further ones indented: {@code #   ...}), and a command line longer than the width breaks between shell words
     * with a {@code \} continuation (never inside a quoted word), so the block still pastes into bash as the same
     * commands.
     */
    public String shell(String script, String indent) {
        StringBuilder s = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.isEmpty()) {
                s.append('\n');
                continue;
            }
            if (!wraps() || visible(indent) + visible(line) <= width) {
                s.append(indent).append(line).append('\n');
                continue;
            }
            String lead = line.substring(0, line.length() - line.stripLeading().length());
            String body = line.stripLeading();
            if (body.startsWith("#")) {
                s.append(paragraph(indent + lead, indent + lead + "#   ").text(body).render());
                continue;
            }
            boolean continued = body.endsWith(" \\");
            List<String> words = shellWords(continued ? body.substring(0, body.length() - 2) : body);
            String next = indent + lead + "  ";
            StringBuilder out = new StringBuilder(indent).append(lead);
            int used = visible(out.toString());
            boolean first = true;
            for (String word : words) {
                // room for the word and, when more follow, for the " \" that continues the line
                if (!first && used + 1 + visible(word) + 2 > width) {
                    s.append(out).append(" \\\n");
                    out = new StringBuilder(next).append(word);
                    used = visible(next) + visible(word);
                } else {
                    out.append(first ? "" : " ").append(word);
                    used += (first ? 0 : 1) + visible(word);
                }
                first = false;
            }
            s.append(out).append(continued ? " \\" : "").append('\n');
        }
        return s.toString();
    }

    /** The words of a shell line, split at spaces outside quotes ('...' and "...") that no backslash escapes. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && c == ' ') {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(c);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote != '\'' && c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i)); // an escaped character, outside quotes or in double quotes
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** The columns a text takes on a terminal: colour codes take none, East Asian wide characters two. */
    public static int visible(String text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0x1B) {
                while (i < text.length() && text.charAt(i) != 'm') {
                    i++;
                }
                i++;
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                continue;
            }
            columns += wide(c) ? 2 : 1;
        }
        return columns;
    }

    private static boolean wide(int c) {
        return c >= 0x1100 && (c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF && c != 0x303F || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60
                || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x1F300 && c <= 0x1F64F || c >= 0x1F900 && c <= 0x1F9FF
                || c >= 0x20000 && c <= 0x3FFFD);
    }

    private static String stripEnd(CharSequence line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.subSequence(0, end).toString();
    }
}
