package cniadvisor.render;

import cniadvisor.inventory.Assessment;
import cniadvisor.model.MigrationPlan;
import cniadvisor.model.Reason;

import java.util.List;
import java.util.Objects;

/** The short forms of an assessment the row and section formats share (CSV, Markdown, JUnit, SARIF). */
final class AssessmentCells {

    private AssessmentCells() {
    }

    /** "stay", "azure-cni-overlay (cilium/cilium)", or "no fit". */
    static String target(Assessment a) {
        Assessment.Target t = a.target();
        if (t == null) {
            return "no fit";
        }
        return t.stay() ? "stay" : t.option() + " (" + t.dataplane() + "/" + t.networkPolicy() + ")";
    }

    /** The error-level blockers of the migration: what keeps a step out of the runbook or needs a step first. */
    static List<Reason> blockers(Assessment a) {
        MigrationPlan plan = a.migration();
        return plan == null ? List.of() : plan.blockers().stream().filter(b -> Reason.ERROR.equals(b.level()))
                .toList();
    }

    /** "2028-03-31 kubenet": the soonest deadline that applies, or "". */
    static String nextDeadline(Assessment a) {
        return a.deadlines().isEmpty() ? "" : a.deadlines().get(0).date() + " " + a.deadlines().get(0).subject();
    }

    static long count(Assessment a, String level) {
        return a.findings().stream().filter(f -> Objects.equals(level, f.level())).count();
    }

    /** The findings at error or warning level. */
    static List<Reason> reported(Assessment a) {
        return a.findings().stream().filter(f -> Reason.ERROR.equals(f.level()) || Reason.WARNING.equals(f.level()))
                .toList();
    }

    /** "supported", "retiring (486 days left)", "retired since 2028-03-31: ...". */
    static String status(Assessment a) {
        return a.status() + (a.daysLeft() != null ? " (" + a.daysLeft() + " days left)" : "");
    }
}
