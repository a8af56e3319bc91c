package cniadvisor.engine;

import cniadvisor.model.Request;
import cniadvisor.testing.Fixtures;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which Request properties each rule's conditions read, over the bundled rules and over small inline rules that put
 * the reads where a shallow walk would miss them. Assertions use properties whose names are stable (nodeCount,
 * surgeNodes, networkPolicy, trafficPattern, currentPlugin).
 */
class RuleInputsTest {

    private static RuleInputs bundled;

    @BeforeAll
    static void compileBundledRules() throws Exception {
        bundled = RuleInputs.of(RuleCompiler.compile(List.of(Fixtures.RULES)), Request.class);
    }

    @Test
    void bindingsAreReads() {
        // Request( $nodes : nodeCount, $surge : surgeNodes ), and nothing else of the request
        assertEquals(Set.of("nodeCount", "surgeNodes"), bundled.propertiesRead("SCALE-CLUSTER-MAX-NODES"));
    }

    @Test
    void constraintsAndBindingsOfOnePattern() {
        // Request( networkPolicy != "none", $want : networkPolicy )
        assertEquals(Set.of("networkPolicy"), bundled.propertiesRead("POL-REQUIRED"));
    }

    @Test
    void aBarePatternReadsNothing() {
        // Request() and then only a note
        assertEquals(Set.of(), bundled.propertiesRead("IP-ONE-WAY-MAX-PODS"));
        assertEquals(Set.of(), bundled.propertiesRead("NO-SUCH-RULE"));
    }

    @Test
    void aBoundRequestReadInAnotherPatternsConstraint() {
        // $r : Request( currentPlugin != null )  $ret : Retirement( subject == $r.currentPlugin )
        assertEquals(Set.of("currentPlugin"), bundled.propertiesRead("LIFE-RETIRED-PLUGIN-IN-USE"));
    }

    @Test
    void rulesReadingTrafficPatternAreThePreferencesThatConstrainIt() {
        // rules/preferences.drl: Request( trafficPattern == "intra-cluster" ) and Request( trafficPattern == "external" )
        assertEquals(List.of("PREF-TRAFFIC-EXTERNAL", "PREF-TRAFFIC-INTRA-CLUSTER"),
                bundled.rulesReading("trafficPattern"));
        assertEquals(List.of(), bundled.rulesReading("noSuchProperty"));
    }

    @Test
    void everyRuleThatBindsNodeCountIsFound() {
        List<String> reading = bundled.rulesReading("nodeCount");
        assertTrue(reading.containsAll(List.of("SCALE-MAX-NODES", "SCALE-CLUSTER-MAX-NODES",
                "SCALE-POLICY-MAX-PODS", "SCALE-MAX-POD-IPS", "SCALE-STATIC-BLOCK")), reading::toString);
        assertEquals(reading.stream().sorted().toList(), reading);
    }

    private static final String NESTED = """
            package org.rules;
            import cniadvisor.model.*;
            rule "in a not"
                @id("T-NOT")
            when
                not ( Request( nodeCount > 100 ) )
            then
            end

            rule "in an or"
                @id("T-OR")
            when
                ( Request( networkPolicy == "cilium" ) or Request( trafficPattern == "external" ) )
            then
            end

            rule "in an exists inside a not, with a string literal that names a property"
                @id("T-NOT-EXISTS")
            when
                not ( exists ( Request( currentPlugin == "nodeCount" ) ) )
            then
            end

            rule "a bound request, read in another pattern, in a not, and in the consequence"
                @id("T-BOUND")
            when
                $r : Request()
                $l : Limit( name == "maxNodes" )
                not ( Limit( value < $r.nodeCount, subject == $r.networkPolicy ) )
            then
                System.out.println($r.trafficPattern());
            end

            rule "only in the consequence"
                @id("T-RHS-ONLY")
            when
                $r : Request()
            then
                System.out.println($r.customCni());
            end

            rule "in an accumulate source"
                @id("T-ACC")
            when
                accumulate ( Request( $n : nodeCount, currentPlugin != null ) ; $total : sum( $n ) )
            then
            end

            rule "a declaration with a property's name is not that property"
                @id("T-DECL")
            when
                Limit( nodeCount : value )
                Request( maxPodsPerNode == nodeCount )
            then
            end
            """;

    @Test
    void nestedConditionsAreWalked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nested.drl"), NESTED);
        RuleInputs inputs = RuleInputs.of(RuleCompiler.compile(List.of(dir)), Request.class);

        assertEquals(Set.of("nodeCount"), inputs.propertiesRead("T-NOT"));
        assertEquals(Set.of("networkPolicy", "trafficPattern"), inputs.propertiesRead("T-OR"));
        assertEquals(Set.of("currentPlugin"), inputs.propertiesRead("T-NOT-EXISTS"));
        assertEquals(Set.of("networkPolicy", "nodeCount"), inputs.propertiesRead("T-BOUND"));
        assertEquals(Set.of(), inputs.propertiesRead("T-RHS-ONLY"));
        assertEquals(Set.of("currentPlugin", "nodeCount"), inputs.propertiesRead("T-ACC"));
        assertEquals(Set.of("maxPodsPerNode"), inputs.propertiesRead("T-DECL"));
        assertEquals(List.of("T-ACC", "T-BOUND", "T-NOT"), inputs.rulesReading("nodeCount"));
    }

    /** The walk is about the fact class asked for: the same rules read Limit's own properties. */
    @Test
    void anyFactClass(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nested.drl"), NESTED);
        RuleInputs limits = RuleInputs.of(RuleCompiler.compile(List.of(dir)), cniadvisor.model.Limit.class);

        assertEquals(Set.of("name", "subject", "value"), limits.propertiesRead("T-BOUND"));
        assertEquals(Set.of("value"), limits.propertiesRead("T-DECL"));
        assertEquals(Set.of(), limits.propertiesRead("T-NOT"));
    }

    /**
     * The project compiles with the classic builder; should it switch to the executable model, constraints are still
     * read (from their DRL text), including a bound request read in another pattern inside a not.
     */
    @Test
    void executableModelConstraints(@TempDir Path dir) throws Exception {
        Path drl = Files.writeString(dir.resolve("exec.drl"), """
                package org.rules;
                import cniadvisor.model.*;
                rule "exec" @id("T-EXEC")
                when
                    $r : Request( nodeCount > 3 )
                    not ( Limit( value < $r.maxPodsPerNode, subject == "policy:" + $r.networkPolicy ) )
                then
                end
                """);
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("cniadvisor.test", "rule-inputs-exec", "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        kfs.write("src/main/resources/exec.drl", ks.getResources().newFileSystemResource(drl.toFile()));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        assertEquals(List.of(), builder.getResults().getMessages(Message.Level.ERROR));
        KieBase kieBase;
        try {
            kieBase = ks.newKieContainer(releaseId).getKieBase();
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
        RuleInputs inputs = RuleInputs.of(RuleCompiler.describe(kieBase, Map.of("exec.drl", drl)), Request.class);

        assertEquals(Set.of("maxPodsPerNode", "networkPolicy", "nodeCount"), inputs.propertiesRead("T-EXEC"));
    }
}
