package cniadvisor.cli;

import java.nio.file.Path;

/** Where compiled rule bases are cached: $CNI_ADVISOR_CACHE, else $XDG_CACHE_HOME/cni-advisor, else ~/.cache/cni-advisor. */
final class CacheDir {

    private CacheDir() {
    }

    static Path locate() {
        String explicit = System.getenv("CNI_ADVISOR_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("cni-advisor");
    }
}
