package cniadvisor.render;

/** Report formats of {@code batch}. */
public enum BatchReportFormat {
    /** A row per request and the summary, for a terminal. */
    table,
    /** A row per request, for spreadsheets. */
    csv,
    /** An array of advise objects (each with its input location). */
    json,
    /** One advise object per line. */
    jsonl,
    /** A report for a pull request or wiki: the summary, then a section per request. */
    markdown,
    /**
     * One self-contained HTML page: the address pool drawn to scale, recommendations per option, errors and warnings
     * per team, retirement deadlines on a timeline.
     */
    html,
    /** JUnit XML: a test case per request, failing when nothing fits or a finding is at or above --fail-on. */
    junit,
    /** SARIF 2.1.0: a result per recommendation, finding and input error, located at the request's line. */
    sarif,
    /** GitHub Actions workflow commands: an annotation per error and warning, at the request's line. */
    github,
    /** Azure Pipelines logging commands: an issue per error and warning, at the request's line. */
    azure_devops {
        @Override
        public String toString() {
            return "azure-devops";
        }
    }
}
