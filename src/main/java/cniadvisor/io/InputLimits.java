package cniadvisor.io;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.time.Duration;
import java.util.Locale;

/**
 * How much input one request may be, and how long an input may take to open. Every reader checks these while it
 * reads, so that no input, however large or deep, can exhaust memory or stall a parser: past a limit the reader stops
 * and reports the limit by name. The values, and why they are what they are, are in docs/input-limits.md.
 */
public final class InputLimits {

    /** A request file (advise -f, plan -f, or '-'): far above any real one, which is well under 4 KiB. */
    public static final int REQUEST_FILE_BYTES = 1 << 20;
    /** One line of a request file; a YAML or JSON text value fits on one line, so this bounds every value too. */
    public static final int LINE_CHARS = 64 << 10;
    /** One request of a batch: a CSV row, a JSON line, an element of a JSON array, a YAML document. */
    public static final int RECORD_CHARS = 1 << 20;
    /**
     * Items of one list (connectedNetworks), and keys of one object. Twice the 500 peerings a VNet may have; each
     * connected network can make a few rules fire, and a request may make at most 10,000 firings (the guard against
     * rules that loop), so ten times as many would end in a false "rule loops" error.
     */
    public static final int LIST_ITEMS = 1_000;
    /** Problems listed for one request; past these, one more line says how many were left out. */
    public static final int ERRORS_PER_REQUEST = 100;
    /**
     * Lists and objects inside one another, the request's own object counted. A request is flat: its deepest value
     * is a list, two levels down. A deeper value is an error for its key, and is skipped.
     */
    public static final int NESTING_DEPTH = 20;
    /**
     * Nesting the parsers follow at all: a value nested deeper cannot even be skipped, so it ends the input (in a
     * batch, the rest of that file). Jackson's own default.
     */
    public static final int PARSER_NESTING_DEPTH = 1_000;
    /**
     * How far a batch reader looks for the end of a line that is over {@link #RECORD_CHARS}, to go on with the next
     * line; an input with no line end that far away (say /dev/zero) is not read further.
     */
    public static final long SKIP_CHARS = 16L * RECORD_CHARS;
    /** How long opening an input that is not a regular file (a named pipe) may wait for a writer. */
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);
    /** System property (milliseconds) that overrides {@link #DEFAULT_OPEN_TIMEOUT}, for tests and slow writers. */
    public static final String OPEN_TIMEOUT_PROPERTY = "cni-advisor.open-timeout-ms";

    private InputLimits() {
    }

    /** The wait for a writer when opening a named pipe: {@link #DEFAULT_OPEN_TIMEOUT} unless the property says. */
    public static Duration openTimeout() {
        Long millis = Long.getLong(OPEN_TIMEOUT_PROPERTY);
        return millis != null && millis > 0 ? Duration.ofMillis(millis) : DEFAULT_OPEN_TIMEOUT;
    }

    /** "1 MiB (1,048,576 bytes)", "64 KiB (65,536 characters)": the size as people say it, and exactly. */
    public static String describe(long size, String unit) {
        String rounded = size % (1 << 20) == 0 ? size / (1 << 20) + " MiB"
                : size % (1 << 10) == 0 ? size / (1 << 10) + " KiB" : null;
        String exact = String.format(Locale.ROOT, "%,d %s", size, unit);
        return rounded == null ? exact : rounded + " (" + exact + ")";
    }

    /** "10,000": a count as the messages show it. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Jackson's own limits: a longer string or key, or nesting past {@link #PARSER_NESTING_DEPTH}, ends parsing
     * with an error that {@link RequestReader#syntaxError} words as the limit it is. ({@link #NESTING_DEPTH} is
     * checked by the readers, which can skip what is too deep.)
     */
    /** A parser's own limit, worded as the limit it is (see {@link RequestReader#limitProblem}); null otherwise. */
    public static String limitProblem(String parserMessage) {
        return RequestReader.limitProblem(parserMessage);
    }

    static StreamReadConstraints constraints(int maxChars) {
        return StreamReadConstraints.builder()
                .maxStringLength(maxChars)
                .maxNameLength(maxChars)
                .maxNestingDepth(PARSER_NESTING_DEPTH)
                .maxNumberLength(1000)
                .build();
    }

    public static ObjectMapper json(int maxChars) {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints(maxChars)).build()).build();
    }

    /**
     * A YAML mapper with the same limits; SnakeYAML's own code point limit (per document) is set to
     * {@code maxDocumentChars}, so that no document is scanned past it.
     */
    public static ObjectMapper yaml(int maxChars, int maxDocumentChars) {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(maxDocumentChars);
        loader.setNestingDepthLimit(PARSER_NESTING_DEPTH);
        loader.setMaxAliasesForCollections(LIST_ITEMS);
        // YAMLFactory's builder starts without the parser features new YAMLFactory() has: "key:" must read as null
        return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .streamReadConstraints(constraints(maxChars)).build()).build();
    }
}
