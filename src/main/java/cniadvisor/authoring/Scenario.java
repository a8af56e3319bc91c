package cniadvisor.authoring;

import cniadvisor.model.ClusterState;
import cniadvisor.model.NamedRequest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One rule scenario: a request, the date it is judged at, and what the advice must say. {@code extraFacts} are
 * facts files added to the facts folder for this scenario only (to make a rule fire that today's facts never
 * trigger). {@code cluster} (may be null) is what an existing cluster reports: with it, the scenario also plans
 * the cluster's migration to the advice's recommendation, so the migration rules run.
 */
public record Scenario(String name, String file, int line, LocalDate asOf, NamedRequest request,
                       List<Path> extraFacts, ClusterState cluster, Expectations expect) {

    public Scenario {
        extraFacts = List.copyOf(extraFacts);
    }

    /** "file:line", where the scenario starts. */
    public String where() {
        return file + ":" + line;
    }

    /**
     * What the advice must say; a null or empty field is not checked, except {@code warnings} and
     * {@code findings}, which when given list every warning (address finding) the advice must have, and no more
     * (an empty list: none at all).
     *
     * @param recommended   the recommended option id, or {@link #NONE} when no option may fit
     * @param dataplane     the recommended configuration's data plane
     * @param networkPolicy the recommended configuration's policy engine
     * @param excluded      options that must be excluded
     * @param eligible      options that must not be excluded (eligible or recommended)
     * @param fired         rule ids that must fire
     * @param notFired      rule ids that must not fire
     * @param warnings      the complete list of warnings, by rule id and optionally level; null: not checked
     * @param findings      the complete list of address-plan findings (IP rules), likewise
     * @param inPlace       whether the migration is in place (false: a new cluster); null: not checked
     * @param blockers      the complete list of the migration's blockers (every level), likewise
     */
    public record Expectations(String recommended, String dataplane, String networkPolicy, List<String> excluded,
                               List<String> eligible, List<String> fired, List<String> notFired,
                               List<RuleAtLevel> warnings, List<RuleAtLevel> findings, Boolean inPlace,
                               List<RuleAtLevel> blockers) {

        public static final String NONE = "none";

        public Expectations {
            excluded = List.copyOf(excluded);
            eligible = List.copyOf(eligible);
            fired = List.copyOf(fired);
            notFired = List.copyOf(notFired);
            warnings = warnings == null ? null : List.copyOf(warnings);
            findings = findings == null ? null : List.copyOf(findings);
            blockers = blockers == null ? null : List.copyOf(blockers);
        }
    }

    /** A warning or finding the advice must carry: the rule that raised it and, when given, its level. */
    public record RuleAtLevel(String rule, String level) {

        @Override
        public String toString() {
            return level == null ? rule : rule + " (" + level + ")";
        }
    }
}
