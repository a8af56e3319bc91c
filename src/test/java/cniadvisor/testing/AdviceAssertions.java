package cniadvisor.testing;

import cniadvisor.model.Advice;
import cniadvisor.model.OptionResult;
import cniadvisor.model.Reason;
import cniadvisor.model.Source;

import java.util.List;
import java.util.stream.Collectors;

import static cniadvisor.testing.Fixtures.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Assertions on an {@link Advice} that say what a rule test means: "this option is excluded by that rule, citing
 * that source". Failures print the option's reasons, so a wrong verdict is readable without a debugger.
 */
public final class AdviceAssertions {

    private AdviceAssertions() {
    }

    public static void assertRecommended(Advice advice, String option, String dataplane, String policy) {
        assertNotNull(advice.recommendation(), () -> "no recommendation; conflicts: " + advice.conflicts());
        assertEquals(option + " / " + dataplane + " / " + policy,
                advice.recommendation().option() + " / " + advice.recommendation().dataplane() + " / "
                        + advice.recommendation().networkPolicy(),
                () -> "recommendation (option / data plane / policy)\n" + describe(advice));
    }

    /** No option fits: no recommendation, and every option is excluded and named in the conflicts. */
    public static void assertNoFit(Advice advice) {
        assertNull(advice.recommendation(), () -> "expected no fit\n" + describe(advice));
        advice.options().forEach(o -> assertEquals(OptionResult.EXCLUDED, o.status(), o.id()));
        assertEquals(advice.options().stream().map(OptionResult::id).sorted().toList(),
                advice.conflicts().stream().map(c -> c.substring(0, c.indexOf(':'))).sorted().toList(),
                "every option is listed in the conflicts");
    }

    public static void assertStatus(Advice advice, String option, String status) {
        assertEquals(status, option(advice, option).status(), () -> option + " status\n" + describe(advice));
    }

    /**
     * The option has the status, and the rule left a reason with that effect citing the source; returns the reasons
     * with that effect the rule left on the option (a rule may leave several, one per matched fact).
     */
    public static List<Reason> assertReason(Advice advice, String option, String status, String ruleId,
                                            String effect, String sourceId) {
        assertStatus(advice, option, status);
        List<Reason> reasons = Fixtures.reasons(advice, option, ruleId).stream()
                .filter(r -> r.effect().equals(effect)).toList();
        if (reasons.isEmpty()) {
            fail("no '" + effect + "' reason from " + ruleId + " on " + option + "\n" + describe(advice));
        }
        assertTrue(reasons.stream().anyMatch(r -> Fixtures.cites(r, sourceId)),
                () -> ruleId + " on " + option + " should cite " + sourceId + ": " + reasons);
        return reasons;
    }

    /** The one reason among {@code reasons} whose text contains {@code fragment}. */
    public static Reason withText(List<Reason> reasons, String fragment) {
        List<Reason> matching = reasons.stream().filter(r -> r.text().contains(fragment)).toList();
        assertEquals(1, matching.size(), () -> "reasons containing \"" + fragment + "\": " + reasons);
        return matching.get(0);
    }

    public static List<Reason> assertExcludedBy(Advice advice, String option, String ruleId, String sourceId) {
        return assertReason(advice, option, OptionResult.EXCLUDED, ruleId, "excludes", sourceId);
    }

    /** A request-level warning from the rule, at the level, citing the source. */
    public static Reason assertWarning(Advice advice, String ruleId, String level, String sourceId) {
        List<Reason> warnings = Fixtures.warnings(advice, ruleId);
        assertEquals(1, warnings.size(), () -> "warnings from " + ruleId + "\n" + describe(advice));
        Reason warning = warnings.get(0);
        assertEquals(level, warning.level(), ruleId + " level");
        assertCites(warning, sourceId);
        return warning;
    }

    public static void assertNoWarning(Advice advice, String ruleId) {
        assertTrue(Fixtures.warnings(advice, ruleId).isEmpty(), () -> "unexpected " + ruleId + "\n" + describe(advice));
    }

    public static void assertNoReason(Advice advice, String option, String ruleId) {
        assertTrue(Fixtures.reasons(advice, option, ruleId).isEmpty(),
                () -> "unexpected " + ruleId + " on " + option + "\n" + describe(advice));
    }

    public static void assertCites(Reason reason, String sourceId) {
        assertTrue(Fixtures.cites(reason, sourceId), () -> reason.rule() + " should cite " + sourceId + ", cites "
                + reason.sources().stream().map(Source::id).toList() + ": " + reason.text());
    }

    public static void assertText(Reason reason, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(reason.text().contains(fragment),
                    () -> reason.rule() + " text should contain \"" + fragment + "\": " + reason.text());
        }
    }

    /** The only reason the option carries: nothing else decided its status. */
    public static Reason assertOnlyReason(Advice advice, String option, String ruleId) {
        List<Reason> reasons = option(advice, option).reasons();
        assertEquals(List.of(ruleId), reasons.stream().map(Reason::rule).toList(),
                () -> "reasons on " + option + "\n" + describe(advice));
        return reasons.get(0);
    }

    public static void assertNoOptionRuns(Advice advice, String policy) {
        List<String> running = advice.options().stream().filter(o -> policy.equals(o.networkPolicy()))
                .map(OptionResult::id).toList();
        assertTrue(running.isEmpty(), () -> "options whose best configuration runs " + policy + ": " + running
                + "\n" + describe(advice));
    }

    /** A compact picture of the verdict for failure messages. */
    public static String describe(Advice advice) {
        String options = advice.options().stream().map(o -> "  " + o.id() + " " + o.status()
                        + (o.score() == null ? "" : " " + o.score() + " " + o.dataplane() + "/" + o.networkPolicy())
                        + o.reasons().stream().map(r -> "\n    " + r.effect() + " " + r.rule() + ": " + r.text())
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
        String warnings = advice.warnings().stream().map(w -> "\n  " + w.level() + " " + w.rule() + ": " + w.text())
                .collect(Collectors.joining());
        return "options:\n" + options + (warnings.isEmpty() ? "" : "\nwarnings:" + warnings);
    }
}
