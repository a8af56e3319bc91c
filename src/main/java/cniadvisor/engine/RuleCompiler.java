package cniadvisor.engine;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Compiles the DRL files of one or more rule folders with the classic KieBuilder, so errors point at the author's
 * file and line. Files are added in a fixed order (folder order, then path), and all problems are reported together.
 */
public final class RuleCompiler {

    private static final String KFS_ROOT = "src/main/resources/";
    private static final AtomicLong COMPILES = new AtomicLong();

    private RuleCompiler() {
    }

    public static RuleBase compile(List<Path> ruleDirs) throws RuleLoadException {
        Map<String, Path> drlFiles = collect(ruleDirs);
        KieServices ks = KieServices.Factory.get();
        // Drools keeps built modules in one JVM-wide repository, by release id. Under the shared default id, two
        // compiles at once (the preload and a command's own --rules) could each get the other's rules.
        ReleaseId releaseId = ks.newReleaseId("cniadvisor.rules", "rules-" + COMPILES.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        drlFiles.forEach((kfsPath, file) -> kfs.write(KFS_ROOT + kfsPath, ks.getResources().newFileSystemResource(file.toFile())));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();

        List<String> problems = new ArrayList<>();
        CompileMessages messages = new CompileMessages(drlFiles);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String problem = messages.format(m);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        KieBase kieBase;
        try {
            kieBase = ks.newKieContainer(releaseId).getKieBase();
        } finally {
            // only the KieBase is kept: left in the repository, every compile's module would stay reachable
            ks.getRepository().removeKieModule(releaseId);
        }
        return describe(kieBase, drlFiles);
    }

    static RuleBase describe(KieBase kieBase, Map<String, Path> drlFiles) throws RuleLoadException {
        Map<String, RuleMeta> rules = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String key = pkg.getName() + "." + rule.getName();
                rules.put(key, RuleMeta.of(pkg.getName(), rule.getName(), rule.getMetaData()));
                files.put(key, userPath(rule, drlFiles));
            }
        }
        if (rules.isEmpty()) {
            throw new RuleLoadException(List.of("no rules found in " + drlFiles.values()));
        }
        return new RuleBase(kieBase, rules, files);
    }

    /** The DRL files of every folder, keyed by the path they get in the KieFileSystem ("r0/eligibility.drl"). */
    static Map<String, Path> collect(List<Path> ruleDirs) throws RuleLoadException {
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ruleDirs.size(); i++) {
            Path dir = ruleDirs.get(i);
            if (!Files.isDirectory(dir)) {
                problems.add(dir + ": rules folder not found");
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    files.put("r" + i + "/" + dir.relativize(file).toString().replace('\\', '/'), file);
                }
            } catch (IOException e) {
                problems.add(dir + ": cannot read: " + e.getMessage());
            }
            if (files.keySet().stream().noneMatch(k -> k.startsWith("r" + ruleDirs.indexOf(dir) + "/"))) {
                problems.add(dir + ": no *.drl files");
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return files;
    }

    private static String userPath(Rule rule, Map<String, Path> drlFiles) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            String source = impl.getResource().getSourcePath();
            for (Map.Entry<String, Path> e : drlFiles.entrySet()) {
                if (source.endsWith(e.getKey())) {
                    return e.getValue().toString();
                }
            }
            return source;
        }
        return "?";
    }
}
