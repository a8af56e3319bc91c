package cniadvisor.io;

import cniadvisor.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cniadvisor.model.NamedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestReaderTest {

    @TempDir
    Path dir;

    private Path write(String fileName, String content) throws IOException {
        return Files.writeString(dir.resolve(fileName), content);
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads content as stdin-like input shown as "req.yaml", returning the formatted error lines. */
    private static List<String> errors(String content) {
        return errors("req.yaml", content);
    }

    private static List<String> errors(String displayName, String content) {
        InputException e = assertThrows(InputException.class,
                () -> RequestReader.read(displayName, "req", stream(content), Fixtures.binder()));
        return e.errors().stream().map(InputError::format).toList();
    }

    private static NamedRequest read(String content) throws Exception {
        return RequestReader.read("req.yaml", "req", stream(content), Fixtures.binder());
    }

    /** A request as contract keys and values, as a request file would give it. */
    private static Map<String, Object> values(NamedRequest request) {
        return Fixtures.binder().contract().values(request);
    }

    /** The values of a request with only nodeCount given: every other key at its default. */
    private static Map<String, Object> defaults(String name, int nodeCount) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("nodeCount", nodeCount);
        values.put("windowsNodePools", false);
        values.put("networkPolicy", "none");
        values.put("trafficPattern", "mixed");
        for (String feature : Fixtures.binder().contract().featureKeys()) {
            values.put(feature, false);
        }
        return values;
    }

    @Nested
    class ValidRequests {

        @Test
        void yamlFileWithDefaultsApplied() throws Exception {
            Path file = write("team-a.yaml", """
                    # Team A's production cluster
                    nodeCount: 50
                    maxPodsPerNode: 30
                    nodeSubnetCidr: 10.240.0.0/16
                    podCidr: 10.244.0.0/16
                    serviceCidr: 10.0.0.0/16
                    dnsServiceIp: 10.0.0.10
                    connectedNetworks:
                      - 10.1.0.0/16
                      - 192.168.0.0/24
                    windowsNodePools: true
                    networkPolicy: calico
                    directPodAccess: true
                    customCni: flannel
                    currentPlugin: kubenet
                    """);

            NamedRequest request = RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder());

            Map<String, Object> expected = defaults("team-a", 50);
            expected.putAll(Map.of("maxPodsPerNode", 30, "nodeSubnetCidr", "10.240.0.0/16", "podCidr",
                    "10.244.0.0/16", "serviceCidr", "10.0.0.0/16", "dnsServiceIp", "10.0.0.10", "connectedNetworks",
                    List.of("10.1.0.0/16", "192.168.0.0/24"), "windowsNodePools", true, "windowsServerVersion", "2025",
                    "networkPolicy", "calico", "directPodAccess", true));
            expected.putAll(Map.of("customCni", "flannel", "currentPlugin", "kubenet"));
            assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(values(request)));
        }

        @Test
        void jsonFileWithEveryKey() throws Exception {
            Path file = write("payments.json", """
                    {
                      "name": "payments",
                      "nodeCount": 400,
                      "maxPodsPerNode": 250,
                      "surgeNodes": 0,
                      "nodeSubnetCidr": "10.10.0.0/22",
                      "podCidr": "192.168.0.0/16",
                      "serviceCidr": "172.16.0.0/16",
                      "dnsServiceIp": "172.16.0.10",
                      "connectedNetworks": ["10.20.0.0/16"],
                      "windowsNodePools": true,
                      "windowsServerVersion": "2022",
                      "networkPolicy": "cilium",
                      "advancedPolicy": true,
                      "trafficPattern": "intra-cluster",
                      "directPodAccess": false,
                      "podSourceIpVisible": true,
                      "virtualNodes": true,
                      "dualStack": true,
                      "appGatewayForContainers": true,
                      "applicationGatewayIngress": true,
                      "sharedSubnet": true,
                      "nodeAutoProvisioning": true,
                      "customCni": null,
                      "currentPlugin": "azure-cni-node-subnet"
                    }
                    """);

            NamedRequest request = RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder());

            Map<String, Object> expected = defaults("payments", 400);
            expected.putAll(Map.of("maxPodsPerNode", 250, "maxSurge", "0", "nodeSubnetCidr", "10.10.0.0/22",
                    "podCidr", "192.168.0.0/16", "serviceCidr", "172.16.0.0/16", "dnsServiceIp", "172.16.0.10",
                    "connectedNetworks", List.of("10.20.0.0/16"), "windowsNodePools", true, "windowsServerVersion",
                    "2022"));
            expected.putAll(Map.of("networkPolicy", "cilium", "advancedPolicy", true, "trafficPattern",
                    "intra-cluster", "podSourceIpVisible", true, "virtualNodes", true, "dualStack", true,
                    "appGatewayForContainers", true, "applicationGatewayIngress", true, "sharedSubnet", true,
                    "nodeAutoProvisioning", true));
            expected.put("currentPlugin", "azure-cni-node-subnet");
            assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(values(request)));
            assertEquals(0, request.request().surgeNodes());
        }

        @Test
        void onlyNodeCountGivesAllDefaults() throws Exception {
            Path file = write("minimal.yml", "nodeCount: 3\n");

            assertEquals(defaults("minimal", 3), values(RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder())));
        }

        @Test
        void nameDefaultsToFileNameWithoutLastExtension() throws Exception {
            Path file = write("team-b.prod.json", "{\"nodeCount\": 3}");

            assertEquals("team-b.prod", RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()).name());
        }

        @Test
        void dashReadsStdinAndSniffsJson() throws Exception {
            NamedRequest request = RequestReader.read(Path.of("-"), stream("  {\"nodeCount\": 7}"), Fixtures.binder());

            assertEquals(defaults("stdin", 7), values(request));
        }

        @Test
        void stdinYamlIsSniffed() throws Exception {
            assertEquals(defaults("stdin", 8), values(RequestReader.read(Path.of("-"), stream("nodeCount: 8\n"), Fixtures.binder())));
        }

        @Test
        void unknownExtensionIsSniffed() throws Exception {
            Path json = write("request.txt", "{\"nodeCount\": 4}");
            Path yaml = write("request.conf", "nodeCount: 5\n");

            assertEquals(defaults("request", 4), values(RequestReader.read(json, InputStream.nullInputStream(), Fixtures.binder())));
            assertEquals(defaults("request", 5), values(RequestReader.read(yaml, InputStream.nullInputStream(), Fixtures.binder())));
        }

        @Test
        void yamlIntegerWindowsVersionIsAccepted() throws Exception {
            NamedRequest request = read("nodeCount: 3\nwindowsNodePools: true\nwindowsServerVersion: 2019\n");

            assertEquals(List.of("2019"), request.request().windowsServerVersions());
        }

        @Test
        void nullValuesMeanNotGiven() throws Exception {
            NamedRequest request = read("nodeCount: 3\npodCidr:\nnetworkPolicy: ~\nsurgeNodes: null\n");

            assertEquals(defaults("req", 3), values(request));
        }

        @Test
        void cidrsAreStoredCanonicallyAndTrimmed() throws Exception {
            NamedRequest request = read("nodeCount: 3\nnodeSubnetCidr: ' 10.0.1.0/24 '\npodCidr: 0.0.0.0/0\n"
                    + "connectedNetworks: 10.9.0.0/16\n");

            assertEquals("10.0.1.0/24", request.request().nodeSubnetCidr());
            assertEquals("0.0.0.0/0", request.request().podCidr());
            assertEquals(List.of("10.9.0.0/16"), request.request().connectedNetworks());
        }

        @Test
        void byteOrderMarkIsIgnored() throws Exception {
            assertEquals(defaults("req", 3), values(read("\uFEFF{\"nodeCount\": 3}")));
        }
    }

    @Nested
    class KeyErrors {

        @Test
        void unknownKeyCloseToAContractKeyGetsASuggestion() {
            assertEquals(List.of("req.yaml:2: unknown key 'nodeCont'; did you mean 'nodeCount'?"),
                    errors("nodeCount: 3\nnodeCont: 5\n"));
        }

        @Test
        void unknownKeyDifferingOnlyInCaseOrSeparatorsGetsASuggestion() {
            assertEquals(List.of(
                            "req.yaml:1: unknown key 'NODECOUNT'; did you mean 'nodeCount'?",
                            "req.yaml:2: unknown key 'max_pods_per_node'; did you mean 'maxPodsPerNode'?",
                            "req.yaml: nodeCount: required (the most nodes the cluster may reach), unless nodePools lists the pools"),
                    errors("NODECOUNT: 3\nmax_pods_per_node: 30\n"));
        }

        @Test
        void unknownKeyFarFromEveryKeyListsTheAllowedKeys() {
            assertEquals(List.of("req.yaml:2: unknown key 'colour'; allowed keys are "
                            + String.join(", ", Fixtures.binder().keys())),
                    errors("nodeCount: 3\ncolour: blue\n"));
        }

        @Test
        void missingNodeCountHasNoLine() {
            assertEquals(List.of("req.yaml: nodeCount: required (the most nodes the cluster may reach), unless nodePools lists the pools"),
                    errors("name: team\n"));
        }

        @Test
        void nullNodeCountIsReportedOnItsLine() {
            assertEquals(List.of("req.yaml:2: nodeCount: required (the most nodes the cluster may reach), unless nodePools lists the pools"),
                    errors("name: team\nnodeCount:\n"));
        }

        @Test
        void duplicateKeyInYaml() {
            assertEquals(List.of("req.yaml:3: nodeCount: given more than once (first on line 1)"),
                    errors("nodeCount: 3\nname: a\nnodeCount: 4\n"));
        }

        @Test
        void duplicateKeyInJson() {
            assertEquals(List.of("req.json:3: podCidr: given more than once (first on line 2)"),
                    errors("req.json", "{\"nodeCount\": 3,\n \"podCidr\": \"10.1.0.0/16\",\n"
                            + " \"podCidr\": \"10.2.0.0/16\"}"));
        }
    }

    @Nested
    class ValueErrors {

        @Test
        void wordForAWholeNumber() {
            assertEquals(List.of("req.yaml:1: nodeCount: expected a whole number from 1 up, got \"fifty\""),
                    errors("nodeCount: fifty\n"));
        }

        @Test
        void numbersOutOfRangeOrNotWhole() {
            assertEquals(List.of(
                            "req.yaml:1: nodeCount: expected a whole number from 1 up, got 0",
                            "req.yaml:2: maxPodsPerNode: expected a whole number from 10 to 250, got 300",
                            "req.yaml:3: surgeNodes: expected a whole number from 0 up, got -1",
                            "req.yaml:4: maxPodsPerNode: given more than once (first on line 2)"),
                    errors("nodeCount: 0\nmaxPodsPerNode: 300\nsurgeNodes: -1\nmaxPodsPerNode: 9\n"));
            assertEquals(List.of("req.yaml:1: nodeCount: expected a whole number from 1 up, got 2.5"),
                    errors("nodeCount: 2.5\n"));
            assertEquals(List.of("req.yaml:1: nodeCount: expected a whole number from 1 up, got a list"),
                    errors("nodeCount: [3]\n"));
            assertEquals(List.of("req.yaml:1: nodeCount: expected a whole number from 1 up, "
                    + "got 99999999999999999999"), errors("nodeCount: 99999999999999999999\n"));
            assertEquals(List.of("req.yaml:1: nodeCount: expected a whole number from 1 up, got \""
                    + "1".repeat(57) + "...\""), errors("nodeCount: '" + "1".repeat(100) + "'\n"));
        }

        @Test
        void notABoolean() {
            assertEquals(List.of("req.yaml:2: windowsNodePools: expected true or false, got \"maybe\""),
                    errors("nodeCount: 3\nwindowsNodePools: maybe\n"));
        }

        @Test
        void notOneOfTheAllowedWords() {
            assertEquals(List.of(
                            "req.yaml:2: networkPolicy: \"calcio\" is not one of none, any, cilium, calico, azure; did you mean "
                                    + "'calico'?",
                            "req.yaml:3: trafficPattern: 3 is not one of intra-cluster, external, mixed",
                            "req.yaml:4: currentPlugin: \"azure\" is not one of azure-cni-overlay, "
                                    + "azure-cni-pod-subnet, azure-cni-node-subnet, kubenet, byo-cni"),
                    errors("nodeCount: 3\nnetworkPolicy: calcio\ntrafficPattern: 3\ncurrentPlugin: azure\n"));
        }

        @Test
        void blankOrStructuredText() {
            assertEquals(List.of(
                            "req.yaml:2: customCni: expected non-blank text, got \"  \"",
                            "req.yaml:3: name: expected text, got a nested object"),
                    errors("nodeCount: 3\ncustomCni: '  '\nname: {team: a}\n"));
        }

        @Test
        void windowsVersionNeedsWindowsNodePools() {
            assertEquals(List.of("req.yaml:2: windowsServerVersion: needs windowsNodePools: true"),
                    errors("nodeCount: 3\nwindowsServerVersion: 2022\n"));
            assertEquals(List.of("req.yaml:3: windowsServerVersion: needs windowsNodePools: true"),
                    errors("nodeCount: 3\nwindowsNodePools: false\nwindowsServerVersion: \"2025\"\n"));
        }

        @Test
        void unknownWindowsVersion() {
            assertEquals(List.of("req.yaml:3: windowsServerVersion: 2016 is not one of 2019, 2022, 2025"),
                    errors("nodeCount: 3\nwindowsNodePools: true\nwindowsServerVersion: 2016\n"));
        }

        @Test
        void invalidWindowsNodePoolsDoesNotAlsoBlameTheVersion() {
            assertEquals(List.of("req.yaml:2: windowsNodePools: expected true or false, got \"sure\""),
                    errors("nodeCount: 3\nwindowsNodePools: sure\nwindowsServerVersion: 2022\n"));
        }
    }

    @Nested
    class AddressErrors {

        @Test
        void malformedCidr() {
            assertEquals(List.of("req.yaml:2: podCidr: \"10.244.0.0/33\" is not a valid IPv4 CIDR "
                    + "(a.b.c.d/n, n from 0 to 32)"), errors("nodeCount: 3\npodCidr: 10.244.0.0/33\n"));
        }

        @Test
        void looseAddressFormsAreNotCidrs() {
            // inet_aton short form, octal-looking leading zero, wildcard, netmask
            assertEquals(List.of(
                            "req.yaml:2: podCidr: \"10.1/16\" is not a valid IPv4 CIDR (a.b.c.d/n, n from 0 to 32)",
                            "req.yaml:3: serviceCidr: \"010.0.0.0/16\" is not a valid IPv4 CIDR "
                                    + "(a.b.c.d/n, n from 0 to 32)",
                            "req.yaml:4: nodeSubnetCidr: \"10.*.0.0/16\" is not a valid IPv4 CIDR "
                                    + "(a.b.c.d/n, n from 0 to 32)",
                            "req.yaml:5: connectedNetworks[0]: \"10.0.0.0/255.0.0.0\" is not a valid IPv4 CIDR "
                                    + "(a.b.c.d/n, n from 0 to 32)"),
                    errors("nodeCount: 3\npodCidr: 10.1/16\nserviceCidr: 010.0.0.0/16\n"
                            + "nodeSubnetCidr: 10.*.0.0/16\nconnectedNetworks: [10.0.0.0/255.0.0.0]\n"));
        }

        @Test
        void cidrWithoutPrefixLength() {
            assertEquals(List.of("req.yaml:2: serviceCidr: \"10.0.0.0\" needs a prefix length "
                    + "(a.b.c.d/n, n from 0 to 32)"), errors("nodeCount: 3\nserviceCidr: 10.0.0.0\n"));
        }

        @Test
        void ipv6Cidr() {
            assertEquals(List.of("req.yaml:2: podCidr: \"fd00::/8\" is IPv6; this key takes an IPv4 CIDR"),
                    errors("nodeCount: 3\npodCidr: fd00::/8\n"));
        }

        @Test
        void cidrWithHostBitsSet() {
            assertEquals(List.of("req.yaml:2: nodeSubnetCidr: \"10.0.1.5/24\" has host bits set; "
                    + "the network address is 10.0.1.0/24"), errors("nodeCount: 3\nnodeSubnetCidr: 10.0.1.5/24\n"));
        }

        @Test
        void cidrGivenAsNumber() {
            assertEquals(List.of("req.yaml:2: podCidr: expected an IPv4 CIDR (a.b.c.d/n, n from 0 to 32), got 10"),
                    errors("nodeCount: 3\npodCidr: 10\n"));
        }

        @Test
        void connectedNetworkItemsAreNamedByIndex() {
            assertEquals(List.of(
                            "req.yaml:2: connectedNetworks[1]: \"192.168.1.1/24\" has host bits set; "
                                    + "the network address is 192.168.1.0/24",
                            "req.yaml:2: connectedNetworks[2]: \"banana\" is not a valid IPv4 CIDR "
                                    + "(a.b.c.d/n, n from 0 to 32)",
                            "req.yaml:2: connectedNetworks[3]: expected an IPv4 CIDR (a.b.c.d/n, n from 0 to 32), "
                                    + "got 42"),
                    errors("nodeCount: 3\nconnectedNetworks:\n  - 10.0.0.0/8\n  - 192.168.1.1/24\n"
                            + "  - banana\n  - 42\n"));
        }

        @Test
        void connectedNetworksMustBeAList() {
            assertEquals(List.of("req.yaml:2: connectedNetworks: expected a list of IPv4 CIDRs, got true"),
                    errors("nodeCount: 3\nconnectedNetworks: true\n"));
        }

        @Test
        void dnsServiceIpIsAPlainAddress() {
            assertEquals(List.of(
                            "req.yaml:2: dnsServiceIp: \"10.0.0.10/32\" has a prefix length; "
                                    + "this key takes a single address (a.b.c.d)",
                            "req.yaml:3: dnsServiceIp: given more than once (first on line 2)"),
                    errors("nodeCount: 3\ndnsServiceIp: 10.0.0.10/32\ndnsServiceIp: x\n"));
            assertEquals(List.of("req.yaml:2: dnsServiceIp: \"10.0.0.256\" is not a valid IPv4 address (a.b.c.d)"),
                    errors("nodeCount: 3\ndnsServiceIp: 10.0.0.256\n"));
            assertEquals(List.of("req.yaml:2: dnsServiceIp: \"fd00::10\" is IPv6; this key takes an IPv4 address"),
                    errors("nodeCount: 3\ndnsServiceIp: fd00::10\n"));
        }
    }

    @Nested
    class DocumentErrors {

        @Test
        void emptyFile() throws IOException {
            Path file = write("empty.yaml", "");
            InputException e = assertThrows(InputException.class,
                    () -> RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()));

            assertEquals(file + ": the request is empty", e.getMessage());
        }

        @Test
        void commentsOnlyOrNullDocumentIsEmpty() {
            assertEquals(List.of("req.yaml: the request is empty"), errors("# nothing yet\n\n"));
            assertEquals(List.of("req.yaml: the request is empty"), errors("---\n"));
            assertEquals(List.of("req.yaml: the request is empty"), errors("   \n"));
        }

        @Test
        void topLevelNotAnObject() {
            assertEquals(List.of("req.yaml:1: expected an object of request keys"), errors("- nodeCount: 3\n"));
            assertEquals(List.of("req.yaml:1: expected an object of request keys"), errors("just text\n"));
            assertEquals(List.of("req.json:1: expected an object of request keys"), errors("req.json", "[1, 2]"));
        }

        @Test
        void malformedYaml() {
            assertEquals(List.of("req.yaml:2: invalid YAML: mapping values are not allowed here"),
                    errors("nodeCount: 3\nname: a: b\n"));
        }

        @Test
        void unterminatedYamlStringNamesWhereItStarted() {
            assertEquals(List.of("req.yaml:4: invalid YAML: found unexpected end of stream "
                            + "(while scanning a quoted scalar started on line 2)"),
                    errors("nodeCount: 3\nname: \"team\nnetworkPolicy: none\n"));
        }

        @Test
        void malformedJson() {
            assertEquals(List.of("req.json:2: invalid JSON: Unexpected character ('}' (code 125)): expected a value"),
                    errors("req.json", "{\"nodeCount\": 3,\n \"name\": }"));
        }

        @Test
        void truncatedJsonHasNoParserInternals() {
            assertEquals(List.of("req.json:2: invalid JSON: Unexpected end-of-input: expected close marker "
                    + "for Object"), errors("req.json", "{\"nodeCount\": 3,\n \"name\": \"a\""));
        }

        @Test
        void jsonFileExtensionForcesJsonParsing() throws IOException {
            Path file = write("team.json", "nodeCount: 3\n");
            InputException e = assertThrows(InputException.class,
                    () -> RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()));

            assertEquals(file + ":1: invalid JSON: Unrecognized token 'nodeCount': was expecting "
                    + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')", e.getMessage());
        }

        @Test
        void yamlAliasesAreRefusedRatherThanReadAsTheirName() {
            assertEquals(List.of(
                            "req.yaml:1: nodeCount: YAML aliases (*count) are not supported; write the value out",
                            "req.yaml:2: unknown key 'colour'; allowed keys are "
                                    + String.join(", ", Fixtures.binder().keys()),
                            "req.yaml:3: name: YAML aliases (*n) are not supported; write the value out"),
                    errors("nodeCount: *count\ncolour: &n blue\nname: *n\n"));
        }

        @Test
        void yamlComplexKeyMessageHasNoParserInternals() {
            assertEquals(List.of("req.yaml:1: invalid YAML: Expected a field name (Scalar value in YAML), "
                    + "got this instead"), errors("? [a, b]\n: 3\nnodeCount: 3\n"));
        }

        @Test
        void secondYamlDocument() {
            assertEquals(List.of("req.yaml:3: unexpected content after the request object (one request per file)"),
                    errors("nodeCount: 3\n---\nnodeCount: 4\n"));
        }

        @Test
        void notUtf8() {
            InputException e = assertThrows(InputException.class, () -> RequestReader.read("req.yaml", "req",
                    new ByteArrayInputStream(new byte[] {'n', ':', ' ', (byte) 0xFF, '\n'}), Fixtures.binder()));

            assertEquals("req.yaml: is not UTF-8 text", e.getMessage());
        }

        @Test
        void missingFile() {
            Path file = dir.resolve("absent.yaml");
            InputException e = assertThrows(InputException.class,
                    () -> RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()));

            assertEquals(file + ": no such file", e.getMessage());
        }

        @Test
        void directory() {
            InputException e = assertThrows(InputException.class,
                    () -> RequestReader.read(dir, InputStream.nullInputStream(), Fixtures.binder()));

            assertEquals(dir + ": is a directory, not a request file", e.getMessage());
        }
    }

    @Test
    void allProblemsAreReportedTogetherInLineOrder() throws IOException {
        Path file = write("team-c.yaml", """
                name: team-c
                nodeCont: 10
                maxPodsPerNode: lots
                podCidr: 10.244.0.1/16
                networkPolicy: calcio
                connectedNetworks: ["10.1.0.0/16", "fd00::/8"]
                windowsServerVersion: 2022
                """);
        InputException e = assertThrows(InputException.class,
                () -> RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()));

        assertEquals(String.join("\n",
                file + ":2: unknown key 'nodeCont'; did you mean 'nodeCount'?",
                file + ":3: maxPodsPerNode: expected a whole number from 10 to 250, got \"lots\"",
                file + ":4: podCidr: \"10.244.0.1/16\" has host bits set; the network address is 10.244.0.0/16",
                file + ":5: networkPolicy: \"calcio\" is not one of none, any, cilium, calico, azure; did you mean 'calico'?",
                file + ":6: connectedNetworks[1]: \"fd00::/8\" is IPv6; this key takes an IPv4 CIDR",
                file + ":7: windowsServerVersion: needs windowsNodePools: true",
                file + ": nodeCount: required (the most nodes the cluster may reach), unless nodePools lists the pools"), e.getMessage());
        assertEquals(7, e.errors().size());
        assertEquals(new InputError(file.toString(), 3, "maxPodsPerNode",
                "expected a whole number from 10 to 250, got \"lots\""), e.errors().get(1));
    }
}
