package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code config}: the configuration file in effect, each value it sets and where it came from. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the configuration file in use (--config FILE, else .cni-advisor.yaml here or in a parent "
                        + "folder, else ~/.config/cni-advisor/config.yaml) and each default it sets, with its "
                        + "origin. Options given on the command line win over it.",
                "",
                "Examples:",
                "  cni-advisor config",
                "  cni-advisor config --config team.yaml",
                ""})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigFile config = Main.CONFIG.get();
        out.println("file: " + (config.file() == null ? "none (looked for --config, " + ConfigFile.FILE_NAME
                + " here and in parent folders, ~/.config/cni-advisor/config.yaml)" : config.file()));
        for (ConfigFile.Setting s : config.settings()) {
            out.println((s.command() == null ? "" : s.command() + ".") + s.key() + ": " + s.value() + "  (from "
                    + s.origin() + ")");
        }
        TreeSet<String> unset = new TreeSet<>(ConfigFile.KEYS);
        config.settings().stream().filter(s -> s.command() == null).forEach(s -> unset.remove(s.key()));
        out.println("not set (each command's default): " + String.join(", ", unset));
        out.flush();
        return ExitCode.OK.code();
    }
}
