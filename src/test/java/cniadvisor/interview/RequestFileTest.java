package cniadvisor.interview;

import cniadvisor.testing.Fixtures;
import static cniadvisor.testing.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.io.RequestReader;
import cniadvisor.model.NamedRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestFileTest {

    @TempDir
    Path dir;

    @Test
    void everyExampleReadsBackToTheSameRequest() throws Exception {
        try (Stream<Path> examples = Files.list(Path.of("examples", "requests"))) {
            for (Path example : examples.sorted().toList()) {
                NamedRequest request = RequestReader.read(example, System.in, Fixtures.binder());
                Path saved = dir.resolve("saved.yaml");
                RequestFile.save(saved, request, Fixtures.binder());
                assertEquals(request, RequestReader.read(saved, System.in, Fixtures.binder()), example.toString());
            }
        }
    }

    @Test
    void keysWithoutAValueAreCommentedOutUnderTheirQuestion() {
        String yaml = RequestFile.yaml(request("name: lob", "nodeCount: 40", "windowsNodePools: true",
                "windowsServerVersion: \"2022\"", "connectedNetworks: [10.0.0.0/16, 192.168.0.0/20]"), Fixtures.binder());
        assertTrue(yaml.startsWith("""
                # AKS network plugin requirements, written by 'cni-advisor ask'.
                # Get the advice again with: cni-advisor advise -f <this file>

                # What should the report call this cluster?
                name: lob

                # How many nodes may the cluster reach at most?
                nodeCount: 40

                # How many extra nodes may an upgrade add at once (max surge: a count, or a percentage of the nodes)?
                # maxSurge:

                # How many pods may run on one node?
                # maxPodsPerNode:

                # Will the cluster have Windows Server node pools?
                windowsNodePools: true

                # Which Windows Server version do the Windows pools run?
                windowsServerVersion: 2022
                """), yaml);
        assertTrue(yaml.contains("""
                # Which networks does the cluster connect to (peered VNets, on-premises)?
                connectedNetworks:
                  - 10.0.0.0/16
                  - 192.168.0.0/20

                # Which subnet should the API server take (API server VNet integration)?
                # apiServerSubnetCidr:
                """)
                && yaml.endsWith("""
                # Which subnet should virtual nodes (Azure Container Instances) take?
                # virtualNodesSubnetCidr:
                """), yaml);
    }

    @Test
    void savingReplacesAnOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path saved = Files.writeString(dir.resolve("team.yaml"), "old content\n");
        RequestFile.save(saved, request("nodeCount: 7"), Fixtures.binder());
        assertTrue(Files.readString(saved).contains("\nnodeCount: 7\n"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(saved), files.toList());
        }
    }
}
