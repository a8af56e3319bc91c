package cniadvisor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBaseCacheTest {

    @TempDir
    Path dir;

    private static final String RULE = """
            package org.rules;
            import cniadvisor.model.*;
            global cniadvisor.engine.Verdict verdict;
            rule "Big clusters"
                @id("ORG-BIG") @source("learn-quotas")
            when
                Request( nodeCount > %d )
            then
                verdict.info(kcontext, "big");
            end
            """;

    private Path rulesWith(int nodes) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("org.drl"), RULE.formatted(nodes));
        return rules;
    }

    private static long entries(Path cache) throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".kpkgs")).count();
        }
    }

    @Test
    void theSameFilesGiveTheRuleBaseThisJvmLoadedAndOneEntryOnDisk() throws Exception {
        Path cache = dir.resolve("cache");
        Path rules = rulesWith(100);

        RuleBase first = RuleBaseCache.compile(List.of(rules), cache);
        RuleBase again = RuleBaseCache.compile(List.of(rules), cache);

        assertSame(first, again);
        assertEquals(1, entries(cache));
        assertTrue(first.rulesByName().containsKey("org.rules.Big clusters"));
    }

    @Test
    void anEditedRuleFileIsCompiledAgain() throws Exception {
        Path cache = dir.resolve("cache");
        RuleBase before = RuleBaseCache.compile(List.of(rulesWith(100)), cache);

        RuleBase after = RuleBaseCache.compile(List.of(rulesWith(200)), cache);

        assertNotSame(before, after);
        assertEquals(2, entries(cache));
    }

    @Test
    void afterForgettingTheLoadedOnesTheEntryOnDiskIsRead() throws Exception {
        Path cache = dir.resolve("cache");
        Path rules = rulesWith(100);
        RuleBase compiled = RuleBaseCache.compile(List.of(rules), cache);
        Path entry;
        try (Stream<Path> files = Files.list(cache)) {
            entry = files.findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.fromMillis(0));
        RuleBaseCache.forgetLoaded();

        RuleBase read = RuleBaseCache.compile(List.of(rules), cache);

        assertNotSame(compiled, read);
        assertEquals(compiled.rulesByName().keySet(), read.rulesByName().keySet());
        assertEquals(0, Files.getLastModifiedTime(entry).toMillis(), "read, not written again");
    }

    @Test
    void aDamagedEntryIsCompiledAgainAndRewritten() throws Exception {
        Path cache = dir.resolve("cache");
        Path rules = rulesWith(100);
        RuleBaseCache.compile(List.of(rules), cache);
        Path entry;
        try (Stream<Path> files = Files.list(cache)) {
            entry = files.findFirst().orElseThrow();
        }
        Files.writeString(entry, "not a rule base");
        RuleBaseCache.forgetLoaded();

        RuleBase rebuilt = RuleBaseCache.compile(List.of(rules), cache);

        assertTrue(rebuilt.rulesByName().containsKey("org.rules.Big clusters"));
        assertTrue(Files.size(entry) > "not a rule base".length(), "the entry is written again");
    }

    @Test
    void withoutACacheDirectoryEveryCallCompiles() throws Exception {
        Path rules = rulesWith(100);

        assertNotSame(RuleBaseCache.compile(List.of(rules), null), RuleBaseCache.compile(List.of(rules), null));
    }
}
