package cniadvisor.knowledge;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;

/** "; did you mean 'maxNodes'?" for a name close to a known one, else "; known: a, b, c". */
final class Suggestions {

    private static final int MAX_DISTANCE = 3;

    private Suggestions() {
    }

    static String didYouMean(String given, Collection<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return known.stream()
                .filter(k -> distance.apply(k.toLowerCase(), given.toLowerCase()) <= MAX_DISTANCE)
                .min(Comparator.comparingInt((String k) -> distance.apply(k, given)).thenComparing(k -> k))
                .map(k -> "; did you mean '" + k + "'?")
                .orElse("; known: " + String.join(", ", known.stream().sorted().toList()));
    }
}
