package cniadvisor.io;

/** Report formats of {@code advise}. */
public enum OutputFormat {
    text, json, yaml, markdown
}
