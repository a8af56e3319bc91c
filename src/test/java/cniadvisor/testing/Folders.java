package cniadvisor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Copies of the bundled rules/ and facts/ folders that a test may break without touching the originals. */
public final class Folders {

    private Folders() {
    }

    /** Copies the files of {@code source} (not sub-folders) into {@code target}; returns {@code target}. */
    public static Path copy(Path source, Path target) {
        return copy(source, target, UnaryOperator.identity());
    }

    /** As {@link #copy(Path, Path)}, giving each file the name {@code rename} makes of its original name. */
    public static Path copy(Path source, Path target, UnaryOperator<String> rename) {
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Files.copy(file, target.resolve(rename.apply(file.getFileName().toString())));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} in the file, failing when it is not there. */
    public static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            int at = text.indexOf(from);
            if (at < 0) {
                throw new AssertionError(file + " no longer contains: " + from);
            }
            Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based number of the first line of the file that contains {@code text}. */
    public static int lineOf(Path file, String text) {
        try {
            var lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(file + " has no line containing: " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
