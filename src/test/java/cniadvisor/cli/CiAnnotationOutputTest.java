package cniadvisor.cli;

import cniadvisor.render.CiAnnotations;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -o github} and {@code -o azure-devops}: annotations CI shows on the request file or the rule file. */
class CiAnnotationOutputTest {

    @TempDir
    Path dir;

    @Test
    void adviseAnnotatesTheRequestFileAndStillFailsTheRun() {
        CliRun github = CliRun.run("advise", "-f", "examples/requests/windows-2019.yaml", "-o", "github",
                "--as-of", "2026-11-21");
        assertEquals(6, github.exitCode(), github::toString);
        List<String> lines = github.out().lines().toList();
        assertEquals("::notice file=examples/requests/windows-2019.yaml,title=cni-advisor::legacy-windows: recommended "
                + "Azure CNI Overlay, azure data plane, calico network policy", lines.get(0));
        assertTrue(lines.get(1).startsWith("::error file=examples/requests/windows-2019.yaml,title=LIFE-WINDOWS-RETIRED"
                + "::Windows Server 2019 has been unsupported since 2026-03-01"), lines.get(1));

        CliRun devops = CliRun.run("advise", "-f", "examples/requests/legacy-kubenet-migration.yaml", "-o",
                "azure-devops", "--as-of", "2026-11-21");
        assertEquals(0, devops.exitCode(), devops::toString);
        assertTrue(devops.out().contains("##vso[task.logissue type=warning;sourcepath=examples/requests/legacy-kubenet-"
                + "migration.yaml;code=LIFE-RETIRING-PLUGIN-MIGRATE]This cluster runs kubenet"), devops::toString);
    }

    @Test
    void batchAnnotatesEachRequestsLine() {
        CliRun run = CliRun.run("batch", "examples/batch/teams.csv", "-o", "github", "--as-of", "2026-11-21",
                "--no-progress");
        assertEquals(2, run.exitCode(), run::toString); // the example has an invalid row
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.contains("::error file=examples/batch/teams.csv,line=10,title=invalid request::analytics: "
                + "nodeSubnetCidr: \"10.80.0.1/24\" has host bits set; the network address is 10.80.0.0/24"),
                run::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::error file=examples/batch/teams.csv,line=5,"
                + "title=BATCH-NODE-SUBNET-OVERLAP::lob-windows: ")), run::toString);
        // the annotations first, then the summary as plain lines
        assertTrue(lines.get(lines.size() - 1).startsWith("Address pool") || !lines.get(lines.size() - 1)
                .startsWith("::"), run::toString);
    }

    @Test
    void rulesCheckAnnotatesTheRuleFileAtItsLine() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.drl"), "package x;\nrule \"a\"\n  @id(\"X-1\")\nwhen\n  Foo(\nthen\nend\n");
        CliRun run = CliRun.run("rules", "check", "--rules", rules.toString(), "-o", "github");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("::error file=" + rules.resolve("bad.drl") + ",line=7,col=1,title=rules check::"),
                run::toString);
        assertTrue(run.out().endsWith("1 problem\n"), run::toString);
    }

    /** Nothing from a finding can end the command early or start another. */
    @Test
    void messagesAndPropertiesAreEscapedForEachSystem() {
        CiAnnotations.Annotation nasty = new CiAnnotations.Annotation("error", "a,b:c.yaml", 3, 0, "T;1]",
                "50% done\n::error::injected ]; x");
        assertEquals("::error file=a%2Cb%3Ac.yaml,line=3,title=T;1]::50%25 done%0A::error::injected ]; x\n",
                CiAnnotations.render(CiAnnotations.Kind.github, List.of(nasty)));
        assertEquals("##vso[task.logissue type=error;sourcepath=a,b:c.yaml;linenumber=3;code=T%3B1%5D]50%AZP25 done"
                        + "%0A::error::injected %5D%3B x\n",
                CiAnnotations.render(CiAnnotations.Kind.azure_devops, List.of(nasty)));
    }
}
