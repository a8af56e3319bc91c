package cniadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theTemporaryFileSaysWhoseItIs() throws Exception {
        Path target = dir.resolve("report.csv");
        try (AtomicFileWriter file = AtomicFileWriter.open(target)) {
            file.writer().write("a\n");
            file.writer().flush();
            List<String> names = files();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("\\.report\\.csv\\.cni-advisor-" + ProcessHandle.current().pid()
                    + "-[0-9a-z]+\\.tmp"), names.toString());
        }
        assertEquals(List.of(), files());
    }

    /** The process id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process done = new ProcessBuilder("true").start();
        assertTrue(done.waitFor(30, TimeUnit.SECONDS));
        return done.pid();
    }

    @Test
    void theNextRunRemovesWhatAKilledWriterLeftAndNothingElse() throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(dir.resolve(".report.csv.cni-advisor-" + dead + "-1a2b.tmp"), "half a report");
        Files.writeString(dir.resolve(".other.md.cni-advisor-" + dead + "-3c.tmp"), "half another report");
        Files.writeString(dir.resolve(".report.csv.cni-advisor-" + alive + "-4d.tmp"), "a live run's report");
        Files.writeString(dir.resolve(".report.csv.tmp"), "not ours");
        Files.writeString(dir.resolve("report.cni-advisor-" + dead + "-5e.tmp"), "not ours either");

        try (AtomicFileWriter file = AtomicFileWriter.open(dir.resolve("report.csv"))) {
            file.writer().write("new\n");
            file.commit();
        }

        assertEquals(List.of(".report.csv.cni-advisor-" + alive + "-4d.tmp", ".report.csv.tmp",
                "report.cni-advisor-" + dead + "-5e.tmp", "report.csv"), files());
    }

    private static boolean made(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aFifoIsWrittenDirectlyAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("report.fifo");
        assumeTrue(made("mkfifo", fifo.toString()), "mkfifo is not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (AtomicFileWriter file = AtomicFileWriter.open(fifo)) {
            file.writer().write("through the pipe\n");
            file.commit();
        }

        assertEquals("through the pipe\n", reader.get(30, TimeUnit.SECONDS));
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther(), "still a FIFO");
        assertEquals(List.of("report.fifo"), files());
    }

    @Test
    void aCharacterDeviceIsWrittenDirectlyAndStaysADevice() throws Exception {
        Path device = dir.resolve("null");
        // a null device of our own (mknod needs root): never /dev/null itself, which a bug would replace
        assumeTrue(made("mknod", device.toString(), "c", "1", "3"), "mknod is not permitted here");
        try (AtomicFileWriter file = AtomicFileWriter.open(device)) {
            file.writer().write("gone\n");
            file.commit();
        }

        assertTrue(Files.exists(device) && !Files.isRegularFile(device), "still a device");
        assertEquals(0, Files.size(device));
        assertEquals(List.of("null"), files());
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
        Path real = Files.writeString(dir.resolve("real.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        try (AtomicFileWriter file = AtomicFileWriter.open(link)) {
            file.writer().write("new\n");
            file.commit();
        }

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", Files.readString(real, StandardCharsets.UTF_8));
        assertEquals(List.of("link.csv", "real.csv"), files());
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsAReplacementCharacterNotAnError() throws Exception {
        Path target = dir.resolve("report.csv");
        try (AtomicFileWriter file = AtomicFileWriter.open(target)) {
            file.writer().write("lone \ud800 surrogate\n");
            file.commit();
        }
        assertEquals("lone \ufffd surrogate\n", Files.readString(target));
    }
}
