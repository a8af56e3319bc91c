package cniadvisor.cli;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Starts loading the default rules and facts the moment the JVM starts, while picocli is still building its command
 * model (about a tenth of a second): a one-shot command that then asks for the same configuration gets the load
 * already under way. A command with other --rules, --facts or --no-cache simply does not use it.
 */
final class Preload {

    /** Commands that load an advisor; for others (--help, --version) nothing is started. */
    private static final Set<String> LOADING_COMMANDS = Set.of("advise", "plan", "ask", "batch", "assess");

    private static volatile AdvisorConfig config;
    private static volatile CompletableFuture<Advisor> loading;

    private Preload() {
    }

    static void start(String[] args) {
        if (args.length == 0 || !LOADING_COMMANDS.contains(args[0])) {
            return;
        }
        KnowledgeOptions defaults = new KnowledgeOptions();
        config = defaults.toConfig();
        loading = defaults.loadAdvisorAsync();
    }

    /** The load started for exactly this configuration, if there is one; it can be taken once. */
    static synchronized Optional<CompletableFuture<Advisor>> take(AdvisorConfig wanted) {
        if (loading == null || !wanted.equals(config)) {
            return Optional.empty();
        }
        CompletableFuture<Advisor> started = loading;
        loading = null;
        return Optional.of(started);
    }
}
