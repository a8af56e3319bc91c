package cniadvisor.cli;

import cniadvisor.engine.Advisor;
import cniadvisor.interview.EndOfInput;
import cniadvisor.interview.Interrupted;
import cniadvisor.interview.LineEditor;
import cniadvisor.interview.Questionnaire;
import cniadvisor.interview.TerminalLineEditor;
import cniadvisor.io.ExitCode;
import cniadvisor.io.RequestBinder;
import cniadvisor.interview.RequestFile;
import cniadvisor.interview.RuleNotes;
import cniadvisor.interview.Style;
import cniadvisor.model.NamedRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code ask}: the requirements as questions in plain language, then the same report as {@code advise -f}. */
@Command(name = "ask",
        mixinStandardHelpOptions = true,
        description = {
                "Asks about the cluster's requirements one question at a time, shows a summary where any answer can "
                        + "be changed, then prints the same report as 'advise -f'. Questions go to stderr and the "
                        + "report to stdout, so the report can be redirected. Enter accepts the [default], ? explains "
                        + "the question, back (or <) returns to the one before; on a terminal the line can be edited "
                        + "and the up arrow recalls earlier answers. Answers can be piped in, one per line (an empty "
                        + "line accepts the default). End of input (Ctrl-D) before the summary is accepted stops with "
                        + "exit code 2, Ctrl-C with exit code 130; neither saves anything.",
                "",
                "Examples:",
                "  cni-advisor ask",
                "  cni-advisor ask --save team.yaml > advice.txt",
                "  cni-advisor ask -o json < answers.txt",
                ""})
final class AskCommand implements Callable<Integer> {

    static final String ENDED = "error: input ended before the questionnaire was complete; nothing was saved";
    static final String INTERRUPTED = "interrupted before the questionnaire was complete; nothing was saved";

    @Spec
    CommandSpec spec;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Also write the answers as a request file (YAML) that 'advise -f FILE' reads back to the "
                    + "same advice. Written once the summary is accepted, never half-written.")
    Path save;

    @Option(names = "--no-color", description = "No colours (also off when not on a terminal, or with NO_COLOR set).")
    boolean noColor;

    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOptions failOn;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        output.prepare(spec);
        return interview(spec, output, failOn, knowledge, save, noColor);
    }

    /** The questionnaire and the report; shared with {@code advise} run without -f on a terminal. */
    static int interview(CommandSpec spec, OutputOptions output, FailOnOptions failOn, KnowledgeOptions knowledge,
                         Path save, boolean noColor) {
        checkWritable(save);
        CompletableFuture<Advisor> loading = knowledge.loadAdvisorAsync();
        InputStream stdin = Main.STDIN.get();
        boolean terminal = Terminals.isTerminal(stdin);
        PrintWriter err = spec.commandLine().getErr();
        // the questions follow the facts' contract; facts load in milliseconds, the rules go on compiling meanwhile
        RequestBinder binder = RequestBinder.forKnowledge(knowledge.loadKnowledge());
        Style style = new Style(!noColor && Ansi.AUTO.enabled());
        java.util.function.Supplier<RuleNotes> notes = () -> RuleNotes.of(KnowledgeOptions.await(loading));
        // line editing only where a person types and reads: standard input and the questions' stderr a terminal
        LineEditor editor = terminal && lineEditing() ? TerminalLineEditor.open() : null;
        Questionnaire questionnaire = editor != null
                ? new Questionnaire(binder, editor, err, style, notes)
                : new Questionnaire(binder, new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)),
                        err, style, !terminal, notes);
        NamedRequest request;
        try (InterruptGuard guard = InterruptGuard.install(err, INTERRUPTED)) {
            if (editor != null) {
                guard.restoring(editor::close);
            }
            try {
                request = questionnaire.run();
            } catch (EndOfInput | Interrupted | RuntimeException e) {
                guard.settle(); // a Ctrl-C that closed the terminal under the editor ends the process with its message
                throw e;
            } finally {
                if (editor != null) {
                    editor.close();
                }
            }
            guard.finish(() -> {
                if (save != null) {
                    RequestFile.save(save, request, binder);
                    err.println("Saved the answers to " + save + "; 'cni-advisor advise -f " + save
                            + "' gives this advice again.");
                }
            });
        } catch (Interrupted e) {
            err.println(INTERRUPTED);
            return InterruptGuard.EXIT_CODE;
        } catch (EndOfInput e) {
            if (e.reason() != null) {
                throw new CliException(ExitCode.USAGE_ERROR, "error: " + e.reason() + "; nothing was saved");
            }
            if (e.linesRead() == 0 && !terminal) {
                throw new CliException(ExitCode.USAGE_ERROR, noAnswersHint());
            }
            throw new CliException(ExitCode.USAGE_ERROR, ENDED);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: " + save + ": cannot write the answers: "
                    + e.getMessage());
        }
        Advisor advisor = KnowledgeOptions.await(loading);
        return AdviseCommand.report(advisor.advise(request, knowledge.asOf()), output, failOn, spec);
    }

    /**
     * Whether the questions' screen, stderr, is a terminal that can edit lines (standard input is one already): not
     * with {@code TERM} unset or {@code dumb}, where the plain lines of a script are read. Asked of {@code test -t 2}
     * run with our stderr, as Java 17 tells only whether stdin and stdout are terminals.
     */
    private static boolean lineEditing() {
        String term = System.getenv("TERM");
        if (term == null || term.isEmpty() || term.equals("dumb")) {
            return false;
        }
        try {
            Process test = new ProcessBuilder("sh", "-c", "test -t 2")
                    .redirectInput(Redirect.INHERIT)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.INHERIT)
                    .start();
            return test.waitFor() == 0;
        } catch (IOException e) {
            return false; // no sh: no line editing, plain lines still work
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Standard input is a pipe or file with nothing in it: say what works instead of waiting. */
    static List<String> noAnswersHint() {
        return List.of(
                "error: no answers: standard input is not a terminal, and it is empty (or closed).",
                "  To describe the cluster in a file: cni-advisor advise -f request.yaml (see examples/requests/)",
                "  To pipe answers to the questions, one per line: cni-advisor ask < answers.txt",
                "  To answer the questions yourself, run cni-advisor ask in a terminal.");
    }

    /** Finds a --save that cannot work before the questions rather than after them. */
    private static void checkWritable(Path save) {
        if (save == null) {
            return;
        }
        Path dir = save.toAbsolutePath().getParent();
        if (Files.isDirectory(save)) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --save " + save + ": is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --save " + save + ": no such directory " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: --save " + save + ": cannot write to " + dir);
        }
    }
}
