package cniadvisor.render;

import cniadvisor.io.ExitCode;
import cniadvisor.io.FailOn;

import cniadvisor.model.Reason;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The error and warning findings of a run as stderr lines, whatever the report format, so that
 * {@code -o terraform > main.tf} still shows them: {@code error: payments: [RULE-ID] text}. Counts what fails the
 * run under {@code --fail-on}. The listing stops after {@link #LIMIT} lines and says how many more the report holds.
 */
public final class FindingLines {

    public static final int LIMIT = 50;

    private final FailOn failOn;
    private final List<String> lines = new ArrayList<>();
    private long more;
    private long errors;
    private long warnings;
    private long failing;

    public FindingLines(FailOn failOn) {
        this.failOn = failOn;
    }

    /** Adds the error and warning findings of one request; {@code subject} names it ("payments"). */
    public void add(String subject, List<Reason> findings) {
        for (Reason finding : findings) {
            String level = finding.level();
            boolean error = "error".equals(level);
            if (!error && !"warning".equals(level)) {
                continue;
            }
            errors += error ? 1 : 0;
            warnings += error ? 0 : 1;
            failing += failOn.fails(level) ? 1 : 0;
            if (lines.size() < LIMIT) {
                // names and texts carry input: one line each, no control characters reach the terminal
                lines.add(level + ": " + Escape.oneLine(subject) + ": [" + finding.rule() + "] "
                        + Escape.oneLine(finding.text()));
            } else {
                more++;
            }
        }
    }

    /** Whether some finding is at or above --fail-on. */
    private boolean fail() {
        return failing > 0;
    }

    /** One line per finding, then "... and N more (see the report)" when the listing was cut. */
    public void print(PrintWriter err) {
        lines.forEach(err::println);
        if (more > 0) {
            err.println(String.format(Locale.ROOT, "... and %,d more (see the report)", more));
        }
        err.flush();
    }

    /** "cni-advisor: failing (--fail-on error): 1 error": what makes the run fail, for its last line. */
    private String failingLine() {
        List<String> counts = new ArrayList<>();
        if (errors > 0) {
            counts.add(count(errors, "error"));
        }
        if (warnings > 0 && failOn.fails("warning")) {
            counts.add(count(warnings, "warning"));
        }
        return "cni-advisor: failing (--fail-on " + failOn + "): " + String.join(", ", counts);
    }

    private static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    /**
     * The exit code once the report is written: {@code other} when it is not OK (invalid input and no fit come
     * first), else FINDINGS when a finding is at or above --fail-on, else OK.
     */
    public ExitCode exitCode(ExitCode other) {
        return other != ExitCode.OK ? other : fail() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The closing line, when the run fails because of the findings. */
    public void printFailing(ExitCode exit, PrintWriter err) {
        if (exit == ExitCode.FINDINGS) {
            err.println(failingLine());
            err.flush();
        }
    }
}
