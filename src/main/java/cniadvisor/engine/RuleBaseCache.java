package cniadvisor.engine;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles rules, or loads the packages compiled by an earlier run with the same DRL files. Compiling takes most of
 * a cold start (about 0.9 s); loading cached packages about a third of that. The key is a SHA-256 of the Drools
 * version and every file's path and content, so an edit to any rule file recompiles. Uses Drools' own package
 * serialization (internal API: KieBase itself is not serializable in 10.x). A cache that cannot be read or
 * written is ignored: it only ever costs time.
 *
 * <p>Rule bases already loaded in this JVM are kept too, under the same key. A process that runs several commands
 * (an embedding application, a test suite, the batch benchmark) then loads each set of rule files once. Loading
 * also defines new classes for the rule consequences, and the JIT has to compile every new set again.
 */
public final class RuleBaseCache {

    private static final String FORMAT = "v1";
    /** Each entry is a whole compiled rule base, so only the last few are kept. */
    private static final int LOADED_LIMIT = 4;
    private static final Map<String, RuleBase> LOADED = new LinkedHashMap<>(LOADED_LIMIT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleBase> eldest) {
            return size() > LOADED_LIMIT;
        }
    };

    private RuleBaseCache() {
    }

    public static RuleBase compile(List<Path> ruleDirs, Path cacheDir) throws RuleLoadException {
        if (cacheDir == null) {
            return RuleCompiler.compile(ruleDirs);
        }
        Map<String, Path> files = RuleCompiler.collect(ruleDirs);
        String key = key(files);
        // one load at a time, so two threads asking for the same files never compile them twice
        synchronized (LOADED) {
            RuleBase rules = LOADED.get(key);
            if (rules == null) {
                rules = load(ruleDirs, files, cacheDir.resolve(key + ".kpkgs"));
                LOADED.put(key, rules);
            }
            return rules;
        }
    }

    /**
     * Lets go of the rule bases kept in memory, so the next compile reads the disk cache (or compiles): for an
     * application that wants the memory back, and for tests of the disk cache.
     */
    public static void forgetLoaded() {
        synchronized (LOADED) {
            LOADED.clear();
        }
    }

    private static RuleBase load(List<Path> ruleDirs, Map<String, Path> files, Path entry) throws RuleLoadException {
        if (Files.isRegularFile(entry)) {
            try {
                return RuleCompiler.describe(read(entry), files);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // stale or damaged entry: compile and overwrite it
            }
        }
        RuleBase compiled = RuleCompiler.compile(ruleDirs);
        write(entry, compiled.kieBase().getKiePackages());
        return compiled;
    }

    private static InternalKnowledgeBase read(Path entry) throws IOException, ClassNotFoundException {
        try (InputStream in = Files.newInputStream(entry);
             DroolsObjectInputStream objects = new DroolsObjectInputStream(in, RuleBaseCache.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            Collection<KiePackage> packages = (Collection<KiePackage>) objects.readObject();
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
            kieBase.addPackages(packages);
            return kieBase;
        }
    }

    private static void write(Path entry, Collection<KiePackage> packages) {
        try {
            Files.createDirectories(entry.getParent());
            Path temp = Files.createTempFile(entry.getParent(), "kpkgs", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp);
                 DroolsObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
                objects.writeObject(new ArrayList<>(packages));
            }
            Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a read-only or full disk only means the next run compiles again
        }
    }

    static String key(Map<String, Path> files) throws RuleLoadException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((FORMAT + ":" + droolsVersion()).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Path> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update(file.getValue().toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file.getValue()));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new RuleLoadException(List.of("cannot read rule file: " + RuleCompiler.describe(e)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String droolsVersion() {
        Package pkg = KiePackage.class.getPackage();
        return pkg != null && pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "10";
    }
}
