package cniadvisor.interview;

import static cniadvisor.interview.Transcript.ENTER;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.RequestReader;
import cniadvisor.model.NodePool;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node pools built by answering: "Add another node pool?" and each added pool's questions. */
class QuestionnairePoolsTest {

    /** The questions after the pools, all at their defaults, and the summary accepted. */
    private static final List<String> REST = List.of(ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER);

    private static String[] answers(List<String> first, List<String> rest) {
        return java.util.stream.Stream.concat(first.stream(), rest.stream()).toArray(String[]::new);
    }

    /** Two pools: the Linux system pool from the first questions, and a Windows pool with every default. */
    private static Transcript twoPools() throws EndOfInput {
        return Transcript.of(answers(List.of(
                "shop", "3", ENTER, ENTER,
                "y",            // addPool1
                "windows",      // nodePools[1].os
                ENTER,          // name: win1
                ENTER,          // windowsServerVersion: the newest in facts/
                "10",           // maxCount
                ENTER, ENTER, ENTER,
                "n"),           // addPool2
                REST));
    }

    @Test
    void aWindowsPoolIsNamedWin1AndRunsTheNewestVersionByDefault() throws Exception {
        Transcript run = twoPools();
        assertEquals(List.of("name", "nodeCount", "maxSurge", "maxPodsPerNode", "addPool1", "nodePools[1].os",
                "nodePools[1].name", "nodePools[1].windowsServerVersion", "nodePools[1].maxCount",
                "nodePools[1].maxPodsPerNode", "nodePools[1].maxSurge", "nodePools[1].nodeSubnetCidr", "addPool2",
                "networkPolicy", "trafficPattern", "directPodAccess", "podSourceIpVisible", "specialFeatures",
                "currentPlugin", "knowsAddressRanges"), run.asked(), "no flat Windows questions once a pool is added");
        String newest = Fixtures.binder().contract().defaultWindowsVersion();
        assertEquals("2025", newest);
        assertTrue(run.screen().contains("Node pool 2: what is the pool called?\n"), run.screen());
        assertTrue(run.screen().contains("\n  name [win1]: \n"), run.screen());
        assertTrue(run.screen().contains("\n  number or name [" + newest + "]: \n"), run.screen());
        assertEquals(request("name: shop", "nodePools:",
                "  - {name: nodepool1, mode: system, os: linux, maxCount: 3}",
                "  - {name: win1, mode: user, os: windows, maxCount: 10}"), run.request());
        NodePool win = run.request().request().nodePools().get(1);
        assertEquals(newest, win.windowsServerVersion());
        assertEquals(13, run.request().request().nodeCount());
    }

    @Test
    void theSummaryShowsEachPool() throws Exception {
        assertEquals(List.of(
                "Name  shop",
                "Pool 1 Most nodes  3",
                "Pool 1 Upgrade max surge  AKS's default",
                "Pool 1 Pods per node  each option's default",
                "Add node pool 2  yes",
                "Pool 2 OS  windows",
                "Pool 2 name  win1",
                "Pool 2 Windows Server version  2025",
                "Pool 2 Most nodes  10",
                "Pool 2 Pods per node  each option's default",
                "Pool 2 Upgrade max surge  AKS's default",
                "Pool 2 Node subnet  the cluster's node subnet",
                "Add node pool 3  no",
                "Network policies  none",
                "Traffic pattern  mixed",
                "Direct pod access  no",
                "Pod IP visible as source  no",
                "Special features  no",
                "Current plugin  new",
                "Address ranges known  no"), twoPools().lastSummary());
    }

    @Test
    void threePoolsWithTheirOwnSizesAndSubnets() throws Exception {
        Transcript run = Transcript.of(answers(List.of(
                "lob", "3", "1", "30",
                "y",
                ENTER,          // os: linux
                "apps",
                "40", "50", "33%", "10.20.0.0/22",
                "y",            // addPool2
                "2",            // os by number: windows
                ENTER,          // name: win2
                "2022",
                "6", "30", ENTER, "10.20.8.0/24",
                "n",            // addPool3
                "calico"),      // networkPolicy, then the FQDN/L7 question
                REST));
        assertEquals(request("name: lob", "networkPolicy: calico", "nodePools:",
                "  - {name: nodepool1, mode: system, os: linux, maxCount: 3, maxPodsPerNode: 30, maxSurge: 1}",
                "  - {name: apps, mode: user, maxCount: 40, maxPodsPerNode: 50, maxSurge: 33%,"
                        + " nodeSubnetCidr: 10.20.0.0/22}",
                "  - {name: win2, mode: user, os: windows, windowsServerVersion: \"2022\", maxCount: 6,"
                        + " maxPodsPerNode: 30, nodeSubnetCidr: 10.20.8.0/24}"), run.request());
        assertEquals(49, run.request().request().nodeCount());
        assertTrue(run.lastSummary().contains("Pool 3 name  win2"), run.lastSummary().toString());
        assertTrue(run.lastSummary().contains("Add node pool 4  no"), run.lastSummary().toString());
    }

    @Test
    void theSavedFileReadsBackToTheSameRequestWithNodePools(@TempDir Path dir) throws Exception {
        NamedRequest asked = twoPools().request();
        Path saved = dir.resolve("shop.yaml");
        RequestFile.save(saved, asked, Fixtures.binder());
        String yaml = Files.readString(saved);
        assertTrue(yaml.contains("\nnodePools:\n"), yaml);
        assertTrue(yaml.contains("# nodeCount:\n"), "the shorthand keys are left out with pools: " + yaml);
        NamedRequest read = RequestReader.read(saved, System.in, Fixtures.binder());
        assertEquals(asked, read);
        assertTrue(read.request().nodePoolsGiven());
    }

    @Test
    void answeringNoToAddAnotherPoolDropsThePoolQuestions() throws Exception {
        Transcript run = Transcript.of(answers(List.of(
                "shop", "3", ENTER, ENTER, "y", "windows", ENTER, ENTER, "10", ENTER, ENTER, ENTER, "n",
                ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
                "5", "n",       // summary line 5, "Add node pool 2": no ...
                ENTER),         // ... opens the one-pool Windows question again: no
                List.of(ENTER)));
        assertEquals(request("name: shop", "nodeCount: 3"), run.request());
        assertFalse(run.request().request().nodePoolsGiven());
        List<String> summary = run.lastSummary();
        assertFalse(summary.stream().anyMatch(line -> line.startsWith("Pool ")), summary.toString());
        assertTrue(summary.contains("Nodes (at most)  3"), summary.toString());
        assertTrue(summary.contains("Windows node pools  no"), summary.toString());
        assertFalse(summary.stream().anyMatch(line -> line.startsWith("Add node pool 3")), summary.toString());
    }
}
