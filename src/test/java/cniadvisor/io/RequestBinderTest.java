package cniadvisor.io;

import cniadvisor.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cniadvisor.io.RequestBinder.Field;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Request;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBinderTest {

    private static List<String> errors(List<Field> fields) {
        InputException e = assertThrows(InputException.class, () -> Fixtures.binder().bind(fields, "batch.csv", "row"));
        return e.errors().stream().map(InputError::format).toList();
    }

    @Test
    void keysAreTheContractKeysInContractOrder() {
        assertEquals(List.of("name", "nodeCount", "maxSurge", "surgeNodes", "maxPodsPerNode", "windowsNodePools",
                "windowsServerVersion", "nodePools", "networkPolicy", "advancedPolicy", "trafficPattern",
                "directPodAccess", "podSourceIpVisible", "virtualNodes", "dualStack", "appGatewayForContainers",
                "applicationGatewayIngress", "sharedSubnet", "nodeAutoProvisioning", "privateCluster",
                "apiServerVnetIntegration", "outboundType", "customCni", "currentPlugin", "vnetCidr",
                "nodeSubnetCidr", "podCidr", "serviceCidr", "dnsServiceIp", "connectedNetworks",
                "apiServerSubnetCidr", "appGatewayForContainersSubnetCidr", "applicationGatewaySubnetCidr",
                "virtualNodesSubnetCidr"), Fixtures.binder().keys());
    }

    @Test
    void csvStyleTextFieldsBind() throws InputException {
        List<Field> row = List.of(
                Field.text("name", "team-d", 2),
                Field.text("nodeCount", "12", 2),
                Field.text("maxPodsPerNode", " 30 ", 2),
                Field.text("surgeNodes", "", 2),
                Field.text("podCidr", "", 2),
                Field.text("connectedNetworks", "10.1.0.0/16;192.168.0.0/24", 2),
                Field.text("windowsNodePools", "true", 2),
                Field.text("windowsServerVersion", "2022", 2),
                Field.text("directPodAccess", "FALSE", 2),
                Field.text("dualStack", "True", 2),
                Field.text("networkPolicy", "azure", 2));

        NamedRequest named = Fixtures.binder().bind(row, "batch.csv", "row-2");
        Request request = named.request();

        Map<String, Object> values = Fixtures.binder().contract().values(named);
        assertEquals("team-d", values.get("name"));
        assertEquals(12, values.get("nodeCount"));
        assertEquals(30, values.get("maxPodsPerNode"));
        assertEquals(List.of("10.1.0.0/16", "192.168.0.0/24"), values.get("connectedNetworks"));
        assertEquals(List.of("2022"), request.windowsServerVersions());
        assertEquals("azure", request.networkPolicy());
        assertEquals(java.util.Set.of("dualStack", "windows", "windows-server-2022", "networkPolicy"),
                request.features());
    }

    @Test
    void csvListToleratesSpacesAndATrailingSeparator() throws InputException {
        NamedRequest request = Fixtures.binder().bind(List.of(Field.text("nodeCount", "3", 0),
                Field.text("connectedNetworks", " 10.1.0.0/16 ; 10.2.0.0/16;", 0)), "batch.csv", "row");

        assertEquals(List.of("10.1.0.0/16", "10.2.0.0/16"), request.request().connectedNetworks());
        assertEquals("row", request.name());
    }

    @Test
    void csvStyleErrorsNameTheItemIndex() {
        assertEquals(List.of(
                        "batch.csv:4: nodeCount: expected a whole number from 1 up, got \"twelve\"",
                        "batch.csv:4: connectedNetworks[1]: \"10.2.0.1/16\" has host bits set; "
                                + "the network address is 10.2.0.0/16",
                        "batch.csv:4: virtualNodes: expected true or false, got \"yes please\""),
                errors(List.of(Field.text("nodeCount", "twelve", 4),
                        Field.text("connectedNetworks", "10.1.0.0/16;10.2.0.1/16", 4),
                        Field.text("virtualNodes", "yes please", 4))));
    }

    @Test
    void unknownLineIsLeftOutOfTheMessage() {
        assertEquals(List.of("batch.csv: nodeCount: given more than once",
                        "batch.csv: unknown key 'podCIDR'; did you mean 'podCidr'?"),
                errors(List.of(Field.text("nodeCount", "3", 0), Field.text("nodeCount", "4", 0),
                        Field.text("podCIDR", "10.0.0.0/8", 0))));
    }

    @Test
    void peakNodesMustFitAnInt() {
        assertEquals(List.of("batch.csv:1: nodeCount: nodeCount + its upgrade surge must not exceed 2147483647"),
                errors(List.of(Field.text("nodeCount", "2147483647", 1))));
        assertEquals(List.of("batch.csv:2: surgeNodes: nodeCount + surgeNodes must not exceed 2147483647"),
                errors(List.of(Field.text("nodeCount", "2147483000", 1), Field.text("surgeNodes", "1000", 2))));
    }

    @Test
    void maxSurgeIsACountOrAPercentageAndSurgeNodesIsItsCount() throws InputException {
        Request percent = Fixtures.binder().bind(List.of(Field.text("nodeCount", "60", 1), Field.text("maxSurge", "33%", 2)),
                "batch.csv", "row").request();
        assertEquals("33%", percent.maxSurge());
        assertEquals(20, percent.surgeNodes()); // 19.8 rounded up
        Request count = Fixtures.binder().bind(List.of(Field.text("nodeCount", "60", 1), Field.text("maxSurge", "4", 2)),
                "batch.csv", "row").request();
        assertEquals("4", count.maxSurge());
        assertEquals(4, count.surgeNodes());
        Request old = Fixtures.binder().bind(List.of(Field.text("nodeCount", "60", 1), Field.text("surgeNodes", "4", 2)),
                "batch.csv", "row").request();
        assertEquals(count, old);
        Request none = Fixtures.binder().bind(List.of(Field.text("nodeCount", "60", 1)), "batch.csv", "row").request();
        assertEquals(null, none.maxSurge());
        assertEquals(null, none.surgeNodes()); // AKS's default, a fact, is applied by the engine
    }

    @Test
    void maxSurgeOutsideItsRangeAndBothSurgeKeysAreErrors() {
        String expected = "expected a node count (a whole number from 0 up, e.g. 3) or a percentage of the nodes "
                + "from 1% to 100% (e.g. 33%), got ";
        for (String bad : List.of("0%", "101%", "-1", "ten", "3.5", "%")) {
            assertEquals(List.of("batch.csv:2: maxSurge: " + expected + "\"" + bad + "\""),
                    errors(List.of(Field.text("nodeCount", "6", 1), Field.text("maxSurge", bad, 2))), bad);
        }
        assertEquals(List.of("batch.csv:3: maxSurge: give surgeNodes or maxSurge, not both (surgeNodes is given "
                        + "too; surgeNodes: N is maxSurge: N)"),
                errors(List.of(Field.text("nodeCount", "6", 1), Field.text("surgeNodes", "1", 2),
                        Field.text("maxSurge", "10%", 3))));
    }
}
