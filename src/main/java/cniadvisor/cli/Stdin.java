package cniadvisor.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's standard input, as commands should read it. */
final class Stdin {

    private Stdin() {
    }

    /**
     * {@link System#in}, or an empty stream when the process was started with standard input closed ({@code <&-}).
     * Then file descriptor 0 is free, and the first file the JVM opens takes it: its own lib/modules, the jar, or
     * the class-data archive. Reading that as answers or as a request would feed the tool its own bytes. On Linux,
     * /proc says what descriptor 0 is; elsewhere the launcher gives a closed standard input /dev/null instead.
     */
    static InputStream of(InputStream systemIn) {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            if (isTheJvmsOwn(target)) {
                return InputStream.nullInputStream();
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc (not Linux): nothing to tell
        }
        return systemIn;
    }

    static boolean isTheJvmsOwn(Path target) {
        if (!target.isAbsolute()) {
            return false; // "pipe:[1234]", "socket:[...]": a real standard input
        }
        String javaHome = System.getProperty("java.home");
        if (javaHome != null && target.startsWith(Path.of(javaHome))) {
            return true;
        }
        if (target.getFileName() != null && target.getFileName().toString().endsWith(".jsa")) {
            return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && target.equals(Path.of(entry).toAbsolutePath().normalize())) {
                return true;
            }
        }
        return false;
    }
}
