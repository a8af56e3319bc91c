package cniadvisor.model;

/**
 * The version of the JSON the tool writes, the first key ({@code schemaVersion}) of every JSON document: advise and
 * plan objects, each batch item (JSON array element or JSON Lines line), the assess report and each of its JSON
 * Lines, and rules test's report. {@code MAJOR.MINOR}: the major number changes when a key is renamed or removed or a
 * value changes meaning, the minor one when keys are added. {@code cni-advisor schema advice} (and the other output
 * schemas) describe the current version.
 */
public final class SchemaVersion {

    /** 1.0: the first versioned output; recommendation.network spelled as the AKS API spells it. */
    public static final String CURRENT = "1.0";

    /** The key it is written under. */
    public static final String KEY = "schemaVersion";

    private SchemaVersion() {
    }
}
