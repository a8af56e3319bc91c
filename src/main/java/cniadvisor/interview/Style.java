package cniadvisor.interview;

import picocli.CommandLine.Help.Ansi;

/** Colours for the questionnaire's screen; all plain when {@code ansi} is off (not a terminal, NO_COLOR, --no-color). */
public record Style(boolean ansi) {

    public static final Style PLAIN = new Style(false);

    String question(String text) {
        return paint(text, Ansi.Style.bold);
    }

    String quiet(String text) {
        return paint(text, Ansi.Style.faint);
    }

    String value(String text) {
        return paint(text, Ansi.Style.fg_cyan);
    }

    String error(String text) {
        return paint(text, Ansi.Style.fg_red);
    }

    /** Ends with a full reset: some terminals read picocli's bold-off code (21) as "double underline". */
    private String paint(String text, Ansi.Style style) {
        return ansi ? style.on() + text + Ansi.Style.reset.on() : text;
    }
}
