package cniadvisor.cli;

import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --fail-on} for advise, ask and plan: error findings fail the run with exit code 6 (warnings too with
 * {@code --fail-on warning}, nothing with {@code never}), and error and warning findings go to stderr in every
 * format. Batch: {@link BatchCommandTest}.
 */
class FailOnTest {

    private static final String AS_OF = "2026-11-21";
    private static final String WINDOWS_2019 = "examples/requests/windows-2019.yaml";
    private static final String WINDOWS_2022 = "examples/requests/windows-line-of-business.yaml";

    private static final String RETIRED = "error: legacy-windows: [LIFE-WINDOWS-RETIRED] Windows Server 2019 has been "
            + "unsupported since 2026-03-01: Windows Server 2019 is not supported from Kubernetes 1.33; node images "
            + "are removed on 2027-04-01, after which scaling fails. Use Windows Server 2025.\n";
    private static final String RETIRING = "warning: lob-windows: [LIFE-WINDOWS-RETIRING] Windows Server 2022 is "
            + "unsupported from 2028-06-30: Windows Server 2022 is not supported on Kubernetes 1.37 and later; node "
            + "images are removed on 2029-06-30. Plan the move to Windows Server 2025.\n";

    @TempDir
    Path dir;

    private static CliRun advise(String file, String... options) {
        List<String> args = new ArrayList<>(List.of("advise", "-f", file, "--as-of", AS_OF));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void aFindingLineOnStderrIsOneLineWhateverTheNameHolds() throws Exception {
        Path request = Files.writeString(dir.resolve("hostile.json"), """
                {"name": "team\\nerror: fake\\u2028[31m", "nodeCount": 10, "windowsNodePools": true,
                 "windowsServerVersion": "2019"}
                """);
        CliRun run = CliRun.run("advise", "-f", request.toString(), "--as-of", "2026-11-21", "-o", "json");
        assertEquals(6, run.exitCode(), run::toString);
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.get(0).startsWith("error: team error: fake [31m: [LIFE-WINDOWS-RETIRED] "), run::toString);
        assertFalse(run.err().contains("\u2028"), run::toString);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("error: fake")), run::toString);
    }

    @Test
    void aRetiredWindowsImageFailsTheRunWithTheErrorOnStderr() {
        CliRun run = advise(WINDOWS_2019);

        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.out().contains("RECOMMENDED  Azure CNI Overlay, azure data plane, calico network policy"),
                run::toString);
        assertEquals(RETIRED + "cni-advisor: failing (--fail-on error): 1 error\n", run.err());
    }

    @Test
    void failOnNeverReportsTheErrorButDoesNotFail() {
        CliRun never = advise(WINDOWS_2019, "--fail-on", "never");

        assertEquals(0, never.exitCode(), never::toString);
        assertEquals(RETIRED, never.err());
        assertEquals(advise(WINDOWS_2019).out(), never.out(), "the report is the same");
    }

    @Test
    void jsonStaysValidOnStdoutWithTheFindingsOnStderr() throws Exception {
        CliRun run = advise(WINDOWS_2019, "-o", "json");

        assertEquals(6, run.exitCode(), run::toString);
        JsonNode advice = new ObjectMapper().readTree(run.out());
        assertEquals("LIFE-WINDOWS-RETIRED", advice.at("/warnings/0/rule").asText());
        assertEquals(RETIRED + "cni-advisor: failing (--fail-on error): 1 error\n", run.err());
    }

    @Test
    void terraformOnStdoutIsOnlyTerraformAndTheFindingsStillShow() {
        CliRun run = advise(WINDOWS_2019, "-o", "terraform");
        CliRun never = advise(WINDOWS_2019, "-o", "terraform", "--fail-on", "never");

        assertEquals(6, run.exitCode(), run::toString);
        assertEquals(RETIRED + "cni-advisor: failing (--fail-on error): 1 error\n", run.err());
        assertTrue(run.out().startsWith("# AKS CNI Advisor: legacy-windows, as of 2026-11-21: "), run.out());
        assertTrue(run.out().contains("\n  network_profile {\n    network_plugin      = \"azure\"\n"), run.out());
        assertFalse(run.out().contains("LIFE-WINDOWS-RETIRED"), run.out());
        assertEquals(never.out(), run.out(), "--fail-on changes the exit code, not the Terraform");
        assertEquals(0, never.exitCode(), never::toString);
    }

    @Test
    void everyFormatCarriesTheFindingsToStderr() {
        for (String format : List.of("text", "json", "yaml", "markdown", "terraform", "bicep")) {
            CliRun run = advise(WINDOWS_2022, "-o", format);

            assertEquals(0, run.exitCode(), () -> format + ": " + run);
            assertEquals(RETIRING, run.err(), format);
        }
    }

    @Test
    void aWarningFailsTheRunOnlyWithFailOnWarning() {
        CliRun byDefault = advise(WINDOWS_2022);
        CliRun onWarning = advise(WINDOWS_2022, "--fail-on", "warning");

        assertEquals(0, byDefault.exitCode(), byDefault::toString);
        assertEquals(RETIRING, byDefault.err());
        assertEquals(6, onWarning.exitCode(), onWarning::toString);
        assertEquals(RETIRING + "cni-advisor: failing (--fail-on warning): 1 warning\n", onWarning.err());
        assertEquals(byDefault.out(), onWarning.out());
    }

    @Test
    void noFitStaysFourAndStillListsTheFindings() {
        CliRun run = advise("examples/requests/conflict-virtual-nodes-dual-stack.yaml");
        CliRun terraform = advise("examples/requests/conflict-virtual-nodes-dual-stack.yaml", "-o", "terraform");

        String finding = "error: impossible: [ELIG-CONFLICT-ERROR] Not supported together (virtualNodes + dualStack): "
                + "virtual nodes do not support IPv6 or dual-stack (and they need Azure CNI Node Subnet, while dual-stack "
                + "needs Azure CNI Overlay); drop one of the two.\n";
        assertEquals(4, run.exitCode(), run::toString);
        assertEquals(finding + "error: no option fits the requirements of impossible (azure-cni-overlay: "
                + "ELIG-UNSUPPORTED-FEATURE; azure-cni-pod-subnet: ELIG-UNSUPPORTED-FEATURE; azure-cni-node-subnet: "
                + "ELIG-UNSUPPORTED-FEATURE; kubenet: ELIG-UNSUPPORTED-FEATURE, LIFE-RETIRING-PLUGIN-NEW-CLUSTER; "
                + "byo-cni: ELIG-BYO-NEEDS-CUSTOM-CNI)\n", run.err(), "no fit said on stderr; no --fail-on closing line");
        assertEquals(4, terraform.exitCode(), terraform::toString);
        assertTrue(terraform.err().startsWith(finding + "error: no option satisfies the requirements of impossible, "
                + "so there is no terraform to write."), terraform.err());
    }

    @Test
    void anUnknownLevelIsAUsageError() {
        CliRun run = advise(WINDOWS_2019, "--fail-on", "info");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: Invalid value for option '--fail-on': expected one of [error, "
                + "warning, never] (case-insensitive) but was 'info'\n"), run.err());
    }

    @Test
    void planFailsOnAnOverlappingRange() throws Exception {
        Path request = Files.writeString(dir.resolve("overlap.yaml"), """
                name: overlap
                nodeCount: 10
                nodeSubnetCidr: 10.20.0.0/24
                podCidr: 10.20.0.0/16
                """);

        CliRun run = CliRun.run("plan", "-f", request.toString(), "--as-of", AS_OF, "-o", "json");
        CliRun never = CliRun.run("plan", "-f", request.toString(), "--as-of", AS_OF, "-o", "json",
                "--fail-on", "never");

        String finding = "error: overlap: [IP-RANGES-OVERLAP] The node subnet 10.20.0.0/24 overlaps the pod CIDR "
                + "10.20.0.0/16; these ranges must not share addresses (routing breaks, or AKS rejects the "
                + "cluster).\n";
        assertEquals(6, run.exitCode(), run::toString);
        assertEquals(finding + "cni-advisor: failing (--fail-on error): 1 error\n", run.err());
        assertEquals("azure-cni-overlay", new ObjectMapper().readTree(run.out()).path("option").asText());
        assertEquals(0, never.exitCode(), never::toString);
        assertEquals(finding, never.err());
        assertEquals(run.out(), never.out());
    }

    @Test
    void askEndsAsAdviseDoes() {
        String answers = String.join("\n", "old-win", "20", "", "", "n", "y", "2019", "calico", "n", "", "n", "n", "n",
                "new", "n", "") + "\n";

        CliRun run = CliRun.runWithInput(answers, "ask", "--as-of", AS_OF, "-o", "json");
        CliRun never = CliRun.runWithInput(answers, "ask", "--as-of", AS_OF, "-o", "json", "--fail-on", "never");

        String finding = RETIRED.replace("legacy-windows", "old-win");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().endsWith("\n" + finding + "cni-advisor: failing (--fail-on error): 1 error\n"),
                run.err());
        assertEquals(0, never.exitCode(), never::toString);
        assertTrue(never.err().endsWith("\n" + finding), never.err());
    }
}
