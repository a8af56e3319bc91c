package cniadvisor.engine;

import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestNameUseTest {

    private static String rule(String when, String then) {
        return """
                package org.rules;
                import cniadvisor.model.Request;
                import cniadvisor.model.*;
                global cniadvisor.engine.Verdict verdict;
                rule "r" @id("R") @source("s")
                when
                """ + when + "\nthen\n" + then + "\nend\n";
    }

    @Test
    void theBundledRulesNeverReadTheName() {
        assertFalse(RequestNameUse.possible(advisor().rules()));
    }

    @Test
    void propertiesOtherThanTheNameAreFine() {
        assertFalse(RequestNameUse.mayReadName(rule(
                "$r : Request( nodeCount > 3, $v : windowsServerVersion )\n"
                        + "$m : Migration( from == $r.currentPlugin )",
                "// the name is not read here\nverdict.info(kcontext, \"name: %s\", $r.currentPlugin());")));
    }

    @Test
    void aConstraintOnTheNameReadsIt() {
        assertTrue(RequestNameUse.mayReadName(rule("Request( name matches \"prod-.*\" )", "")));
        assertTrue(RequestNameUse.mayReadName(rule("Request( $n : name )", "")));
        assertTrue(RequestNameUse.mayReadName(rule("$r : Request( this != null )", "")));
    }

    @Test
    void aBoundRequestReadsTheNameThroughItsVariableOrWhenPassedOnWhole() {
        assertTrue(RequestNameUse.mayReadName(rule("$r : Request()", "System.out.println($r.name());")));
        assertTrue(RequestNameUse.mayReadName(rule("$r : Request()", "System.out.println($r . getName());")));
        assertTrue(RequestNameUse.mayReadName(rule("$r : Request()", "verdict.info(kcontext, \"%s\", $r);")));
        assertTrue(RequestNameUse.mayReadName(rule("$r : Request()\nCandidate( option == $r.name )", "")));
    }

    @Test
    void otherRoutesToTheRequestCountAsReadingIt() {
        assertTrue(RequestNameUse.mayReadName(rule("$l : java.util.List() from collect( Request() )", "")));
        assertTrue(RequestNameUse.mayReadName(rule("$o : Object()", "")));
        assertTrue(RequestNameUse.mayReadName(rule("Request()", "Request r = null;")));
        assertTrue(RequestNameUse.mayReadName(rule("Request()\neval( true )", "")));
    }

    @Test
    void filesWithoutRequestPatternsCannotReadIt() {
        assertFalse(RequestNameUse.mayReadName(rule("$o : PluginOption()", "verdict.note(kcontext, $o.id(), \"x\");")));
    }
}
