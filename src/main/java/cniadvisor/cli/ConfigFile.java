package cniadvisor.cli;

import cniadvisor.io.ExitCode;
import cniadvisor.io.InputLimits;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defaults for options from a YAML file, so a team sets its rules folders, facts, output format and fail-on level
 * once: {@code --config FILE}; else {@code .cni-advisor.yaml} in the working directory or the nearest parent that has
 * one; else {@code $XDG_CONFIG_HOME/cni-advisor/config.yaml} ({@code ~/.config/...}). Top-level keys apply to every
 * command that has the option; a section named after a command ({@code batch:}, {@code assess:}) overrides them for
 * it. What the command line gives wins over both. {@code cni-advisor config} prints the effective values and where
 * each came from.
 *
 * <pre>
 * rules: [bundled, org-rules]
 * fail-on: warning
 * batch:
 *   output: csv
 * </pre>
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    /** The keys a file may set: option names without their dashes. */
    static final Set<String> KEYS = Set.of("rules", "facts", "output", "fail-on", "threads", "cache", "headroom",
            "address-space");
    static final String FILE_NAME = ".cni-advisor.yaml";

    /** Built only when a file is found: most runs have none, and start-up should not pay for a YAML parser. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = InputLimits.yaml(InputLimits.LINE_CHARS, InputLimits.REQUEST_FILE_BYTES);
    }

    /** One value and where it came from. */
    record Setting(String key, String command, String value, String origin) {
    }

    private final Path file;
    private final Map<String, Setting> settings;

    private ConfigFile(Path file, Map<String, Setting> settings) {
        this.file = file;
        this.settings = settings;
    }

    static ConfigFile none() {
        return new ConfigFile(null, Map.of());
    }

    /** The file in use, or null. */
    Path file() {
        return file;
    }

    List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    /**
     * The configuration for these arguments: the file {@code --config} names, else the first one found.
     *
     * @throws CliException the file is missing (when named), unreadable, or has a key or value not allowed
     */
    static ConfigFile load(String[] args, Path workingDir) {
        Path named = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                named = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                named = Path.of(args[i].substring("--config=".length()));
            }
        }
        if (named != null) {
            if (!Files.isRegularFile(named)) {
                throw new CliException(ExitCode.USAGE_ERROR, "error: --config " + named
                        + ": no such file");
            }
            return read(named);
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path home = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        Path user = home.resolve("cni-advisor").resolve("config.yaml");
        return Files.isRegularFile(user) ? read(user) : none();
    }

    private static ConfigFile read(Path file) {
        JsonNode root;
        try {
            byte[] bytes = Files.readAllBytes(file);
            root = bytes.length == 0 ? null : Yaml.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CliException(ExitCode.USAGE_ERROR, "error: " + file + (line > 0 ? ":" + line : "")
                    + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE_ERROR, "error: " + file + ": cannot read: "
                    + e.getMessage());
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (root != null && !root.isObject()) {
            problems.add("error: " + file + ": expected keys (" + String.join(", ", new java.util.TreeSet<>(KEYS))
                    + ") and command sections");
        } else if (root != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> sub = entry.getValue().fields(); sub.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = sub.next();
                        add(settings, problems, file, entry.getKey(), e.getKey(), e.getValue());
                    }
                } else {
                    add(settings, problems, file, null, entry.getKey(), entry.getValue());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.USAGE_ERROR, problems);
        }
        return new ConfigFile(file, settings);
    }

    private static void add(Map<String, Setting> settings, List<String> problems, Path file, String command,
                            String key, JsonNode value) {
        String where = "error: " + file + ": " + (command == null ? "" : command + ".") + key;
        if (!KEYS.contains(key)) {
            problems.add(where + ": unknown key; allowed: " + String.join(", ", new java.util.TreeSet<>(KEYS))
                    + ", under the top level or a command's name");
            return;
        }
        String text;
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            if (items.stream().anyMatch(i -> i.contains(","))) {
                problems.add(where + ": a list item holds ',' (folders are separated by ',')");
                return;
            }
            text = String.join(",", items);
        } else if (value.isValueNode() && !value.isNull()) {
            text = value.asText();
        } else {
            problems.add(where + ": expected a value or a list of values");
            return;
        }
        settings.put((command == null ? "" : command + " ") + key, new Setting(key, command, text, file.toString()));
    }

    /** The file's value for an option of a command: the command's section first, then the top level. */
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option) || settings.isEmpty()) {
            return null;
        }
        String key = option.longestName().replaceFirst("^--", "");
        if (!KEYS.contains(key)) {
            return null;
        }
        String command = option.command() == null ? null : option.command().name();
        Setting own = command == null ? null : settings.get(command + " " + key);
        Setting top = settings.get(key);
        return own != null ? own.value() : top != null ? top.value() : null;
    }
}
