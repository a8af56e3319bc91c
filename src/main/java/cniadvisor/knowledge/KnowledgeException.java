package cniadvisor.knowledge;

import java.util.List;

/** facts/ could not be loaded; each problem is one "file:line: message" line. */
public final class KnowledgeException extends Exception {
    private final List<String> problems;

    public KnowledgeException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
