package cniadvisor.render;

import cniadvisor.model.Source;

/**
 * How every report cites a source, so a citation reads the same wherever it lands: its title, the date the page was
 * read as of, and its page. Text and Markdown forms; each escapes what the source's fields hold for its format.
 */
public final class Citations {

    private Citations() {
    }

    /** "Title, as of 2025-03-24" (the date left out when unknown), on one line. */
    public static String titleAndDate(Source source) {
        String title = source.title() == null ? source.id() : source.title();
        return Escape.oneLine(title) + (source.asOf() == null ? "" : ", as of " + source.asOf());
    }

    /** "Title, as of 2025-03-24: https://..." on one line. */
    public static String text(Source source) {
        return titleAndDate(source) + (source.url() == null ? "" : ": " + Escape.oneLine(source.url()));
    }

    /** "[Title](https://...), as of 2025-03-24", the title escaped so that it cannot end the link or its line. */
    public static String markdown(Source source) {
        String title = Escape.markdown(source.title() == null ? source.id() : source.title());
        String link = source.url() == null ? title : "[" + title + "](" + Escape.markdownUrl(source.url()) + ")";
        return link + (source.asOf() == null ? "" : ", as of " + source.asOf());
    }
}
