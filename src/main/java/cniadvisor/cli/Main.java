package cniadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code cni-advisor} command: entry point and error handling shared by every subcommand. */
@Command(name = "cni-advisor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Recommends the AKS network plugin for a team's requirements, and cites why.",
        description = {
                "",
                "Examples:",
                "  cni-advisor advise -f examples/requests/payments.yaml",
                "  cni-advisor advise -f examples/requests/payments.yaml -o json",
                "  cat request.json | cni-advisor advise -f - -o yaml",
                "  cni-advisor ask --save request.yaml",
                "  cni-advisor plan -f examples/requests/payments.yaml -o markdown",
                "  cni-advisor batch examples/batch/teams.csv -o markdown --output-file report.md",
                "  cni-advisor rules test examples/scenarios --coverage",
                ""},
        subcommands = {AdviseCommand.class, AskCommand.class, PlanCommand.class, BatchCommand.class,
                RulesCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What commands read as standard input; tests replace it. */
    static final ThreadLocal<InputStream> STDIN = ThreadLocal.withInitial(() -> System.in);

    public static void main(String[] args) {
        Preload.start(args);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(System.in, out, err, args));
    }

    /** Runs one command line; returns the exit code. Nothing here calls System.exit, so tests can call it. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        STDIN.set(in);
        try {
            CommandLine cli = commandLine(out, err);
            return cli.execute(args);
        } finally {
            STDIN.remove();
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::executionError);
        listExitCodes(cli);
        return cli;
    }

    /** Every command's --help ends with the exit codes, from the one list in {@link ExitCode}. */
    private static void listExitCodes(CommandLine cli) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String line : ExitCode.helpList()) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cli.getSubcommands().values().forEach(Main::listExitCodes);
    }

    /** A bad option or argument: the error and a pointer to --help, not the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.USAGE_ERROR.code();
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CliException cli) {
            cli.lines().forEach(err::println);
            return cli.exitCode().code();
        }
        err.println("internal error: " + e);
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("cniadvisor.")) {
                err.println("  at " + frame);
                break;
            }
        }
        err.println("This is a bug in cni-advisor; please report it with the input that caused it.");
        return ExitCode.INTERNAL_ERROR.code();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
