package cniadvisor.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cniadvisor.io.RequestBinder;
import cniadvisor.knowledge.KnowledgeLoader;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
import cniadvisor.testing.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The question catalogue against the request contract it must produce. */
class QuestionsTest {

    @TempDir
    Path dir;

    private static List<Question> questions() {
        return Questions.forBinder(Fixtures.binder());
    }

    private static Question question(String key) {
        return questions().stream().filter(q -> q.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> values(String key) {
        return question(key).choices().stream().map(Choice::value).toList();
    }

    @Test
    void everyRequestKeyIsAskedOnceAndEveryAddedPoolGetsThePoolQuestions() {
        List<String> asked = questions().stream().filter(q -> q.requestKey() && !q.poolKey()).map(Question::key)
                .toList();
        // surgeNodes is maxSurge as a count; the pools are asked pool by pool
        Set<String> expected = Fixtures.binder().keys().stream()
                .filter(k -> !k.equals("surgeNodes") && !k.equals("nodePools")).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(asked));
        assertEquals(expected.size(), asked.size());
        List<String> gates = new ArrayList<>(List.of("addPool1"));
        for (int i = 2; i <= Questions.MAX_ADDED_POOLS; i++) {
            gates.add("addPool" + i);
        }
        gates.addAll(List.of(Questions.SPECIAL_FEATURES, Questions.KNOWS_ADDRESSES));
        assertEquals(gates, questions().stream().filter(q -> !q.requestKey()).map(Question::key).toList());
        assertEquals(List.of("nodePools[1].os", "nodePools[1].name", "nodePools[1].windowsServerVersion",
                "nodePools[1].maxCount", "nodePools[1].maxPodsPerNode", "nodePools[1].maxSurge",
                "nodePools[1].nodeSubnetCidr"), questions().stream().map(Question::key)
                .filter(k -> k.startsWith("nodePools[1]")).toList());
    }

    @Test
    void choicesAreTheFactsValuesEachWithADescription() {
        assertEquals(List.of("none", "any", "cilium", "calico", "azure"), values("networkPolicy"));
        assertEquals(List.of("intra-cluster", "external", "mixed"), values("trafficPattern"));
        assertEquals(List.of("2019", "2022", "2025"), values("windowsServerVersion"));
        List<String> plugins = new ArrayList<>();
        plugins.add(null); // "new": no current plugin
        plugins.addAll(List.of("azure-cni-overlay", "azure-cni-pod-subnet", "azure-cni-node-subnet", "kubenet",
                "byo-cni"));
        assertEquals(plugins, values("currentPlugin"));
        questions().forEach(q -> q.choices().forEach(c ->
                assertFalse(c.description().isBlank(), q.key() + " choice " + c.name() + " has no description")));
    }

    /** Windows Server versions and the max-pods bounds are facts: a new version in facts/ is asked and accepted. */
    @Test
    void aWindowsVersionAddedToFactsIsOfferedAndAccepted() throws Exception {
        Path facts = dir.resolve("facts");
        Folders.copy(Fixtures.FACTS, facts);
        Path lifecycle = facts.resolve("lifecycle.yaml");
        Files.writeString(lifecycle, Files.readString(lifecycle).replace(
                "  - {version: \"2025\", osSku: Windows2025, sources: [learn-windows-best-practices]}\n",
                "  - {version: \"2025\", osSku: Windows2025, sources: [learn-windows-best-practices]}\n"
                        + "  - {version: \"2028\", osSku: Windows2028, sources: [learn-windows-best-practices]}\n"));
        Path limits = facts.resolve("limits.yaml");
        Files.writeString(limits, Files.readString(limits).replace("name: highestMaxPods, value: 250",
                "name: highestMaxPods, value: 300"));
        RequestBinder binder = new RequestBinder(cniadvisor.contract.RequestContract.of(KnowledgeLoader.load(facts)));

        Question version = Questions.forBinder(binder).stream().filter(q -> q.key().equals("windowsServerVersion"))
                .findFirst().orElseThrow();
        assertEquals(List.of("2019", "2022", "2025", "2028"), version.choices().stream().map(Choice::value).toList());
        assertEquals("2028", version.defaultValue(), "the newest version facts/ list is the default");
        NamedRequest request = cniadvisor.io.RequestReader.read("r.yaml", "r", new java.io.ByteArrayInputStream(
                "nodeCount: 3\nmaxPodsPerNode: 300\nwindowsNodePools: true\n".getBytes()), binder);
        assertEquals(List.of("2028"), request.request().windowsServerVersions());
        assertEquals(300, request.request().maxPodsPerNode());
    }

    @Test
    void onlyTheNodeCountAndEachPoolsMaximumAreRequired() {
        List<String> required = questions().stream().filter(Question::required).map(Question::key).toList();
        assertEquals("nodeCount", required.get(0));
        assertEquals(Questions.MAX_ADDED_POOLS + 1, required.size());
        required.subList(1, required.size()).forEach(k -> assertEquals(true, k.endsWith(".maxCount"), k));
    }

    @Test
    void numberHintsComeFromTheFactsBounds() {
        assertEquals("1 or more", question("nodeCount").hint());
        assertEquals("10 to 250", question("maxPodsPerNode").hint());
        assertEquals("10 to 250", question("nodePools[1].maxPodsPerNode").hint());
        assertEquals("node count or percentage, e.g. 3 or 33%", question("maxSurge").hint());
    }
}
