package cniadvisor.deploy;

import cniadvisor.model.AddressPlan;
import cniadvisor.model.Advice;
import cniadvisor.model.ProposedRange;

import java.util.Optional;

/**
 * The remark an infrastructure snippet puts beside a given range a rule rejected: the snippet deploys the value the
 * team gave, and says in a comment that it was rejected and what the planner proposes instead.
 */
public final class RejectedRanges {

    private RejectedRanges() {
    }

    public static Optional<String> remark(Advice advice, String role) {
        return remark(advice.addressPlan(), role);
    }

    public static Optional<String> remark(AddressPlan plan, String role) {
        return plan.range(role).filter(ProposedRange::isRejected)
                .map(r -> "the given value is " + r.reason() + (r.proposal() == null
                        ? "; no free range found to propose" : "; cni-advisor proposes " + r.proposal() + " instead"));
    }

    /** The one-line header remark when any range is rejected, else empty. */
    public static Optional<String> header(Advice advice) {
        long rejected = advice.addressPlan().ranges().stream().filter(ProposedRange::isRejected).count();
        return rejected == 0 ? Optional.empty() : Optional.of(rejected == 1
                ? "1 given range was rejected (see the findings): it stays as given, with a replacement proposed beside it."
                : rejected + " given ranges were rejected (see the findings): they stay as given, with replacements "
                + "proposed beside them.");
    }
}
