package cniadvisor.cli;

import cniadvisor.authoring.DisplayPath;
import cniadvisor.engine.RuleAuthorException;
import cniadvisor.io.ExitCode;

import cniadvisor.knowledge.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                "  cni-advisor assess fleet.json --vnets vnets.json",
                "  cni-advisor rules test examples/scenarios --coverage",
                "  cni-advisor schema > request.schema.json",
                "  source <(cni-advisor completion bash)",
                ""})
public final class Main implements Runnable {

    /** The commands, by name; see {@link #commandLine} for why they are added by hand. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (Class<?> command : List.of(AdviseCommand.class, AskCommand.class, PlanCommand.class, BatchCommand.class,
                AssessCommand.class, RulesCommand.class, SchemaCommand.class, CompletionCommand.class,
                ConfigCommand.class)) {
            commands.put(command.getAnnotation(Command.class).name(), command);
        }
        return commands;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read before picocli parses (see {@link ConfigFile#load}); declared so that every command accepts it. */
    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Defaults for options (rules, facts, output, fail-on, threads, ...) from this YAML file. "
                    + "Default: .cni-advisor.yaml here or in a parent folder, else ~/.config/cni-advisor/config.yaml.")
    java.nio.file.Path configFile;

    /** The configuration file of this run, for {@code cni-advisor config}. */
    static final ThreadLocal<ConfigFile> CONFIG = ThreadLocal.withInitial(ConfigFile::none);

    /** What commands read as standard input; tests replace it. */
    static final ThreadLocal<InputStream> STDIN = ThreadLocal.withInitial(() -> System.in);

    public static void main(String[] args) {
        Preload.start(args);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(Stdin.of(System.in), out, err, args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // the input limits are there so that no input can cause these: if one does, it is a bug, said in a line
            err.println("internal error: " + e + "; this is a bug in cni-advisor: please report it with the input "
                    + "that caused it");
            code = ExitCode.INTERNAL_ERROR.code();
        }
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Nothing here calls System.exit, so tests can call it. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        STDIN.set(in);
        try {
            ConfigFile config;
            try {
                config = ConfigFile.load(args, java.nio.file.Path.of(""));
            } catch (CliException e) {
                e.lines().forEach(err::println);
                return e.exitCode().code();
            }
            CONFIG.set(config);
            CommandLine cli = commandLine(out, err, args);
            cli.setDefaultValueProvider(config);
            return cli.execute(args);
        } finally {
            STDIN.remove();
            CONFIG.remove();
            out.flush();
            err.flush();
        }
    }

    /**
     * The command line for these arguments. When they name a command, only that command's model is built: picocli
     * builds every model it is given up front, by reflection, and a one-shot run should not pay for five. Otherwise
     * (help, a typo to suggest for) all are added.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        for (Class<?> command : named != null ? List.of(named) : COMMANDS.values()) {
            cli.addSubcommand(command);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true); // help follows the terminal's width (80 when it cannot tell) ...
        helpWidthFromColumns(cli); // ... unless COLUMNS says otherwise, as for the text report
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::executionError);
        listExitCodes(cli);
        return cli;
    }

    /**
     * The exit codes each command can return, and what 0 means for it; a command not listed (the top level) lists
     * them all. Sub-commands of rules share the rules entry.
     */
    private static final List<ExitCode> ADVICE_CODES = List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR,
            ExitCode.USAGE_ERROR, ExitCode.RULES_ERROR, ExitCode.NO_FIT, ExitCode.FINDINGS, ExitCode.INTERRUPTED);
    private static final List<ExitCode> RULES_CODES = List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR,
            ExitCode.USAGE_ERROR, ExitCode.RULES_ERROR, ExitCode.INTERRUPTED);
    private static final List<ExitCode> PRINT_CODES = List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR,
            ExitCode.USAGE_ERROR);
    private static final Map<String, List<ExitCode>> EXIT_CODES = Map.of(
            "advise", ADVICE_CODES, "ask", ADVICE_CODES, "plan", ADVICE_CODES, "batch", ADVICE_CODES,
            "assess", ADVICE_CODES, "rules", RULES_CODES,
            "rules test", List.of(ExitCode.OK, ExitCode.INTERNAL_ERROR, ExitCode.USAGE_ERROR, ExitCode.RULES_ERROR,
                    ExitCode.TESTS_FAILED, ExitCode.INTERRUPTED),
            "schema", PRINT_CODES, "completion", PRINT_CODES, "config", PRINT_CODES);

    /** What 0 means, per command. */
    private static final Map<String, String> SUCCESS = Map.of(
            "batch", "every request got a recommendation and no finding is at or above --fail-on",
            "assess", "every cluster was assessed and no finding is at or above --fail-on",
            "rules", "every check and scenario passed",
            "schema", "the schema was written",
            "completion", "the script was written",
            "config", "the configuration was shown");

    /** Every command's --help ends with the exit codes it can return, from the one list in {@link ExitCode}. */
    private static void listExitCodes(CommandLine cli) {
        String path = cli.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ?", "");
        String top = path.split(" ")[0];
        List<ExitCode> codes = EXIT_CODES.getOrDefault(path, EXIT_CODES.getOrDefault(top,
                List.of(ExitCode.values())));
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode code : codes) {
            String text = code == ExitCode.OK && SUCCESS.containsKey(top) ? SUCCESS.get(top)
                    : code == ExitCode.OK && EXIT_CODES.containsKey(top) ? "a recommendation was made and no finding "
                    + "is at or above --fail-on" : code.description();
            list.put(Integer.toString(code.code()), text);
        }
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
        cli.getSubcommands().values().forEach(Main::listExitCodes);
    }

    /** An exported COLUMNS sets the help width, as it sets the text report's (picocli takes 55 at least). */
    private static void helpWidthFromColumns(CommandLine cli) {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[0-9]{1,4}") && Integer.parseInt(columns) > 0) {
            cli.setUsageHelpAutoWidth(false);
            cli.setUsageHelpWidth(Math.max(55, Integer.parseInt(columns)));
        }
    }

    /** A bad option or argument: the error and a pointer to --help, not the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage() + didYouMean(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.USAGE_ERROR.code();
    }

    private static final java.util.regex.Pattern CHOICE = java.util.regex.Pattern.compile(
            "expected one of \\[(.*)] \\(case-insensitive\\) but was '(.*)'$");

    /** "; did you mean 'json'?" for a choice value with a typo, as request files get; else "". */
    static String didYouMean(String message) {
        java.util.regex.Matcher choice = message == null ? null : CHOICE.matcher(message);
        if (choice == null || !choice.find()) {
            return "";
        }
        return Suggestions.closest(choice.group(2), List.of(choice.group(1).split(", ")))
                .map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CliException cli) {
            cli.lines().forEach(err::println);
            return cli.exitCode().code();
        }
        if (e instanceof RuleAuthorException rule) {
            err.println("error: " + DisplayPath.inProblem(rule.describe()));
            err.println("  This is a mistake in the rules, not in the request: fix the rule, then run "
                    + "'cni-advisor rules check' and 'cni-advisor rules test'.");
            return ExitCode.RULES_ERROR.code();
        }
        err.println("internal error: " + e + "; this is a bug in cni-advisor: please report it with the input "
                + "that caused it");
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("cniadvisor.")) {
                err.println("  at " + frame);
                break;
            }
        }
        return ExitCode.INTERNAL_ERROR.code();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
