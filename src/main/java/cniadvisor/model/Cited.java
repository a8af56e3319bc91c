package cniadvisor.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A piece of platform knowledge that carries the ids of the sources it was taken from. */
public interface Cited {
    List<String> sources();

    /** The sources of several facts, each once, in order: for a reason that rests on more than one fact. */
    static Cited all(Cited... facts) {
        Set<String> ids = new LinkedHashSet<>();
        for (Cited fact : facts) {
            ids.addAll(fact.sources());
        }
        return new Sources(List.copyOf(ids));
    }

    /** Sources by themselves; equal when the ids are (reasons are cached by what they cite). */
    record Sources(List<String> sources) implements Cited {
    }
}
