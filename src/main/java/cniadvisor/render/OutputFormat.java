package cniadvisor.render;

/**
 * Report formats of {@code advise} and {@code ask}; terraform and bicep render the recommended network settings;
 * table and tsv list the options, one a row; github and azure-devops annotate the request file with the errors and
 * warnings (and GitHub with a notice of the recommendation).
 */
public enum OutputFormat {
    text, json, yaml, markdown, terraform, bicep, table, tsv, github,
    azure_devops {
        @Override
        public String toString() {
            return "azure-devops";
        }
    }
}
