package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A cluster whose pools AKS would refuse fails the run, with each pool named by name and index on stderr. */
class PoolErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aWindowsSystemPoolAThousandAndOneNodesAndASubnetOutsideTheVnetAreErrorsNamingThePool() throws IOException {
        Path file = Files.writeString(dir.resolve("pools.yaml"), """
                name: pool-errors
                vnetCidr: [10.40.0.0/16]
                nodeSubnetCidr: 10.40.0.0/20
                nodePools:
                  - {name: winsys, mode: system, os: windows, maxCount: 3}
                  - {name: huge, maxCount: 1001}
                  - {name: win, os: windows, maxCount: 3, nodeSubnetCidr: 10.50.0.0/24}
                """);
        for (String format : List.of("text", "json", "terraform")) {
            CliRun run = CliRun.run("advise", "-f", file.toString(), "-o", format, "--as-of", "2026-11-21");
            assertEquals(6, run.exitCode(), run::toString);
            String err = run.err();
            assertTrue(err.contains("error: pool-errors: [POOL-WINDOWS-SYSTEM] Node pools: node pool 'winsys' "
                    + "(nodePools[0]) is a Windows system pool"), err);
            assertTrue(err.contains("error: pool-errors: [POOL-MAX-NODES] Node pools: node pool 'huge' "
                    + "(nodePools[1]) may reach 1,001 nodes, but a node pool holds at most 1,000."), err);
            assertTrue(err.contains("error: pool-errors: [SUBNET-OUTSIDE-VNET] The node subnet 10.50.0.0/24 of node "
                    + "pool 'win' (nodePools[2]) lies outside the VNet's address spaces (10.40.0.0/16)"), err);
            assertTrue(err.contains("[POOL-NO-LINUX-SYSTEM]"), err);
            // the given subnet stays as given in what is deployed
            if (format.equals("terraform")) {
                assertTrue(run.out().contains("10.50.0.0/24"), run.out());
            }
        }
    }
}
