package cniadvisor.io;

/** Report formats of {@code advise} and {@code plan}; terraform and bicep render the recommended network settings. */
public enum OutputFormat {
    text, json, yaml, markdown, terraform, bicep
}
