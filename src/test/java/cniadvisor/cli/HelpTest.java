package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --help on the tool and its commands: exit 0, examples, --fail-on, and every exit code with what it means. */
class HelpTest {

    private static CliRun help(String command) {
        return command.isEmpty() ? CliRun.run("--help") : CliRun.run(command, "--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "advise"})
    void helpExitsWithZeroOnStdout(String command) {
        CliRun run = help(command);

        assertEquals(ExitCode.OK.code(), run.exitCode(), run::toString);
        assertEquals("", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "advise"})
    void helpListsTheExitCodes(String command) {
        String out = help(command).out();

        assertTrue(out.contains("Exit codes:"), out);
        assertLine(out, "0", "a recommendation was made");
        assertLine(out, "1", "internal error");
        assertLine(out, "2", "usage or input error");
        assertLine(out, "3", "rules or facts failed to load");
        assertLine(out, "4", "no option satisfies the requirements");
        assertLine(out, "6", "a finding at or above --fail-on (default: error): the report was written,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"advise", "ask", "plan", "batch"})
    void commandsThatReportFindingsTakeFailOn(String command) {
        String out = help(command).out().replaceAll("\\s+", " ");

        assertTrue(out.contains(" --fail-on=LEVEL Fail the run (exit code 6) on a finding at this level or above: "
                + "error, warning, never (default: error; never: only report). The report is written either way; "
                + "error and warning findings also go to stderr. "), out);
        assertTrue(out.contains(" 6 a finding at or above --fail-on (default: error): the report was written, but "
                + "the run fails"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "advise"})
    void helpGivesExamples(String command) {
        String out = help(command).out();

        assertTrue(out.contains("Examples:"), out);
        assertTrue(out.contains("cni-advisor advise -f examples/requests/payments.yaml -o json"), out);
        assertTrue(out.contains("cat request.json | cni-advisor advise -f - -o yaml"), out);
    }

    /** A line "  CODE   description..." under the exit codes heading. */
    private static void assertLine(String help, String code, String description) {
        Pattern line = Pattern.compile("(?m)^\\s+" + code + "\\s+" + Pattern.quote(description));
        assertTrue(line.matcher(help).find(), () -> "no exit code line \"" + code + " " + description + "\" in\n"
                + help);
    }
}
