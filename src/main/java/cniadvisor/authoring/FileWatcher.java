package cniadvisor.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Waits for rule, facts or scenario files to change, by polling their modification times and sizes. Polling
 * rather than a WatchService: the folders hold a few dozen files, it sees files in new subfolders and editors'
 * save-by-rename, and it reacts as fast on macOS (where the JDK's WatchService itself polls every few seconds).
 * Only *.drl, *.yaml and *.yml count, so editor swap files do not trigger runs.
 */
public final class FileWatcher {

    private record Stamp(long modified, long size) {
    }

    private final List<Path> roots;
    private final Duration interval;
    private Map<Path, Stamp> snapshot;

    public FileWatcher(List<Path> roots, Duration interval) {
        this.roots = List.copyOf(roots);
        this.interval = interval;
        this.snapshot = scan();
    }

    /**
     * Blocks until something changes, then until nothing has changed for one more interval (an editor or a
     * {@code git checkout} writes several files), and returns the files that were added, changed or removed.
     */
    public List<Path> awaitChange() throws InterruptedException {
        Map<Path, Stamp> current;
        do {
            Thread.sleep(interval.toMillis());
            current = scan();
        } while (current.equals(snapshot));
        Map<Path, Stamp> settled = current;
        do {
            current = settled;
            Thread.sleep(interval.toMillis());
            settled = scan();
        } while (!settled.equals(current));
        List<Path> changed = new ArrayList<>();
        for (Path p : settled.keySet()) {
            if (!Objects.equals(settled.get(p), snapshot.get(p))) {
                changed.add(p);
            }
        }
        for (Path p : snapshot.keySet()) {
            if (!settled.containsKey(p)) {
                changed.add(p);
            }
        }
        snapshot = settled;
        return changed;
    }

    private Map<Path, Stamp> scan() {
        Map<Path, Stamp> files = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(FileWatcher::watched).forEach(p -> {
                    try {
                        files.put(p, new Stamp(Files.getLastModifiedTime(p).toMillis(), Files.size(p)));
                    } catch (IOException e) {
                        // deleted between listing and reading: the next scan sees it gone
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // a folder removed mid-walk: the next scan sees the new state
            }
        }
        return files;
    }

    private static boolean watched(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && !name.startsWith(".")
                && (name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
