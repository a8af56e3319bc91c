package cniadvisor.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --query EXPR}: JMESPath over the command's JSON result, as {@code az --query} does. The expression is
 * compiled before any work, so a typo is a usage error at once; the result is printed as JSON (a string as a JSON
 * string, as az's -o json does).
 */
public final class QueryOptions {

    /** Built on first use: most runs have no --query, and start-up should not pay for the JMESPath compiler. */
    private static final class Runtime {
        static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Option(names = "--query", paramLabel = "EXPR",
            description = "JMESPath over the JSON result, as az --query (implies -o json); e.g. "
                    + "'recommendation.option' (advise) or \"clusters[?status=='retiring'].name\" (assess).")
    String expression;

    private Expression<JsonNode> compiled;

    public boolean active() {
        return expression != null;
    }

    /**
     * Compiles the expression and checks the format: --query reads JSON, so another format given with -o is an
     * error. Returns whether the command must write JSON.
     */
    boolean check(CommandLine.Model.CommandSpec spec, boolean formatGiven, boolean formatIsJson) {
        if (expression == null) {
            return false;
        }
        if (formatGiven && !formatIsJson) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--query works on -o json; leave -o out or "
                    + "give -o json");
        }
        try {
            compiled = Runtime.JMESPATH.compile(expression);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--query: not a JMESPath expression: "
                    + e.getMessage());
        }
        return true;
    }

    /** The query's result over one JSON document, as indented JSON with a line break. */
    String apply(String json) {
        JsonNode input;
        try {
            input = Runtime.JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("the JSON result did not parse: " + e.getOriginalMessage(), e);
        }
        try {
            return Runtime.JSON.writeValueAsString(compiled.search(input)) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The query's result over one JSON document, on one line: a JSON Lines result stays one line per document. */
    String applyOneLine(String json) {
        try {
            return Runtime.JSON.writer().withoutFeatures(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(compiled.search(Runtime.JSON.readTree(json))) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("the JSON result did not parse: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A writer that passes what is written through the query: each line on its own ({@code perLine}, JSON Lines), or
     * the whole document once {@link Filter#finish} is called.
     */
    Filter filter(boolean perLine, java.io.Writer target) {
        return new Filter(perLine, target);
    }

    /** See {@link #filter}. */
    final class Filter extends java.io.Writer {
        private final boolean perLine;
        private final java.io.Writer target;
        private final StringBuilder pending = new StringBuilder();

        private Filter(boolean perLine, java.io.Writer target) {
            this.perLine = perLine;
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws java.io.IOException {
            for (int i = offset; i < offset + length; i++) {
                pending.append(chars[i]);
                if (perLine && chars[i] == '\n') {
                    target.write(applyOneLine(pending.toString()));
                    pending.setLength(0);
                }
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            target.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            finish();
        }

        /** Writes the query's result over what is left (the whole document, unless per line). */
        void finish() throws java.io.IOException {
            if (!pending.toString().isBlank()) {
                target.write(perLine ? applyOneLine(pending.toString()) : apply(pending.toString()));
            }
            pending.setLength(0);
            target.flush();
        }
    }

    /** Whether picocli matched one of the option's names on the command line (a default is not a choice). */
    static boolean given(CommandLine.Model.CommandSpec spec, String name) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(name);
    }
}
