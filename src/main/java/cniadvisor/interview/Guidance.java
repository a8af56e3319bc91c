package cniadvisor.interview;

import cniadvisor.io.Mappers;
import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plain guidance {@code ?} shows first: what an answer changes, in a platform engineer's words. It is data, in
 * {@code guidance.yaml} beside this class, keyed by request key ({@code pool.KEY} for a node pool's question, the
 * gate's name for a gate). The text holds no limits, dates or other numbers: those live in facts/ with their
 * sources, and the rules {@code ?} lists after the guidance cite them.
 */
final class Guidance {

    static final String RESOURCE = "guidance.yaml";

    private final Map<String, String> texts;

    private Guidance(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    /** The bundled guidance; read when {@code ?} is first asked. */
    static Guidance load() {
        try (InputStream in = Guidance.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new Guidance(Mappers.YAML.readValue(in, new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys that have guidance. */
    java.util.Set<String> keys() {
        return texts.keySet();
    }

    /** What the answer to {@code question} changes, if the data says. */
    Optional<String> forQuestion(Question question) {
        return Optional.ofNullable(texts.get(keyOf(question)));
    }

    /** The guidance key of a question: pools' questions share {@code pool.KEY}, the "add a pool" gates one. */
    static String keyOf(Question question) {
        String key = question.key();
        if (question.poolKey()) {
            return "pool." + key.substring(key.lastIndexOf('.') + 1);
        }
        if (key.startsWith(Questions.ADD_POOL)) {
            return Questions.ADD_POOL;
        }
        return key;
    }

    /** {@code text} in lines of at most {@code width} characters, broken between words. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
