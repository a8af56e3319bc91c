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
        assertLine(out, "6", "a finding at or above --fail-on (default: error): the report was");
        assertLine(out, "130", "interrupted (Ctrl-C)");
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

    /** Every command lists exactly the exit codes it can return: no 4 or 6 where nothing is decided. */
    @ParameterizedTest
    @ValueSource(strings = {"advise", "batch", "assess", "rules check", "rules test", "schema", "completion",
            "config"})
    void eachCommandListsOnlyItsExitCodes(String command) {
        String out = CliRun.run((command + " --help").split(" ")).out();
        String codes = out.substring(out.indexOf("Exit codes:")).lines().skip(1)
                .map(line -> line.trim().split("\\s+")[0]).filter(word -> word.matches("[0-9]+"))
                .reduce((a, b) -> a + " " + b).orElse("");

        String expected = switch (command) {
            case "advise", "batch", "assess" -> "0 1 2 3 4 6 130";
            case "rules check" -> "0 1 2 3 130";
            case "rules test" -> "0 1 2 3 5 130";
            default -> "0 1 2";
        };
        assertEquals(expected, codes, out);
    }

    /** At 80 columns (no terminal), no example is split mid-command: long ones continue with a backslash. */
    @ParameterizedTest
    @ValueSource(strings = {"", "advise", "ask", "plan", "batch", "assess", "rules", "rules check", "rules test",
            "rules list", "rules doc", "rules watch", "schema", "completion", "config"})
    void examplesFitEightyColumns(String command) {
        String out = command.isEmpty() ? CliRun.run("--help").out() : CliRun.run((command + " --help").split(" "))
                .out();
        if (!out.contains("Examples:")) {
            return;
        }
        for (String line : out.substring(out.indexOf("Examples:")).lines().skip(1).takeWhile(l -> !l.isBlank())
                .toList()) {
            assertTrue(line.startsWith("  "), () -> "'" + command + " --help' splits an example: '" + line + "'\n"
                    + out);
            assertTrue(line.length() <= 80, () -> "longer than 80 columns: " + line);
        }
    }

    @org.junit.jupiter.api.Test
    void aChoiceOptionIsCaseInsensitiveAndATypoGetsADidYouMean() {
        CliRun typo = CliRun.run("batch", "examples/batch/teams.csv", "-o", "markdwn");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().startsWith("error: Invalid value for option '--output': expected one of [table, csv, "
                + "json, jsonl, markdown, html, junit, sarif"), typo::toString);
        assertTrue(typo.err().contains("but was 'markdwn'; did you mean 'markdown'?\n"), typo::toString);

        CliRun upper = CliRun.run("advise", "-f", "examples/requests/payments.yaml", "-o", "JSON", "--query",
                "recommendation.option");
        assertEquals(0, upper.exitCode(), upper::toString);
    }

    /** A line "  CODE   description..." under the exit codes heading. */
    private static void assertLine(String help, String code, String description) {
        Pattern line = Pattern.compile("(?m)^\\s+" + code + "\\s+" + Pattern.quote(description));
        assertTrue(line.matcher(help).find(), () -> "no exit code line \"" + code + " " + description + "\" in\n"
                + help);
    }
}
