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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        return compile(collect(ruleDirs));
    }

    private static RuleBase compile(Map<String, Path> drlFiles) throws RuleLoadException {
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

    /**
     * The DRL files of every folder, keyed by the path they get in the KieFileSystem ("r0/eligibility.drl"). A
     * folder named *.drl is walked like any other; a *.drl that is a broken or looping link, or cannot be read, is a
     * problem with its path, as is a folder that cannot be listed.
     */
    static Map<String, Path> collect(List<Path> ruleDirs) throws RuleLoadException {
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ruleDirs.size(); i++) {
            Path dir = ruleDirs.get(i);
            if (!Files.isDirectory(dir)) {
                problems.add(dir + (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? ": not a folder of rules"
                        : ": rules folder not found"));
                continue;
            }
            String prefix = "r" + i + "/";
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                    if (Files.isDirectory(file)) {
                        continue;
                    }
                    String unusable = unusable(file);
                    if (unusable != null) {
                        problems.add(file + ": " + unusable);
                    } else {
                        files.put(prefix + dir.relativize(file).toString().replace('\\', '/'), file);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                problems.add(dir + ": cannot read the rules folder: " + describe(cause));
                continue;
            }
            if (files.keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
                problems.add(dir + ": no *.drl files");
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return files;
    }

    /** Why a *.drl path cannot be compiled, or null when it can. */
    private static String unusable(Path file) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            try {
                return "a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist or loops";
            } catch (IOException e) {
                return "a symbolic link that cannot be followed";
            }
        }
        if (!Files.isRegularFile(file)) {
            return "not a regular file";
        }
        if (!Files.isReadable(file)) {
            return "cannot be read (permission denied)";
        }
        return null;
    }

    /** An I/O failure in words, with the path Java puts in the exception's file name rather than its message. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The rule bases of the files that compile on their own, when the whole set does not: so that {@code rules
     * check} can still check the metadata of every file that compiles, in the same run as the compile errors.
     */
    public static List<RuleBase> compileEachFile(List<Path> ruleDirs) {
        List<RuleBase> compiled = new ArrayList<>();
        Map<String, Path> files;
        try {
            files = collect(ruleDirs);
        } catch (RuleLoadException e) {
            return compiled;
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            try {
                compiled.add(compile(Map.of(file.getKey(), file.getValue())));
            } catch (RuleLoadException | RuntimeException e) {
                // its errors are already among those of the whole set
            }
        }
        return compiled;
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
