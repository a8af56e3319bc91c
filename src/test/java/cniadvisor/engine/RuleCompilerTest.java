package cniadvisor.engine;

import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.KieRepository;
import org.kie.api.builder.ReleaseId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RuleCompilerTest {

    private static final String RULE = """
            package org.rules;
            import cniadvisor.model.*;
            global cniadvisor.engine.Verdict verdict;
            rule "%1$s"
                @id("%1$s") @source("learn-quotas")
            when
                Request( nodeCount > 100 )
            then
                verdict.info(kcontext, "big");
            end
            """;

    @TempDir
    Path dir;

    private Path rulesWith(String id) throws Exception {
        Path rules = Files.createDirectories(dir.resolve(id));
        Files.writeString(rules.resolve("org.drl"), RULE.formatted(id));
        return rules;
    }

    private static ReleaseId releaseId(RuleBase rules) {
        return ((InternalKnowledgeBase) rules.kieBase()).getResolvedReleaseId();
    }

    /**
     * Drools' repository of built modules is JVM-wide and keyed by release id: two compiles that shared an id could
     * each look up the other's module. Every compile, even of the same files, has an id of its own, and its module
     * leaves the repository once its KieBase is built.
     */
    @Test
    void everyCompileHasAReleaseIdOfItsOwnAndLeavesNothingInDroolsRepository() throws Exception {
        Path rules = rulesWith("ORG-BIG");

        ReleaseId first = releaseId(RuleCompiler.compile(List.of(rules)));
        ReleaseId second = releaseId(RuleCompiler.compile(List.of(rules)));

        KieRepository repository = KieServices.Factory.get().getRepository();
        assertNotEquals(first, second);
        assertNull(repository.getKieModule(first));
        assertNull(repository.getKieModule(second));
    }

    /**
     * The race itself, made likely. In a warm JVM a compile's module sits in the repository for microseconds before
     * the compile looks it up (in a cold JVM long enough for the preload to swap rule sets about 1 run in 8). Here
     * another build keeps registering its module under Drools' default release id, which every compile once used.
     */
    @Test
    void aCompileKeepsItsOwnRulesWhileAnotherBuildRegistersUnderTheDefaultReleaseId() throws Exception {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem().write("src/main/resources/other.drl", RULE.formatted("OTHER"));
        KieModule other = ks.newKieBuilder(kfs).buildAll().getKieModule();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread otherBuild = new Thread(() -> {
            while (running.get()) {
                ks.getRepository().addKieModule(other);
            }
        });
        otherBuild.setDaemon(true);
        otherBuild.start();
        Path rules = rulesWith("ORG-BIG");
        try {
            for (int compile = 0; compile < 40; compile++) {
                assertEquals(Set.of("ORG-BIG"), RuleCompiler.compile(List.of(rules)).rulesById().keySet());
            }
        } finally {
            running.set(false);
            otherBuild.join();
            ks.getRepository().removeKieModule(other.getReleaseId());
        }
    }
}
