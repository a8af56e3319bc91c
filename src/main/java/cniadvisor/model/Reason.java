package cniadvisor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Comparator;
import java.util.List;

/**
 * Why something happened, in one plain sentence, with the rule that decided it and the dated sources behind it.
 * {@code effect} says what the rule did: excludes, narrows (ruled out a better configuration of an option that
 * stays eligible), favours, penalises or notes. {@code level} is set on warnings only: error, warning or info.
 * {@code related} lists other places the finding concerns (a batch overlap: the other request's line); it is empty for
 * most findings, and left out of JSON when empty.
 */
@JsonPropertyOrder({"rule", "effect", "level", "text", "sources", "related"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String rule, String effect, String level, String text, List<Source> sources,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Location> related) {

    public static final List<String> EFFECTS = List.of("excludes", "narrows", "favours", "penalises", "notes");
    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String INFO = "info";
    public static final List<String> LEVELS = List.of(ERROR, WARNING, INFO);

    /** Stable report order: by effect (or level), then rule id, then text. */
    public static final Comparator<Reason> REPORT_ORDER = Comparator
            .comparingInt(Reason::orderKey)
            .thenComparing(Reason::rule)
            .thenComparing(Reason::text);

    public Reason {
        sources = List.copyOf(sources);
        related = related == null ? List.of() : List.copyOf(related);
    }

    /** A reason that points nowhere else (most do). */
    public Reason(String rule, String effect, String level, String text, List<Source> sources) {
        this(rule, effect, level, text, sources, List.of());
    }

    public Reason withEffect(String newEffect) {
        return new Reason(rule, newEffect, level, text, sources, related);
    }

    /** The same reason pointing at {@code locations} too. */
    public Reason withRelated(List<Location> locations) {
        return new Reason(rule, effect, level, text, sources, locations);
    }

    private int orderKey() {
        return level != null ? LEVELS.indexOf(level) : EFFECTS.indexOf(effect);
    }
}
