package cniadvisor.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the advisor loads its rules and facts from. {@code cacheDir} holds compiled rule bases between runs
 * (null: no cache); {@code maxFirings} stops a looping rule set.
 */
public record AdvisorConfig(List<Path> ruleDirs, Path factsDir, Path cacheDir, int maxFirings) {

    public static final int DEFAULT_MAX_FIRINGS = 10_000;

    public AdvisorConfig {
        ruleDirs = List.copyOf(ruleDirs);
    }
}
