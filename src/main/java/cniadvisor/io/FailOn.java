package cniadvisor.io;

import cniadvisor.model.Reason;

import java.util.List;

/**
 * The finding level from which a run fails ({@code --fail-on}): {@code error} (the default) fails on error-level
 * findings, {@code warning} on warnings too, {@code never} only reports them. Info-level findings never fail a run.
 */
public enum FailOn {
    error, warning, never;

    /** Whether a finding at this level ("error", "warning" or "info") fails the run. */
    public boolean fails(String level) {
        return switch (this) {
            case error -> "error".equals(level);
            case warning -> "error".equals(level) || "warning".equals(level);
            case never -> false;
        };
    }

    /** The first finding that fails the run, errors before warnings; null when none does. */
    public Reason firstFailing(List<Reason> findings) {
        Reason first = null;
        for (Reason finding : findings) {
            if (fails(finding.level()) && (first == null || "error".equals(finding.level())
                    && !"error".equals(first.level()))) {
                first = finding;
            }
        }
        return first;
    }
}
