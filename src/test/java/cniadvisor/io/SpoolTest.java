package cniadvisor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpoolTest {

    private static List<Path> spoolFiles() throws Exception {
        String mine = "cni-advisor-spool-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith(mine)).toList();
        }
    }

    @Test
    void whatWasSpooledComesBackWhole() throws Exception {
        StringWriter out = new StringWriter();
        try (Spool spool = new Spool()) {
            for (int i = 0; i < 20_000; i++) {
                spool.writer().write("row " + i + " \ud83d\ude80 é\n");
            }
            spool.writer().write("lone \ud800 end\n");
            spool.copyTo(out);
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals(20_001, lines.size());
        assertEquals("row 19999 \ud83d\ude80 é", lines.get(19_999));
        assertEquals("lone \ufffd end", lines.get(20_000));
    }

    /** Its name is gone while it is in use, so a process killed meanwhile leaves nothing in the temporary folder. */
    @Test
    void theSpoolHasNoNameInTheTemporaryFolderEvenWhileOpen() throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "Windows deletes it when its handle closes");
        try (Spool spool = new Spool()) {
            spool.writer().write("x".repeat(100_000));
            spool.writer().flush();
            assertEquals(List.of(), spoolFiles());
        }
        assertEquals(List.of(), spoolFiles());
    }
}
