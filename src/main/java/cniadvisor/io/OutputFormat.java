package cniadvisor.io;

/**
 * Report formats of {@code advise} and {@code ask}; terraform and bicep render the recommended network settings;
 * table and tsv list the options, one a row.
 */
public enum OutputFormat {
    text, json, yaml, markdown, terraform, bicep, table, tsv
}
