package cniadvisor.knowledge;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;

/** "; did you mean 'maxNodes'?" for a name close to a known one, else "; known: a, b, c". */
public final class Suggestions {

    private static final int MAX_DISTANCE = 3;

    private Suggestions() {
    }

    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(k -> "; did you mean '" + k + "'?")
                .orElse("; known: " + String.join(", ", known.stream().sorted().toList()));
    }

    /** The known word closest to {@code given} (case aside), when one is within a few edits. */
    public static java.util.Optional<String> closest(String given, Collection<String> known) {
        if (given.length() > 200) {
            return java.util.Optional.empty(); // a pasted-in blob is no typo
        }
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return known.stream()
                .filter(k -> distance.apply(k.toLowerCase(), given.toLowerCase()) <= MAX_DISTANCE)
                .min(Comparator.comparingInt((String k) -> distance.apply(k, given)).thenComparing(k -> k));
    }
}
