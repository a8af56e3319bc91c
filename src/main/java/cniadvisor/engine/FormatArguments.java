package cniadvisor.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How many arguments a {@link java.util.Formatter} text reads: what a rule's verdict call must pass. */
final class FormatArguments {

    /** Formatter's own syntax: %[index$][flags][width][.precision][t]conversion. */
    private static final Pattern SPECIFIER =
            Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?([tT])?([a-zA-Z%])");

    private FormatArguments() {
    }

    static int count(String text) {
        if (text.indexOf('%') < 0) {
            return 0;
        }
        int ordinary = 0;
        int highestIndex = 0;
        Matcher m = SPECIFIER.matcher(text);
        while (m.find()) {
            String conversion = m.group(6);
            if (conversion.equals("%") || conversion.equals("n")) {
                continue;
            }
            if (m.group(1) != null) {
                highestIndex = Math.max(highestIndex, Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1)));
            } else if (m.group(2) == null || !m.group(2).contains("<")) {
                ordinary++;
            }
        }
        return Math.max(ordinary, highestIndex);
    }
}
