package cniadvisor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Names made of what breaks output formats: line breaks, C0 and C1 controls, bidi overrides, non-characters,
 * surrogates whole and halved, CSV, Markdown, XML, HCL and Bicep syntax. Seeded, so a failure can be replayed.
 */
public final class HostileNames {

    private static final String[] PIECES = {"a", "Z", "9", " ", "\t", "\n", "\r", "\r\n", "\u0000", "\u0007",
            "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\u202e", "\u2066", "\ufffe", "\uffff",
            "\ud800", "\udc00", "\ud83d\ude80", "=", "+", "-", "@", "\"", "'", ",", ";", "|", "<", ">", "&", "`",
            "*", "_", "[", "]", "(", ")", "#", "$", "${", "%{", "\\", "~", "]]>", "<!--", "*/", "\u00e9"};

    private HostileNames() {
    }

    public static List<String> fuzzed(int count, long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                name.append(PIECES[random.nextInt(PIECES.length)]);
            }
            names.add(name.toString());
        }
        return names;
    }

    /**
     * A JSON string literal for the text with everything outside printable ASCII as a \\u escape, so that a lone
     * surrogate or a NUL can be spelled in a request file.
     */
    public static String jsonString(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.append('"').toString();
    }

    /** The '|' characters of a Markdown line that are not backslash-escaped: its cell separators. */
    public static int unescapedPipes(String s) {
        int pipes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '|') {
                pipes++;
            }
        }
        return pipes;
    }
}
