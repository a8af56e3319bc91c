package cniadvisor.interview;

import cniadvisor.io.Mappers;
import cniadvisor.model.Request;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes a request as the YAML request file {@code advise -f} reads back to the same request: every key in
 * questionnaire order, each under its question as a comment, keys without a value commented out so they are easy
 * to fill in later.
 */
public final class RequestFile {

    private RequestFile() {
    }

    public static String yaml(Request request) {
        JsonNode values = Mappers.JSON.valueToTree(request);
        StringBuilder yaml = new StringBuilder()
                .append("# AKS network plugin requirements, written by 'cni-advisor ask'.\n")
                .append("# Get the advice again with: cni-advisor advise -f <this file>\n");
        for (Question question : Questions.ALL) {
            if (!question.requestKey()) {
                continue;
            }
            JsonNode value = values.get(question.key());
            yaml.append('\n').append("# ").append(question.prompt()).append('\n');
            if (value == null || value.isNull()) {
                yaml.append("# ").append(question.key()).append(":\n");
            } else {
                yaml.append(entry(question.key(), value));
            }
        }
        return yaml.toString();
    }

    /** One key and value, formatted (and quoted where YAML needs it) by the YAML mapper. */
    private static String entry(String key, JsonNode value) {
        try {
            return Mappers.YAML.writeValueAsString(Map.of(key, value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the file atomically: to a temporary file next to it, then renamed over it, so an interrupted save
     * leaves the old file or the new one, never half of one.
     */
    public static void save(Path file, Request request) throws IOException {
        Path target = file.toAbsolutePath();
        // created like any new file (the user's umask), unlike Files.createTempFile's owner-only permissions
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(temp, yaml(request), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
