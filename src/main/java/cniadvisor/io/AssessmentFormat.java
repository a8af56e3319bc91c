package cniadvisor.io;

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
    request
}
