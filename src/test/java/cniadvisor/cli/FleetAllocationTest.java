package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.ipplan.Cidrs;
import cniadvisor.ipplan.Cidrs.Span;
import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --address-pool} through the real entry point: every range allocated lies in the pool and overlaps no
 * other routable range of the batch, pairs checked one by one; cluster-private ranges stay clear of all of them;
 * deployments use what was allocated; the result does not depend on the thread count.
 */
class FleetAllocationTest {

    private static final String AS_OF = "2026-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUBNET_ROLES = List.of("node-subnet", "pod-subnet", "api-server-subnet",
            "agc-subnet", "appgw-subnet", "aci-subnet");

    @TempDir
    Path dir;

    private static CliRun batch(String... args) {
        List<String> all = new ArrayList<>(List.of("batch", "--as-of", AS_OF, "--no-cache", "--no-progress"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** A routable range of the batch: whose it is, what it is, and whether the batch allocated it. */
    private record Routable(String owner, String role, String cidr, boolean allocated) {
        Span span() {
            return Span.of(cidr);
        }
    }

    private static List<JsonNode> lines(String jsonl) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : jsonl.lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** Every VNet range of every recommended request: allocated ones, and the subnets its plan got as given. */
    private static List<Routable> routable(List<JsonNode> results) {
        List<Routable> ranges = new ArrayList<>();
        for (JsonNode result : results) {
            if (!result.has("addressPlan")) {
                continue;
            }
            String owner = result.get("input").asText();
            for (JsonNode allocated : result.path("allocation")) {
                if (allocated.has("cidr") && !allocated.path("shared").asBoolean()
                        && !allocated.get("role").asText().equals("vnet")) {
                    ranges.add(new Routable(owner, allocated.get("role").asText(), allocated.get("cidr").asText(),
                            true));
                }
            }
            for (JsonNode range : result.path("addressPlan").path("ranges")) {
                if (range.get("origin").asText().equals("given") && SUBNET_ROLES.contains(range.get("role").asText())
                        && !range.get("cidr").asText().contains(":")) {
                    ranges.add(new Routable(owner, range.get("role").asText(), range.get("cidr").asText(), false));
                }
            }
        }
        return ranges;
    }

    /** Every pair whose one side was allocated overlaps nothing: sorted by first address, checked pair by pair. */
    private static void assertNoAllocatedRangeOverlaps(List<Routable> ranges) {
        List<Routable> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong((Routable r) -> r.span().first()));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size() && sorted.get(j).span().first() <= sorted.get(i).span().last();
                 j++) {
                Routable a = sorted.get(i);
                Routable b = sorted.get(j);
                assertFalse(a.allocated() || b.allocated(), a + " overlaps " + b);
            }
        }
    }

    private static boolean inPools(String cidr, List<String> pools) {
        return pools.stream().anyMatch(pool -> Cidrs.contains(pool, cidr));
    }

    @Test
    void theTeamsExampleAllocatesInsideThePoolWithoutOneOverlapAndDeploysWhatItAllocated() throws IOException {
        List<String> pools = List.of("10.20.0.0/16", "10.40.0.0/16");
        CliRun run = batch("examples/batch/teams.csv", "--address-pool", String.join(",", pools), "-o", "jsonl");
        List<JsonNode> results = lines(run.out());
        List<Routable> ranges = routable(results);

        // three requests lack a subnet: trading (line 4) a pod subnet, /21 for 1,320; edge-ipv6 and teams.csv#10
        // a VNet each holding their node subnet (/23, /27): best fit, lowest first, around the given 10.20.0.0/24
        // and 10.20.4.0/22
        List<Routable> allocated = ranges.stream().filter(Routable::allocated).toList();
        assertEquals(List.of("pod-subnet 10.20.8.0/21", "node-subnet 10.20.2.0/23", "node-subnet 10.20.1.0/27"),
                allocated.stream().map(r -> r.role() + " " + r.cidr()).toList());
        // all pairs, allocated against allocated and given
        for (Routable a : allocated) {
            assertTrue(inPools(a.cidr(), pools), a + " outside the pool");
            for (Routable b : ranges) {
                if (a != b) {
                    assertFalse(Cidrs.overlaps(a.cidr(), b.cidr()), a + " overlaps " + b);
                }
            }
        }
        assertNoAllocatedRangeOverlaps(ranges);
        // the deployment creates the allocated subnet, and the plan says where it came from
        JsonNode edge = results.stream().filter(r -> r.path("name").asText().equals("edge-ipv6")).findFirst()
                .orElseThrow();
        String node = edge.get("allocation").findValues("cidr").get(1).asText();
        JsonNode planned = edge.at("/recommendation/deployment/subnets/0");
        assertEquals(node, planned.get("cidr").asText());
        assertEquals("allocated", planned.get("origin").asText());
        // cluster-private ranges: reused, and clear of every routable range the batch names
        for (JsonNode result : results) {
            for (JsonNode shared : result.path("allocation")) {
                if (shared.path("shared").asBoolean()) {
                    String cidr = shared.get("cidr").asText();
                    assertFalse(pools.stream().anyMatch(pool -> Cidrs.overlaps(pool, cidr)), cidr);
                    ranges.forEach(r -> assertFalse(Cidrs.overlaps(r.cidr(), cidr), r + " and " + cidr));
                }
            }
        }
    }

    @Test
    void aThousandRequestsFromOneSmallPoolNeverOverlapAndTheRestAreErrorsSayingWhatWasLeft() throws IOException {
        StringBuilder csv = new StringBuilder("name,nodeCount,nodeSubnetCidr,podCidr,trafficPattern,directPodAccess\n");
        for (int i = 0; i < 1000; i++) {
            // every seventh gives a subnet of its own inside the pool; every fifth needs a pod subnet
            String given = i % 7 == 0 ? String.format(Locale.ROOT, "10.30.%d.0/24", (i / 7) % 256) : "";
            boolean flat = i % 5 == 0;
            csv.append("team-").append(i).append(',').append(3 + i % 120).append(',').append(given).append(",,")
                    .append(flat ? "external,true" : ",").append('\n');
        }
        Path input = dir.resolve("many.csv");
        Files.writeString(input, csv);
        List<String> pools = List.of("10.30.0.0/16");

        CliRun run = batch(input.toString(), "--address-pool", pools.get(0), "-o", "jsonl", "--threads", "2");
        List<JsonNode> results = lines(run.out());
        List<Routable> ranges = routable(results);

        assertEquals(1000, results.size());
        ranges.stream().filter(Routable::allocated).forEach(r -> assertTrue(inPools(r.cidr(), pools), r.toString()));
        assertNoAllocatedRangeOverlaps(ranges);
        long notAllocated = results.stream().filter(r -> r.path("warnings").findValuesAsText("rule")
                .contains("BATCH-ADDRESS-POOL-EXHAUSTED")).count();
        assertTrue(notAllocated > 0, "a /16 cannot hold all of them");
        assertEquals(6, run.exitCode(), run.err());
        assertTrue(run.err().contains("no room for the VNet"), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("  Not allocated: [0-9,]+ requests the pool could not "
                + "hold \\(errors\\)")), run.err());
    }

    @Test
    void theAllocationIsTheSameBytesWhateverTheThreadCount() {
        String one = batch("examples/batch/teams.csv", "--address-pool", "10.0.0.0/8", "-o", "jsonl", "--threads",
                "1").out();
        String four = batch("examples/batch/teams.csv", "--address-pool", "10.0.0.0/8", "-o", "jsonl", "--threads",
                "4").out();
        assertEquals(one, four);
        assertTrue(one.contains("\"allocation\""));
    }

    @Test
    void aPoolOverAksDefaultsMovesTheServiceCidrAndTheDnsIpOutOfIt() throws IOException {
        CliRun run = batch("examples/batch/teams.csv", "--address-pool", "10.0.0.0/8", "-o", "jsonl");
        for (JsonNode result : lines(run.out())) {
            JsonNode network = result.at("/recommendation/network");
            if (network.isMissingNode() || !network.has("serviceCidr")) {
                continue;
            }
            String service = network.get("serviceCidr").asText();
            if (result.path("input").asText().endsWith(":9")) {
                assertEquals("10.40.0.0/24", service); // ml-platform gave it: never replaced
                continue;
            }
            assertFalse(Cidrs.overlaps("10.0.0.0/8", service), result.get("input") + ": " + service);
            String dns = network.path("dnsServiceIp").asText(network.path("dnsServiceIP").asText());
            assertTrue(Cidrs.contains(service, dns), service + " " + dns);
        }
    }

    @Test
    void iacDirWritesOneFileOfEachKindPerRecommendedRequestWithTheAllocatedRanges() throws IOException {
        Path out = dir.resolve("iac");
        CliRun run = batch("examples/batch/teams.csv", "--address-pool", "10.20.0.0/16,10.40.0.0/16", "-o",
                "jsonl", "--iac-dir", out.toString());
        List<JsonNode> results = lines(run.out());

        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // nine recommended (analytics is invalid); the unnamed one is named after its cluster word
        assertEquals(27, names.size(), names.toString());
        assertTrue(names.containsAll(List.of("edge-ipv6.tf", "edge-ipv6.sh", "edge-ipv6.bicep",
                "teams-csv-10.tf")), names.toString());
        JsonNode edge = results.stream().filter(r -> r.path("name").asText().equals("edge-ipv6")).findFirst()
                .orElseThrow();
        String node = edge.get("allocation").findValues("cidr").get(1).asText();
        String tf = Files.readString(out.resolve("edge-ipv6.tf"));
        String sh = Files.readString(out.resolve("edge-ipv6.sh"));
        assertTrue(tf.contains("\"" + node + "\""), tf);
        assertTrue(sh.contains("--address-prefixes " + node), sh);
        assertTrue(sh.startsWith("#!/usr/bin/env bash\n# cni-advisor: edge-ipv6 (examples/batch/teams.csv:7)\n"
                + "set -euo pipefail\n: \"${RESOURCE_GROUP:?set RESOURCE_GROUP first}\"\n"), sh);
        assertNotNull(Files.readString(out.resolve("edge-ipv6.bicep")));
    }

    @Test
    void anAddressSpaceFileAddsReservedRangesNoRequestGets() throws IOException {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "pools:\n  - 10.20.0.0/16\nreserved:\n  - cidr: 10.20.0.0/17\n    name: hub\n");

        CliRun run = batch("examples/batch/teams.csv", "--address-space", space.toString(), "-o", "jsonl");
        for (Routable r : routable(lines(run.out()))) {
            if (r.allocated()) {
                assertTrue(Cidrs.contains("10.20.128.0/17", r.cidr()), r.toString());
            }
        }
        assertTrue(run.err().contains("reserved ranges 32,768"), run.err());
    }

    @Test
    void aBadAddressSpaceFileNamesTheFileTheKeyAndWhatIsAllowed() throws IOException {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "pools:\n  - 10.20.0.0/33\nreservd: []\n");

        CliRun run = batch("examples/batch/teams.csv", "--address-space", space.toString());

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains(space + ": reservd: unknown key; allowed: pools, reserved"), run.err());
        assertTrue(run.err().contains(space + ": pools[0]:"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void iacFileNamesNeverClashEvenWhenANameLooksLikeAnotherWithItsPosition() throws IOException {
        Path input = Files.writeString(dir.resolve("a.csv"), "name,nodeCount\nx,10\nx-3,10\nx,10\n");
        Path out = dir.resolve("iac");

        batch(input.toString(), "--address-pool", "10.20.0.0/16", "--iac-dir", out.toString());

        assertTrue(Files.readString(out.resolve("x-3.sh")).contains("# cni-advisor: x-3 (" + input + ":3)"));
        assertTrue(Files.readString(out.resolve("x-3-2.sh")).contains("# cni-advisor: x (" + input + ":4)"));
    }

    @Test
    void aRequestThePoolCannotHoldGetsNoIacFiles() throws IOException {
        Path input = Files.writeString(dir.resolve("a.csv"), "name,nodeCount\nx,10\ny,10\n");
        Path out = dir.resolve("iac");

        CliRun run = batch(input.toString(), "--address-pool", "10.20.0.0/27", "--iac-dir", out.toString());

        // x gets the /27 for its 11 node addresses + 25% (a /28 holds 11: too small for 14); y gets nothing
        assertEquals(6, run.exitCode(), run::toString);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("x.bicep", "x.sh", "x.tf"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
    }

    @Test
    void aGivenDnsServiceIpKeepsItsServiceCidrAndSaysWhy() {
        Path input;
        try {
            input = Files.writeString(dir.resolve("c.csv"), "name,nodeCount,dnsServiceIp\ndns,10,10.0.0.10\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun run = batch(input.toString(), "--address-pool", "10.0.0.0/8", "-o", "jsonl");

        assertTrue(run.out().contains("\"serviceCidr\":\"10.0.0.0/16\""), run.out());
        assertTrue(run.err().contains("[BATCH-ADDRESS-POOL-EXHAUSTED] Address pool: no room for the service CIDR, "
                + "sized for AKS's default 10.0.0.0/16: it overlaps the address pool or a range of the batch, and "
                + "cannot move: the request gives dnsServiceIp 10.0.0.10 inside it"), run.err());
    }

    @Test
    void aGivenSubnetInAReservedRangeIsAnError() throws IOException {
        Path input = Files.writeString(dir.resolve("e.csv"), "name,nodeCount,nodeSubnetCidr\ninhub,10,10.20.255.0/26\n");

        CliRun run = batch(input.toString(), "--address-space", "examples/batch/address-space.yaml");

        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().contains("[BATCH-OUTSIDE-ADDRESS-POOL] Node subnet 10.20.255.0/26 lies in "
                + "10.20.255.0/24 (hub), which the organisation reserves: no cluster may take it."), run.err());
    }

    @Test
    void aHeadroomOutOfRangeIsAUsageError() {
        CliRun run = batch("examples/batch/teams.csv", "--address-pool", "10.0.0.0/8", "--headroom", "2000000000");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--headroom must be from 0 to 400 percent, got 2000000000"), run.err());
    }
}
