package cniadvisor.batch;

import cniadvisor.contract.RequestContract;
import cniadvisor.engine.Advisor;
import cniadvisor.engine.AdvisorConfig;
import cniadvisor.engine.RuleLoadException;
import cniadvisor.io.InputException;
import cniadvisor.io.Mappers;
import cniadvisor.io.RequestBinder.Field;
import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.RequestReader;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Request;
import cniadvisor.testing.Fixtures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch's fast path (one session per worker, remembered advice) must give exactly what advise gives. */
class BatchAdvisorTest {

    @TempDir
    Path dir;

    /** Requests drawn from every key's values, with duplicates that differ only in name. */
    static List<NamedRequest> generated(int count, long seed) {
        Random random = new Random(seed);
        RequestContract contract = Fixtures.binder().contract();
        String[] policies = contract.key("networkPolicy").allowed().toArray(String[]::new);
        String[] traffic = contract.key("trafficPattern").allowed().toArray(String[]::new);
        String[] plugins = contract.key("currentPlugin").allowed().toArray(String[]::new);
        String[] windows = contract.key("windowsServerVersion").allowed().toArray(String[]::new);
        List<NamedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean win = random.nextInt(5) == 0;
            int nodes = random.nextInt(3) == 0 ? 1 + random.nextInt(6000) : new int[]{3, 10, 50, 200}[random.nextInt(4)];
            // upgrade surge: AKS's default, a count (as surgeNodes gives it) or a percentage
            int surge = random.nextInt(3);
            String maxSurge = surge == 0 ? null : surge == 1 ? String.valueOf(random.nextInt(4))
                    : (1 + random.nextInt(50)) + "%";
            List<Field> fields = new ArrayList<>();
            put(fields, "name", "team-" + i);
            put(fields, "nodeCount", nodes);
            put(fields, "maxPodsPerNode", random.nextBoolean() ? null : 10 + random.nextInt(241));
            put(fields, "maxSurge", maxSurge);
            put(fields, "nodeSubnetCidr", random.nextInt(3) == 0 ? "10." + random.nextInt(256) + "."
                    + random.nextInt(64) * 4 + ".0/" + (22 + random.nextInt(3)) : null);
            put(fields, "podCidr", random.nextInt(6) == 0 ? "10.244.0.0/" + (14 + random.nextInt(10)) : null);
            put(fields, "serviceCidr", random.nextInt(8) == 0 ? "10.0.0.0/16" : null);
            put(fields, "connectedNetworks", random.nextInt(5) == 0 ? List.of("10.0.0.0/16") : null);
            put(fields, "windowsNodePools", win);
            put(fields, "windowsServerVersion", win ? windows[random.nextInt(windows.length)] : null);
            put(fields, "networkPolicy", policies[random.nextInt(policies.length)]);
            put(fields, "advancedPolicy", random.nextInt(8) == 0);
            put(fields, "trafficPattern", traffic[random.nextInt(traffic.length)]);
            put(fields, "directPodAccess", random.nextInt(8) == 0);
            put(fields, "podSourceIpVisible", random.nextInt(8) == 0);
            for (String feature : List.of("virtualNodes", "dualStack", "appGatewayForContainers",
                    "applicationGatewayIngress", "sharedSubnet")) {
                put(fields, feature, random.nextInt(15) == 0);
            }
            put(fields, "nodeAutoProvisioning", random.nextInt(10) == 0);
            put(fields, "customCni", random.nextInt(30) == 0 ? "cilium-oss" : null);
            put(fields, "currentPlugin", random.nextInt(4) == 0 ? plugins[random.nextInt(plugins.length)] : null);
            try {
                requests.add(Fixtures.binder().bind(fields, "generated", "generated"));
            } catch (InputException e) {
                throw new IllegalStateException("generated request " + i + " is invalid: " + e.getMessage(), e);
            }
            if (random.nextInt(4) == 0) {
                // twice: a worker remembers a request from its second sighting and reuses it from the third
                NamedRequest again = requests.get(random.nextInt(requests.size()));
                requests.add(renamed(again, "again-" + i));
                requests.add(renamed(again, "once more-" + i));
            }
        }
        return requests;
    }

    private static void put(List<Field> fields, String key, Object value) {
        if (value != null) {
            fields.add(new Field(key, Mappers.JSON.valueToTree(value), 0));
        }
    }

    static NamedRequest renamed(NamedRequest r, String name) {
        return new NamedRequest(name, r.request());
    }

    static List<NamedRequest> examples() throws Exception {
        List<NamedRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.EXAMPLES.resolve("requests"))) {
            for (Path file : files.sorted().toList()) {
                requests.add(RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()));
            }
        }
        assertTrue(requests.size() >= 9, "examples/requests/ holds the example requests");
        return requests;
    }

    private static void assertSameAdvice(Advisor advisor, LocalDate asOf, List<NamedRequest> requests) {
        BatchAdvisor batch = new BatchAdvisor(advisor, asOf);
        try (BatchAdvisor.Worker worker = batch.newWorker()) {
            for (NamedRequest request : requests) {
                assertEquals(advisor.advise(request, asOf), worker.advise(request), request.toString());
            }
        }
    }

    @Test
    void theBundledRulesAllowEveryShortcut() {
        BatchAdvisor batch = new BatchAdvisor(advisor(), Fixtures.AS_OF);

        assertTrue(batch.reusesSessions());
        assertNull(ReusableSession.obstacle(advisor().rules()));
    }

    @Test
    void examplesAndGeneratedRequestsGetExactlyTheAdviceOfAdvise() throws Exception {
        List<NamedRequest> requests = new ArrayList<>(examples());
        requests.addAll(generated(1500, 1));

        assertSameAdvice(advisor(), Fixtures.AS_OF, requests);
    }

    @Test
    void theSameHoldsOnAnotherDateWhenRetirementsHavePassed() {
        assertSameAdvice(advisor(), LocalDate.of(2028, 6, 1), generated(400, 2));
    }

    @Test
    void aRememberedAdviceIsRenamedInNameAndCommand() {
        NamedRequest first = Fixtures.request("name: first", "nodeCount: 10");
        NamedRequest second = renamed(first, "second team");
        try (BatchAdvisor.Worker worker = new BatchAdvisor(advisor(), Fixtures.AS_OF).newWorker()) {
            worker.advise(first);
            Advice remembered = worker.advise(first); // remembered from its second sighting on
            Advice advice = worker.advise(second);

            assertSame(remembered.options(), advice.options(), "the remembered advice, renamed");

            assertEquals("second team", advice.name());
            assertTrue(cniadvisor.render.AzCliCommand.oneLine(advice.recommendation().deployment()).contains("--name second-team "));
            assertEquals(advisor().advise(second, Fixtures.AS_OF), advice);
        }
    }

    private Advisor withExtraRule(String drl) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("org-rules"));
        Files.writeString(rules.resolve("org.drl"), drl);
        return Advisor.load(new AdvisorConfig(List.of(Fixtures.RULES, rules), Fixtures.FACTS, null,
                AdvisorConfig.DEFAULT_MAX_FIRINGS));
    }

    @Test
    void requestsThatDifferOnlyInNameAreEvaluatedOnceTheyRecurAndKeepTheirNames() {
        NamedRequest base = Fixtures.request("name: team-0", "nodeCount: 40", "networkPolicy: cilium");
        List<Advice> advice = new ArrayList<>();
        try (BatchAdvisor.Worker worker = new BatchAdvisor(advisor(), Fixtures.AS_OF).newWorker()) {
            for (int i = 0; i < 6; i++) {
                advice.add(worker.advise(renamed(base, "team-" + i)));
            }
        }

        // evaluated on the first and the second sighting (when it is remembered), reused from the third on
        Set<Object> evaluations = Collections.newSetFromMap(new IdentityHashMap<>());
        advice.forEach(a -> evaluations.add(a.options()));
        assertEquals(2, evaluations.size());
        for (int i = 0; i < 6; i++) {
            assertEquals("team-" + i, advice.get(i).name());
            String commands = cniadvisor.render.AzCliCommand.oneLine(advice.get(i).recommendation().deployment());
            assertTrue(commands.contains("--name team-" + i + " "), commands);
            assertEquals(advisor().advise(renamed(base, "team-" + i), Fixtures.AS_OF), advice.get(i));
        }
    }

    @Test
    void aRuleCannotReadTheRequestsName() throws Exception {
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> withExtraRule("""
                package org.rules;
                import cniadvisor.model.*;
                global cniadvisor.engine.Verdict verdict;
                rule "Production clusters enforce policies"
                    @id("ORG-PROD-POLICY") @source("learn-network-policies")
                when
                    Request( name matches "prod-.*", networkPolicy == "none" )
                then
                    verdict.warning(kcontext, "Production clusters should enforce network policies.");
                end
                """));

        assertTrue(e.getMessage().contains("org.drl"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field 'name' on Request"), e.getMessage());
    }

    @Test
    void aRuleMatchingRequestsOnlyUnderNotKeepsFreshSessions() throws Exception {
        Advisor advisor = withExtraRule("""
                package org.rules;
                import cniadvisor.model.*;
                global cniadvisor.engine.Verdict verdict;
                rule "Linux-only clusters"
                    @id("ORG-LINUX-ONLY") @source("learn-cni-overview")
                when
                    $o : PluginOption( id == "azure-cni-overlay" )
                    not Request( windowsNodePools )
                then
                    verdict.note(kcontext, $o.id(), "Linux-only cluster.");
                end
                """);

        assertNotNull(ReusableSession.obstacle(advisor.rules()));
        assertFalse(new BatchAdvisor(advisor, Fixtures.AS_OF).reusesSessions());
        assertSameAdvice(advisor, Fixtures.AS_OF, generated(60, 3));
    }

    @Test
    void aRuleThatInsertsFactsSendsTheWorkerBackToFreshSessions() throws Exception {
        Advisor advisor = withExtraRule("""
                package org.rules;
                import cniadvisor.model.*;
                global cniadvisor.engine.Verdict verdict;
                rule "Large clusters are flagged"
                    @id("ORG-LARGE-FLAG") @source("learn-quotas")
                when
                    Request( nodeCount > 100 )
                then
                    insert(new Context(java.time.LocalDate.of(2000, 1, 1)));
                end
                rule "A flagged cluster gets a warning"
                    @id("ORG-LARGE-WARN") @source("learn-quotas")
                when
                    Context( asOf.year == 2000 )
                then
                    verdict.info(kcontext, "Large cluster.");
                end
                """);
        List<NamedRequest> requests = new ArrayList<>(List.of(Fixtures.request("nodeCount: 500"),
                Fixtures.request("nodeCount: 5")));
        requests.addAll(generated(40, 4));

        assertTrue(new BatchAdvisor(advisor, Fixtures.AS_OF).reusesSessions());
        assertSameAdvice(advisor, Fixtures.AS_OF, requests);
    }

    @Test
    void theRequestTheRulesSeeHasNoName() {
        assertTrue(Arrays.stream(Request.class.getRecordComponents()).noneMatch(c -> c.getName().equals("name")));
        assertEquals(Fixtures.request("name: a", "nodeCount: 10").request(),
                Fixtures.request("name: b", "nodeCount: 10").request());
        assertNotEquals(Fixtures.request("name: a", "nodeCount: 10").request(),
                Fixtures.request("name: a", "nodeCount: 11").request());
    }
}
