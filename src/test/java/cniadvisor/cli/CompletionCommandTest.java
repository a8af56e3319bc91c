package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code completion bash|zsh}: a script bash accepts, which completes commands, options and their values. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    /** What bash completes for the words typed, with the script sourced, as a Tab would. */
    private String complete(Path script, String... words) throws IOException, InterruptedException {
        String line = String.join(" ", words);
        String program = "source " + script + "\nCOMP_WORDS=(" + line + ")\nCOMP_CWORD=" + (words.length - 1)
                + "\nCOMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n_complete_cni-advisor cni-advisor '"
                + words[words.length - 1] + "' '" + words[words.length - 2] + "'\necho \"${COMPREPLY[*]}\"\n";
        // outside a real Tab, bash's compopt complains on stderr: only the completions (stdout) are read
        Process bash = new ProcessBuilder("bash", "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    private Path script(String shell) throws IOException, InterruptedException {
        CliRun run = CliRun.run("completion", shell);
        assertEquals(0, run.exitCode(), run::toString);
        Path script = dir.resolve("cni-advisor." + shell);
        Files.writeString(script, run.out());
        Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String errors = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), "bash -n: " + errors);
        return script;
    }

    @Test
    void bashCompletesCommandsOptionsAndTheirValues() throws IOException, InterruptedException {
        Path script = script("bash");
        assertEquals("assess", complete(script, "cni-advisor", "ass"));
        assertEquals("--output --output-file", complete(script, "cni-advisor", "assess", "--outp"));
        assertEquals("json jsonl junit", complete(script, "cni-advisor", "assess", "-o", "j"));
    }

    @Test
    void zshGetsTheSameScriptThroughBashcompinit() throws IOException, InterruptedException {
        Path script = script("zsh");
        String text = Files.readString(script);
        assertTrue(text.startsWith("#compdef cni-advisor\n"), text.substring(0, 80));
        assertTrue(text.contains("bashcompinit"), "zsh runs the bash script through bashcompinit");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRun run = CliRun.run("completion", "fish");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: Invalid value for positional parameter at index 0 (SHELL): expected "
                + "one of [bash, zsh]"), run::toString);
    }
}
