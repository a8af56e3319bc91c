package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configuration file sets option defaults; a command's section overrides the top level; the command line wins. */
class ConfigFileTest {

    private static final String LEGACY = "examples/requests/legacy-kubenet-migration.yaml";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("team.yaml"), yaml);
    }

    @Test
    void defaultsFromTheFileAndTheCommandLineWins() throws IOException {
        Path file = config("fail-on: warning\nadvise:\n  output: json\n");
        CliRun fromFile = CliRun.run("advise", "-f", LEGACY, "--as-of", "2026-11-21", "--config", file.toString());
        assertEquals(6, fromFile.exitCode(), fromFile::toString); // a retiring plugin is a warning, and fails now
        assertTrue(fromFile.out().startsWith("{"), fromFile::toString);

        CliRun overridden = CliRun.run("advise", "-f", LEGACY, "--as-of", "2026-11-21", "--config", file.toString(),
                "--fail-on", "error", "-o", "text");
        assertEquals(0, overridden.exitCode(), overridden::toString);
        assertTrue(overridden.out().startsWith("legacy-intranet: AKS network plugin advice"), overridden::toString);
    }

    @Test
    void rulesFoldersFromAList() throws IOException {
        Path file = config("rules: [bundled, examples/org-policy/rules]\n");
        CliRun run = CliRun.run("rules", "check", "--config", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        int bundled = cniadvisor.testing.Fixtures.advisor().rules().rules().size();
        // the organisation's example folder adds its two rules to the bundled ones
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith((bundled + 2) + " rules")), run::toString);
    }

    @Test
    void theConfigCommandSaysWhereEachValueCameFrom() throws IOException {
        Path file = config("fail-on: warning\nbatch:\n  output: csv\n");
        CliRun run = CliRun.run("config", "--config", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("file: " + file + "\n"
                + "fail-on: warning  (from " + file + ")\n"
                + "batch.output: csv  (from " + file + ")\n"
                + "not set (each command's default): address-space, cache, facts, headroom, output, rules, threads\n", run.out());
    }

    @Test
    void aBadFileIsAUsageErrorNamingTheKeyAndWhatIsAllowed() throws IOException {
        Path file = config("colour: red\nbatch:\n  fail-on: [a, {b: c}]\n");
        CliRun run = CliRun.run("advise", "-f", LEGACY, "--config", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: " + file + ": colour: unknown key; allowed: address-space, cache, facts, fail-on, headroom, "
                + "output, rules, threads, under the top level or a command's name\n", run.err().lines().findFirst().get() + "\n");
        CliRun missing = CliRun.run("advise", "-f", LEGACY, "--config", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertEquals("error: --config " + dir.resolve("nope.yaml") + ": no such file\n", missing.err());
    }
}
