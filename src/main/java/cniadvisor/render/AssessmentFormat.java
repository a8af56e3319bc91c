package cniadvisor.render;

/** Report formats of {@code assess}. */
public enum AssessmentFormat {
    /** A section per cluster, then the fleet summary. */
    text,
    /** A row per cluster and the summary, for a terminal. */
    table,
    /** One object: asOf, clusters, errors (inputs that could not be read), summary. */
    json,
    /** One cluster (or input error) per line; the summary goes to stderr. */
    jsonl,
    /** The request file derived from each cluster (YAML, one document per cluster), for advise -f. */
    request,
    /** A row per cluster (and per input that could not be read), for spreadsheets; the summary goes to stderr. */
    csv,
    /** The fleet summary and waves, then a section per cluster with its runbook, for a pull request or wiki. */
    markdown,
    /** A test case per cluster, failing exactly when it fails the run (--fail-on), for CI servers. */
    junit,
    /** SARIF 2.1.0: a result per finding, no-fit and input error, located at the cluster in its input file. */
    sarif;

    /** The format an --output-file name implies, or null. */
    public static AssessmentFormat forFileName(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".sarif") || name.endsWith(".sarif.json")) {
            return sarif;
        }
        if (name.endsWith(".json")) {
            return json;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return jsonl;
        }
        if (name.endsWith(".csv")) {
            return csv;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return markdown;
        }
        if (name.endsWith(".xml")) {
            return junit;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return request;
        }
        if (name.endsWith(".txt")) {
            return text;
        }
        return null;
    }
}
