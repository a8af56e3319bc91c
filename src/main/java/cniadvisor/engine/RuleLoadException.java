package cniadvisor.engine;

import java.util.List;

/** rules/ could not be compiled or checked; each problem is one "file:line:column: message" line. */
public final class RuleLoadException extends Exception {
    private final List<String> problems;

    public RuleLoadException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
