package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ask}, and {@code advise} without -f, run as a user would with answers piped in. */
class AskCommandTest {

    private static final String AS_OF = "2026-11-21";

    /** The trading example: flat networking, direct pod access, known ranges. */
    private static final String TRADING = String.join("\n", "trading", "30", "", "30", "n", "n", "cilium", "n",
            "external", "y", "y", "n", "new", "y", "", "10.40.0.0/22", "", "", "", "10.0.0.0/16, 172.20.0.0/16", "")
            + "\n";

    @TempDir
    Path dir;

    @Test
    void savedAnswersGiveAdviseTheSameResult() {
        Path saved = dir.resolve("trading.yaml");
        CliRun ask = CliRun.runWithInput(TRADING, "ask", "--save", saved.toString(), "-o", "json",
                "--as-of", AS_OF, "--no-cache");
        assertEquals(0, ask.exitCode(), ask.toString());
        assertTrue(ask.err().endsWith("Saved the answers to " + saved + "; 'cni-advisor advise -f " + saved
                + "' gives this advice again.\n"), ask.err());
        assertTrue(ask.out().contains("\"option\" : \"azure-cni-pod-subnet\""), ask.out());

        CliRun advise = CliRun.run("advise", "-f", saved.toString(), "-o", "json", "--as-of", AS_OF, "--no-cache");
        assertEquals(0, advise.exitCode(), advise.toString());
        assertEquals(ask.out(), advise.out());

        CliRun example = CliRun.run("advise", "-f", "examples/requests/trading-direct-access.yaml", "-o", "json",
                "--as-of", AS_OF, "--no-cache");
        assertEquals(example.out(), ask.out());
    }

    /** Two pools by answering: a Linux system pool and a Windows pool (win1, the newest version) of 10 nodes. */
    @Test
    void savedPoolsGiveAdviseTheSameResult() throws IOException {
        String answers = String.join("\n", "shop", "3", "", "", "y", "windows", "", "", "10", "", "", "", "n",
                "", "", "", "", "", "", "", "") + "\n";
        Path saved = dir.resolve("shop.yaml");
        CliRun ask = CliRun.runWithInput(answers, "ask", "--save", saved.toString(), "-o", "json",
                "--as-of", AS_OF, "--no-cache");
        assertEquals(0, ask.exitCode(), ask.toString());
        String yaml = Files.readString(saved);
        assertTrue(yaml.contains("\nnodePools:\n") && yaml.contains("name: win1"), yaml);

        CliRun advise = CliRun.run("advise", "-f", saved.toString(), "-o", "json", "--as-of", AS_OF, "--no-cache");
        assertEquals(0, advise.exitCode(), advise.toString());
        assertEquals(ask.out(), advise.out());
        assertTrue(ask.out().contains("\"option\" : \"azure-cni-overlay\""), ask.out());
    }

    @Test
    void endOfInputMidWayExitsTwoAndSavesNothing() throws IOException {
        Path saved = dir.resolve("half.yaml");
        CliRun run = CliRun.runWithInput("team\n12\n\n", "ask", "--save", saved.toString(), "--no-cache");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().endsWith("\n" + AskCommand.ENDED + "\n"), run.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void emptyStdinThatIsNotATerminalGetsAHintInsteadOfAWait() {
        CliRun run = CliRun.runWithInput("", "ask", "--no-cache");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().endsWith(String.join("\n", AskCommand.noAnswersHint()) + "\n"), run.err());
        assertTrue(run.err().contains("cni-advisor advise -f request.yaml"));
    }

    @Test
    void adviseWithoutAFileAndWithoutATerminalSaysHowToGiveOne() {
        CliRun run = CliRun.runWithInput("nodeCount: 10\n", "advise");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertEquals("""
                error: no request file: give one with -f FILE, or -f - to read it from standard input
                  (standard input is not a terminal, so the questions of 'cni-advisor ask' are not asked;
                  answers piped in, one per line, work with: cni-advisor ask < answers.txt)
                """, run.err());
    }

    @Test
    void aSaveFileThatCannotBeWrittenIsRefusedBeforeTheQuestions() {
        CliRun run = CliRun.runWithInput("team\n", "ask", "--save", dir.resolve("missing/x.yaml").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("error: --save " + dir.resolve("missing/x.yaml") + ": no such directory "
                + dir.resolve("missing") + "\n", run.err());

        CliRun directory = CliRun.runWithInput("team\n", "ask", "--save", dir.toString());
        assertEquals(2, directory.exitCode(), directory.toString());
        assertEquals("error: --save " + dir + ": is a directory\n", directory.err());
    }

    @Test
    void askIsListedWithTheOtherCommands() {
        CliRun help = CliRun.run("--help");
        assertTrue(help.out().contains("\n  ask "), help.out());
        CliRun askHelp = CliRun.run("ask", "--help");
        assertTrue(askHelp.out().contains("--save=FILE"), askHelp.out());
        assertTrue(askHelp.out().contains("--no-color"), askHelp.out());
        assertFalse(askHelp.out().contains("\u001b"));
    }
}
