package cniadvisor.cli;

import cniadvisor.io.Mappers;
import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing the user gave is replaced silently: a given range a rule rejects stays in every output format as given,
 * with the rejection and a proposed replacement beside it, the error on stderr and a failing exit code.
 */
class GivenRangesTest {

    @TempDir
    Path dir;

    /** A pod CIDR that overlaps the node subnet: IP-RANGES-OVERLAP rejects both. */
    private Path overlapping() throws IOException {
        return Files.writeString(dir.resolve("overlap.yaml"), """
                name: overlap
                nodeCount: 10
                nodeSubnetCidr: 10.0.0.0/24
                podCidr: 10.0.0.0/18
                """);
    }

    private static CliRun advise(Path request, String... format) {
        String[] args = new String[]{"advise", "-f", request.toString(), "--as-of", "2026-11-21"};
        String[] all = new String[args.length + format.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(format, 0, all, args.length, format.length);
        return CliRun.run(all);
    }

    private static final String OVERLAP = "error: overlap: [IP-RANGES-OVERLAP] The node subnet 10.0.0.0/24 overlaps the "
            + "pod CIDR 10.0.0.0/18; these ranges must not share addresses (routing breaks, or AKS rejects the cluster).";

    @Test
    void terraformKeepsTheGivenPodCidrAndSaysWhatItProposes() throws IOException {
        CliRun run = advise(overlapping(), "-o", "terraform");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.out().contains("  pod_cidr            = \"10.0.0.0/18\" # the given value is rejected by "
                + "IP-RANGES-OVERLAP (see the findings); cni-advisor proposes 10.244.0.0/16 instead\n"), run::toString);
        assertTrue(run.out().contains("  address_prefixes     = [\"10.0.0.0/24\"] # the given value is "
                + "rejected by IP-RANGES-OVERLAP (see the findings); cni-advisor proposes "), run::toString);
        assertTrue(run.err().startsWith(OVERLAP + System.lineSeparator()), run::toString);
    }

    @Test
    void bicepKeepsTheGivenPodCidrWithAComment() throws IOException {
        CliRun run = advise(overlapping(), "-o", "bicep");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.out().contains("  podCidr: '10.0.0.0/18' // the given value is rejected by IP-RANGES-OVERLAP "
                + "(see the findings); cni-advisor proposes 10.244.0.0/16 instead\n"), run::toString);
        assertTrue(run.err().startsWith(OVERLAP), run::toString);
    }

    @Test
    void jsonDeploysTheGivenValueAndCarriesTheProposalInAField() throws IOException {
        CliRun run = advise(overlapping(), "-o", "json");
        assertEquals(6, run.exitCode(), run::toString);
        JsonNode advice = Mappers.JSON.readTree(run.out());
        assertEquals("10.0.0.0/18", advice.at("/recommendation/network/podCidr").asText());
        assertTrue(advice.at("/recommendation/azCli").asText().contains("--pod-cidr 10.0.0.0/18"));
        JsonNode pod = null;
        for (JsonNode range : advice.at("/addressPlan/ranges")) {
            if (range.get("role").asText().equals("pod-cidr")) {
                pod = range;
            }
        }
        assertEquals(Mappers.JSON.readTree("""
                {"role": "pod-cidr", "cidr": "10.0.0.0/18", "origin": "rejected",
                 "reason": "rejected by IP-RANGES-OVERLAP (see the findings)", "proposal": "10.244.0.0/16"}"""), pod);
    }

    @Test
    void aValidGivenDnsServiceIpInTheDefaultServiceCidrIsNeverMoved() throws IOException {
        Path request = Files.writeString(dir.resolve("dns.yaml"), """
                name: dns
                nodeCount: 10
                nodeSubnetCidr: 10.20.0.0/24
                dnsServiceIp: 10.0.0.53
                """);
        CliRun run = advise(request, "-o", "terraform");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("service_cidr        = \"10.0.0.0/16\"\n"), run::toString);
        assertTrue(run.out().contains("dns_service_ip      = \"10.0.0.53\"\n"), run::toString);
        assertEquals("", run.err());
    }

    @Test
    void planForAnOptionTheGivenSubnetCannotHoldListsTheProposalNotTheGivenRange() {
        // payments: 60 nodes + 3 surge at 50 pods need 3,213 node-subnet addresses; its /24 has 251
        CliRun run = CliRun.run("plan", "-f", "examples/requests/payments.yaml", "--option",
                "azure-cni-node-subnet", "--as-of", "2026-11-21");
        assertEquals(6, run.exitCode(), run::toString);
        String rangesToUse = run.out().substring(0, run.out().indexOf("  Sizing per option"));
        assertFalse(rangesToUse.contains("10.20.0.0/24       given"), rangesToUse);
        assertTrue(rangesToUse.contains("instead of the given 10.20.0.0/24, which is too small for "
                + "azure-cni-node-subnet: it needs (60 nodes + 3 surge) x (50 pods + 1 node IP) = 3,213 addresses"),
                rangesToUse);
        assertTrue(run.out().contains("ERROR: The rules exclude azure-cni-node-subnet for this request: IP space: node "
                + "subnet 10.20.0.0/24 has 251 usable addresses"), run::toString);
        assertTrue(run.err().contains("error: payments: [IP-NODE-SUBNET-CAPACITY] The rules exclude "
                + "azure-cni-node-subnet for this request: "), run::toString);
    }
}
