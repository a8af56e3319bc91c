package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad command lines and request files: exit 2, one plain message per problem on stderr, nothing on stdout. */
class BadInputTest {

    private static final String PAYMENTS = "examples/requests/payments.yaml";

    @TempDir
    Path dir;

    private Path request(String content) throws IOException {
        return Files.writeString(dir.resolve("request.yaml"), content);
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** Exit 2 with exactly this on stderr, nothing on stdout, and no trace of Java internals. */
    private static void assertUsageError(String expectedErr, CliRun run) {
        assertEquals(ExitCode.USAGE_ERROR.code(), run.exitCode(), run::toString);
        assertEquals(expectedErr, run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertFalse(run.err().contains("at cniadvisor"), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    @Test
    void aMissingRequestFileIsNamed() {
        Path missing = dir.resolve("missing.yaml");

        assertUsageError(lines("error: " + missing + ": no such file"), CliRun.run("advise", "-f", missing.toString()));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyItProbablyMeant() throws IOException {
        Path file = request("nodeCount: 10\nsurgeNode: 2\n");

        assertUsageError(lines("error: " + file + ":2: unknown key 'surgeNode'; did you mean 'surgeNodes'?"),
                CliRun.run("advise", "-f", file.toString()));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithWhatIsAllowed() throws IOException {
        Path file = request("nodeCount: ten\n");

        assertUsageError(lines("error: " + file + ":1: nodeCount: expected a whole number from 1 up, got \"ten\""),
                CliRun.run("advise", "-f", file.toString()));
    }

    @Test
    void maxPodsPerNodeOutOfRangeIsNamedWithTheRange() throws IOException {
        Path file = request("nodeCount: 10\nmaxPodsPerNode: 300\n");

        assertUsageError(
                lines("error: " + file + ":2: maxPodsPerNode: expected a whole number from 10 to 250, got 300"),
                CliRun.run("advise", "-f", file.toString()));
    }

    @Test
    void aCidrWithHostBitsIsNamedWithItsNetworkAddress() throws IOException {
        Path file = request("nodeCount: 10\nnodeSubnetCidr: 10.0.0.1/24\n");

        assertUsageError(lines("error: " + file + ":2: nodeSubnetCidr: \"10.0.0.1/24\" has host bits set; "
                + "the network address is 10.0.0.0/24"), CliRun.run("advise", "-f", file.toString()));
    }

    @Test
    void everyProblemInARequestIsReportedAtOnceInFileOrder() throws IOException {
        Path file = request("nodeCount: 0\npodCidr: 10.244.0.1/16\nnetworkPolicy: calicoo\n");

        assertUsageError(lines(
                        "error: " + file + ":1: nodeCount: expected a whole number from 1 up, got 0",
                        "error: " + file + ":2: podCidr: \"10.244.0.1/16\" has host bits set; "
                                + "the network address is 10.244.0.0/16",
                        "error: " + file + ":3: networkPolicy: \"calicoo\" is not one of none, any, cilium, calico, "
                                + "azure; did you mean 'calico'?"),
                CliRun.run("advise", "-f", file.toString()));
    }

    @Test
    void aBadRequestOnStdinIsNamedStdin() {
        assertUsageError(lines("error: stdin:1: nodeCount: expected a whole number from 1 up, got \"ten\""),
                CliRun.runWithInput("{\"nodeCount\": \"ten\"}", "advise", "-f", "-"));
    }

    @Test
    void anUnknownOutputFormatListsTheFormats() {
        assertUsageError(lines("error: Invalid value for option '--output': expected one of "
                        + "[text, json, yaml, markdown, terraform, bicep, table, tsv, github, azure-devops] "
                        + "(case-insensitive) but was 'xml'; did you mean 'yaml'?",
                "Try 'cni-advisor advise --help' for usage."), CliRun.run("advise", "-f", PAYMENTS, "-o", "xml"));
    }

    @Test
    void anImpossibleAsOfDateIsNamedWithTheFormat() {
        assertUsageError(lines("error: Invalid value for option '--as-of': '2026-13-01' is not a date as YYYY-MM-DD",
                "Try 'cni-advisor advise --help' for usage."),
                CliRun.run("advise", "-f", PAYMENTS, "--as-of", "2026-13-01"));
    }

    @Test
    void withoutAFileAndWithoutATerminalAdviseSaysHowToGiveOne() {
        assertUsageError(lines("error: no request file: give one with -f FILE, or -f - to read it from standard input",
                "  (standard input is not a terminal, so the questions of 'cni-advisor ask' are not asked;",
                "  answers piped in, one per line, work with: cni-advisor ask < answers.txt)"), CliRun.run("advise"));
    }

    @Test
    void aMissingCommandListsTheCommands() {
        CliRun run = CliRun.run();

        assertEquals(ExitCode.USAGE_ERROR.code(), run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: a command is required: "), run::toString);
        assertTrue(run.err().contains("advise"), run::toString);
        assertTrue(run.err().endsWith(lines("Try 'cni-advisor --help' for usage.")), run::toString);
    }
}
