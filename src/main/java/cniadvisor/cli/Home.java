package cniadvisor.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the bundled rules/ and facts/ wherever the tool is run from: the CNI_ADVISOR_HOME variable (set by the
 * launcher), else the folder above the jar's target/ folder, else the working directory.
 */
final class Home {

    private Home() {
    }

    static Path locate() {
        String env = System.getenv("CNI_ADVISOR_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("rules")) && Files.isDirectory(dir.resolve("facts"))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no usable code location (unusual class loaders): fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
