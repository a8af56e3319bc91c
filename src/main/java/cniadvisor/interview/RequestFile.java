package cniadvisor.interview;

import cniadvisor.contract.ContractKey;
import cniadvisor.io.RequestBinder;
import cniadvisor.model.NamedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import cniadvisor.io.Mappers;
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

    /** The request file of {@code request}, with the questions of {@code binder}'s contract as comments. */
    public static String yaml(NamedRequest request, RequestBinder binder) {
        Map<String, Object> values = binder.contract().values(request);
        StringBuilder yaml = new StringBuilder()
                .append("# AKS network plugin requirements, written by 'cni-advisor ask'.\n")
                .append("# Get the advice again with: cni-advisor advise -f <this file>\n");
        for (ContractKey key : binder.contract().keys()) {
            if (key.key().equals("surgeNodes")) {
                continue; // maxSurge says it
            }
            Object value = values.get(key.key());
            yaml.append('\n').append("# ").append(key.question()).append('\n');
            if (value == null) {
                yaml.append("# ").append(key.key()).append(":\n");
            } else {
                yaml.append(entry(key.key(), Mappers.JSON.valueToTree(value)));
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
    public static void save(Path file, NamedRequest request, RequestBinder binder) throws IOException {
        Path target = file.toAbsolutePath();
        // created like any new file (the user's umask), unlike Files.createTempFile's owner-only permissions
        Path temp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(temp, yaml(request, binder), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
