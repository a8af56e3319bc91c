package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import cniadvisor.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default text report of {@code advise}, through the real entry point: its width (COLUMNS, else the terminal's,
 * else not wrapped), its colours (only on a terminal, never with NO_COLOR or --no-color), the order of its sections,
 * and what --details adds.
 */
class TextReportTest {

    private static final String AS_OF = "2026-11-21";
    private static final String PAYMENTS = "examples/requests/payments.yaml";
    private static final String WINDOWS_2019 = "examples/requests/windows-2019.yaml";
    private static final String ESC = "\u001B";

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.EXAMPLES.resolve("requests"))) {
            return files.sorted().toList().stream();
        }
    }

    /** advise on a file, seeing {@code env} as its environment and standard output as a terminal or not. */
    private static CliRun advise(Map<String, String> env, boolean terminal, int terminalColumns, String file,
                                 String... options) {
        List<String> args = new ArrayList<>(List.of("advise", "-f", file, "--as-of", AS_OF));
        args.addAll(List.of(options));
        try (Terminals.Pretend pretend = Terminals.pretend(env, terminal, terminalColumns)) {
            return CliRun.run(args.toArray(String[]::new));
        }
    }

    private static CliRun piped(String file, String... options) {
        return advise(Map.of(), false, 0, file, options);
    }

    private static CliRun atColumns(int columns, String file, String... options) {
        return advise(Map.of("COLUMNS", Integer.toString(columns)), false, 0, file, options);
    }

    // ---- width ----

    /**
     * Property, over every example, short and detailed, at 40, 60, 80 and 120 columns: no line is longer than the
     * width unless it is one word that cannot break (in the commands, one word and its {@code \}), and the words are
     * those of the unwrapped report, whole and in order: no rule id, CIDR, flag or URL was split.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void noLineIsLongerThanTheWidthUnlessItIsOneWord(Path example) {
        for (String details : List.of("", "--details")) {
            String[] options = details.isEmpty() ? new String[0] : new String[] {details};
            CliRun unwrapped = piped(example.toString(), options);
            List<String> words = words(unwrapped.out());
            for (int width : List.of(40, 60, 80, 120)) {
                CliRun run = atColumns(width, example.toString(), options);
                assertEquals(unwrapped.exitCode(), run.exitCode(), run::toString);
                for (String line : run.out().lines().toList()) {
                    String body = line.strip();
                    String word = body.endsWith(" \\") ? body.substring(0, body.length() - 2) : body;
                    assertTrue(line.length() <= width || !word.contains(" ") || unbreakableShellWord(word),
                            () -> example + " at " + width + " columns " + details + ": " + line.length() + ": "
                                    + line + "\n" + run.out());
                }
                assertEquals(words, words(run.out()), () -> example + " at " + width + ": words split or lost");
            }
        }
    }

    /** A single-quoted shell word (a resource id) holds its own spaces. */
    private static boolean unbreakableShellWord(String word) {
        return word.startsWith("'") && word.endsWith("'");
    }

    /** The words of a report, leaving out what wrapping adds: a command's "\" and a comment's "#". */
    private static List<String> words(String report) {
        return List.of(report.strip().split("\\s+")).stream().filter(w -> !w.equals("\\") && !w.equals("#"))
                .toList();
    }

    @Test
    void columnsIsHonouredAndAnUnusableOneIsIgnored() {
        CliRun fifty = atColumns(50, PAYMENTS);
        assertTrue(fifty.out().lines().allMatch(l -> l.length() <= 50), fifty::toString);
        assertTrue(fifty.out().lines().anyMatch(l -> l.length() > 40), "wrapped at 50, not less: " + fifty);

        CliRun unwrapped = piped(PAYMENTS);
        assertTrue(unwrapped.out().lines().anyMatch(l -> l.length() > 120), "piped: not wrapped");
        for (String bad : List.of("abc", "0", "-5", "")) {
            assertEquals(unwrapped.out(), advise(Map.of("COLUMNS", bad), false, 0, PAYMENTS).out(),
                    "COLUMNS=" + bad);
        }
        // narrower than 20 columns is laid out at 20
        CliRun tiny = atColumns(5, PAYMENTS);
        assertEquals(atColumns(20, PAYMENTS).out(), tiny.out());
    }

    @Test
    void onATerminalTheTerminalsWidthUnlessColumnsIsSet() {
        CliRun terminal = advise(Map.of(), true, 70, PAYMENTS, "--no-color");
        assertEquals(atColumns(70, PAYMENTS).out(), terminal.out());
        CliRun columns = advise(Map.of("COLUMNS", "100"), true, 70, PAYMENTS, "--no-color");
        assertEquals(atColumns(100, PAYMENTS).out(), columns.out());
    }

    // ---- colour ----

    @Test
    void colouredOnlyOnATerminalWithoutNoColorOrNoColorOption() {
        CliRun terminal = advise(Map.of(), true, 80, WINDOWS_2019);
        assertTrue(terminal.out().contains(ESC + "[1;31mERROR:" + ESC + "[0m"), terminal::toString);
        assertTrue(terminal.out().contains(ESC + "[1;32mRECOMMENDED" + ESC + "[0m"), terminal::toString);
        assertEquals(noEscapes(terminal.out()), advise(Map.of(), true, 80, WINDOWS_2019, "--no-color").out(),
                "the same report, without colour");

        assertFalse(piped(WINDOWS_2019).out().contains(ESC), "piped");
        assertFalse(advise(Map.of("NO_COLOR", "1"), true, 80, WINDOWS_2019).out().contains(ESC), "NO_COLOR=1");
        assertFalse(advise(Map.of("NO_COLOR", ""), true, 80, WINDOWS_2019).out().contains(ESC), "NO_COLOR empty");
        assertFalse(advise(Map.of(), true, 80, WINDOWS_2019, "--no-color").out().contains(ESC), "--no-color");
        assertFalse(advise(Map.of("TERM", "dumb"), true, 80, WINDOWS_2019).out().contains(ESC), "TERM=dumb");
        assertFalse(advise(Map.of(), true, 80, WINDOWS_2019, "-o", "json").out().contains(ESC), "JSON");
        assertFalse(advise(Map.of(), true, 80, WINDOWS_2019).err().contains(ESC), "stderr");
    }

    private static String noEscapes(String text) {
        return text.replaceAll(ESC + "\\[[0-9;]*m", "");
    }

    // ---- content and order ----

    @Test
    void sectionsComeInTheOrderAReaderNeedsThem() throws IOException {
        // an error (Windows Server 2019) and a warning (a kubenet cluster to migrate) in one request
        Path request = Files.createTempFile("errors-and-warnings", ".yaml");
        try {
            Files.writeString(request, """
                    name: both
                    nodeCount: 20
                    windowsNodePools: true
                    windowsServerVersion: "2019"
                    currentPlugin: kubenet
                    """);
            CliRun run = piped(request.toString());
            String out = run.out();
            List<Integer> at = Stream.of("RECOMMENDED  ", "\nErrors and warnings\n", "\n  ERROR: ", "\n  WARNING: ",
                    "\nAddress ranges (", "\nCreate it (paste into bash)\n", "\nWhy not the others\n",
                    "\nMore with --details: ").map(out::indexOf).toList();
            assertTrue(at.stream().allMatch(i -> i >= 0), () -> at + "\n" + run);
            assertEquals(at.stream().sorted().toList(), at, run::toString);
            assertTrue(out.lines().toList().get(1).startsWith("Key: + for, - against, ~ narrows the setup, "
                    + "x rules the option out, * note"), run::toString);
        } finally {
            Files.deleteIfExists(request);
        }
    }

    @Test
    void onlyErrorsOrOnlyWarningsAreHeadedSo() {
        assertTrue(piped(WINDOWS_2019).out().contains("\nErrors\n  ERROR: Windows Server 2019 has been "
                + "unsupported since 2026-03-01"));
        CliRun warnings = piped("examples/requests/legacy-kubenet-migration.yaml");
        assertTrue(warnings.out().contains("\nWarnings\n  WARNING: "), warnings::toString);
        assertFalse(piped(PAYMENTS).out().contains("\nWarnings\n"));
    }

    @Test
    void detailsShowTheArithmeticAndTheSourcesTheShortFormDoesNot() {
        String brief = piped(PAYMENTS).out();
        String details = piped(PAYMENTS, "--details").out();

        for (String detail : List.of("\nSizing per option (the arithmetic)\n",
                "node subnet: (60 nodes + 3 surge) x 1 node IP = 63 addresses; smallest /25",
                "\nNotes\n  INFO: AKS's default service CIDR 10.0.0.0/16 overlaps the connected network",
                "  INFO: One-way door: max pods per node is set when a node pool is created",
                "\nSources\n  [aks-kubenet-retirement] Kubenet deprecation announcement",
                ", as of 2026-04-16\n      https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning",
                "[PREF-OVERLAY-GENERAL; learn-plan-pod-networking, learn-cni-overview]",
                // an eligible option's reasons in favour
                "eligible  Azure CNI Pod Subnet (score 35, recommended 85; best with cilium data plane, cilium "
                        + "policy)\n    + Any policy engine will do")) {
            assertTrue(details.contains(detail), () -> "details hold " + detail + "\n" + details);
            assertFalse(brief.contains(detail), () -> "the short form leaves out " + detail + "\n" + brief);
        }
        assertFalse(brief.contains("https://"), brief);
        assertTrue(brief.contains("[PREF-OVERLAY-GENERAL]"), brief);
        assertTrue(brief.endsWith("More with --details: every option's reasons, the sizing arithmetic, 4 notes and "
                + "the 10 sources with their dates.\n"), brief);
        assertFalse(details.contains("More with --details"), details);
        // both hold the recommendation, the ranges and the commands
        for (String both : List.of("RECOMMENDED  Azure CNI Overlay, cilium data plane, cilium network policy",
                "  service CIDR    10.1.0.0/16        proposed, instead of 10.0.0.0/16",
                "  # Set these first: RESOURCE_GROUP VNET_NAME\n  # Node subnet for nodepool1 (given)\n",
                "    --vnet-subnet-id \"$NODE_SUBNET_ID\"\n")) {
            assertTrue(brief.contains(both) && details.contains(both), both);
        }
        assertEquals(details, piped(PAYMENTS, "-v").out(), "-v is --details");
    }

    @Test
    void theShortFormShowsTheTopReasonsAndSaysHowManyMore() {
        String out = piped(WINDOWS_2019).out();
        // what favours it comes first, then what narrowed its setup; the note waits for --details
        assertTrue(out.contains("RECOMMENDED  Azure CNI Overlay, azure data plane, calico network policy\n"
                + "  + Microsoft's general recommendation is Azure CNI Overlay"), out);
        assertTrue(out.contains("\n  (1 more with --details)\n"), out);
        assertFalse(out.contains("SCALE-WINDOWS-DEFAULT-MAX-PODS"), out);
        // why not the others: what excludes an option, what counts against an eligible one
        assertTrue(out.contains("  excluded  Kubenet (legacy)\n    x Windows node pools: kubenet is not supported"),
                out);
        assertTrue(out.contains("    - Azure CNI Node Subnet is the legacy flat option"), out);
        assertFalse(out.contains("    ~ Windows node pools: dataplane:cilium"), out);
    }

    @Test
    void jsonAndYamlAreTheSameWithOrWithoutTheTextOptions() {
        for (String format : List.of("json", "yaml", "markdown")) {
            CliRun plain = piped(PAYMENTS, "-o", format);
            assertEquals(plain.out(), advise(Map.of("COLUMNS", "40"), true, 40, PAYMENTS, "-o", format,
                    "--details", "--no-color").out(), format);
        }
    }

    @Test
    void explainFollowsTheLayoutToo() {
        CliRun run = atColumns(60, WINDOWS_2019, "--explain");
        assertTrue(run.out().contains("\nExplain: the rules that fired, in firing order (#n counts\n  every firing)\n"),
                run::toString);
        assertTrue(run.out().lines().allMatch(l -> l.length() <= 60 || !l.strip().contains(" ")), run::toString);
    }

    @Test
    void helpNamesTheOptions() {
        CliRun help = CliRun.run("advise", "--help");
        assertTrue(help.out().contains("-v, --details"), help::toString);
        assertTrue(help.out().contains("--no-color"), help::toString);
    }

    /** The README's sample is the real report at 80 columns, not a hand-written one. */
    @Test
    void theReadmeShowsTheReportAt80Columns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int intro = readme.indexOf("On an 80-column terminal it prints this");
        assertTrue(intro >= 0, "the README introduces its sample");
        int start = readme.indexOf("```\n", intro) + 4;
        String sample = readme.substring(start, readme.indexOf("```\n", start));
        assertEquals(atColumns(80, PAYMENTS).out(), sample, "regenerate the README's sample: COLUMNS=80 ./cni-advisor"
                + " advise -f " + PAYMENTS + " --as-of " + AS_OF);
    }

    // ---- a real terminal ----

    /**
     * The tool as a separate process on a pseudo-terminal ({@code script} from util-linux) of 50 columns: it finds
     * the width with stty and colours; with NO_COLOR, or piped, it does not. Skipped where {@code script} is missing.
     */
    @Test
    void onARealTerminal() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/script").canExecute() || new File("/bin/script").canExecute(),
                "no script(1) to give the process a terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "stty cols 50 rows 40; exec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' cniadvisor.cli.Main advise -f " + PAYMENTS + " --as-of " + AS_OF;

        String coloured = run(List.of("script", "-qec", command, "/dev/null"), Map.of());
        assertTrue(coloured.contains(ESC + "[1;32mRECOMMENDED"), coloured);
        List<String> lines = noEscapes(coloured).lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.length() <= 50), coloured);
        assertTrue(lines.stream().anyMatch(l -> l.length() > 40), coloured);

        String noColor = run(List.of("script", "-qec", command, "/dev/null"), Map.of("NO_COLOR", "1"));
        assertFalse(noColor.contains(ESC), noColor);
        assertEquals(noEscapes(coloured), noColor);

        String piped = run(List.of("bash", "-c", command.replace("stty cols 50 rows 40; ", "")), Map.of());
        assertFalse(piped.contains(ESC), piped);
        assertTrue(piped.lines().anyMatch(l -> l.length() > 120), "piped: not wrapped");
    }

    /** Runs a command with stdin from /dev/null, COLUMNS and NO_COLOR unset but for {@code env}; its stdout. */
    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.remove("COLUMNS");
        environment.remove("NO_COLOR");
        environment.putAll(new HashMap<>(env));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the tool did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
