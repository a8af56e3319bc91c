package cniadvisor.authoring;

/** Report formats of {@code rules test}: text for people, json for scripts, junit (XML) for CI test tabs. */
public enum TestReportFormat {
    text, json, junit
}
