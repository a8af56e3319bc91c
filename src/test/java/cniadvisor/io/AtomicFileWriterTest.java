package cniadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    private List<String> files() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theTargetAppearsOnlyWhenCommitted() throws Exception {
        Path target = dir.resolve("report.csv");
        try (AtomicFileWriter file = AtomicFileWriter.open(target)) {
            file.writer().write("a,b\n");
            file.writer().flush();
            assertFalse(Files.exists(target));
            file.commit();
        }

        assertEquals("a,b\n", Files.readString(target));
        assertEquals(List.of("report.csv"), files());
    }

    @Test
    void anExistingTargetIsReplacedWholeAndKeepsItsPermissions() throws Exception {
        Path target = Files.writeString(dir.resolve("report.csv"), "old report, much longer than the new one\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        try (AtomicFileWriter file = AtomicFileWriter.open(target)) {
            file.writer().write("new\n");
            file.commit();
        }

        assertEquals("new\n", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aRunThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path target = Files.writeString(dir.resolve("report.csv"), "old\n");
        try (AtomicFileWriter file = AtomicFileWriter.open(target)) {
            file.writer().write("half a rep");
            file.writer().flush();
            assertEquals(2, files().size());
        }

        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of("report.csv"), files());
    }
}
