package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code assess} through the real entry point: Azure JSON in, the per-cluster assessment and the fleet out. */
class AssessCommandTest {

    static final String AZURE = "src/test/resources/azure/";
    static final String AS_OF = "2026-11-21";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode cluster(JsonNode report, String name) {
        for (JsonNode c : report.path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cluster " + name + " in " + report);
    }

    /** The end-to-end path of the README: an az aks list file with two clusters, and the VNets. */
    @Test
    void azAksListWithTwoClustersAsJson() throws IOException {
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", "--vnets", AZURE + "vnet-list-arm.json",
                "--as-of", AS_OF, "-o", "json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode report = JSON.readTree(run.out());
        assertEquals(AS_OF, report.path("asOf").asText());
        assertEquals(2, report.path("clusters").size());
        assertEquals(0, report.path("errors").size());

        JsonNode payments = cluster(report, "payments");
        assertEquals("rg-pay", payments.path("resourceGroup").asText());
        assertEquals(AZURE + "aks-list-two.json#1", payments.path("source").asText());
        assertEquals("azure-cni-overlay", payments.at("/current/option").asText());
        assertEquals("cilium", payments.at("/current/dataplane").asText());
        assertEquals("cilium", payments.at("/current/networkPolicy").asText());
        assertEquals("1.31.5", payments.at("/current/kubernetesVersion").asText());
        assertEquals("nodepool1", payments.at("/current/pools/0/name").asText());
        assertEquals("supported", payments.path("status").asText());
        assertEquals(0, payments.path("deadlines").size());
        assertTrue(payments.at("/target/stay").asBoolean(), payments::toString);
        assertEquals("azure-cni-overlay", payments.at("/target/option").asText());
        assertTrue(payments.path("migration").path("steps").isEmpty(), "staying on its option: nothing to do");
        assertTrue(payments.path("findings").isArray());
        assertTrue(payments.path("assumptions").isArray());

        JsonNode data = cluster(report, "data");
        assertEquals("azure-cni-pod-subnet", data.at("/current/option").asText());
        assertEquals("10.40.0.0/24", data.at("/current/pools/0/nodeSubnetCidr").asText());
        assertEquals("10.40.16.0/20", data.at("/current/pools/0/podSubnetCidr").asText());
        assertEquals("retiring", data.path("status").asText()); // Azure NPM on Linux retires on 2028-09-30
        assertEquals("policy:azure (linux)", data.at("/deadlines/0/subject").asText());
        assertEquals("2028-09-30", data.at("/deadlines/0/date").asText());
        assertEquals(679, data.path("daysLeft").asInt());
        assertFalse(data.at("/deadlines/0/sources").isEmpty());
        // every finding is a REASON with a level, as in advise
        for (JsonNode finding : data.path("findings")) {
            assertTrue(finding.has("rule") && finding.has("level") && finding.has("text") && finding.has("sources"),
                    finding::toString);
        }

        JsonNode summary = report.path("summary");
        assertEquals(2, summary.path("clusters").asInt());
        assertEquals(1, summary.at("/byOption/azure-cni-overlay").asInt());
        assertEquals(1, summary.at("/byOption/azure-cni-pod-subnet").asInt());
        assertEquals("2028-09-30", summary.at("/deadlines/0/date").asText());
        assertEquals(1, summary.at("/deadlines/0/retiring").asInt());
    }

    @Test
    void textAndTableReports() {
        CliRun text = CliRun.run("assess", AZURE + "aks-list-two.json", "--as-of", AS_OF);
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("payments (resource group rg-pay)"), text::toString);
        assertTrue(text.out().contains("  status     SUPPORTED"), text::toString);
        assertTrue(text.out().contains("  target     stay: Azure CNI Overlay, cilium data plane"), text::toString);
        assertTrue(text.out().contains("Fleet\n2 clusters assessed"), text::toString);
        assertTrue(text.out().contains("trafficPattern: mixed"), "the assumptions are listed: " + text.out());

        CliRun table = CliRun.run("assess", AZURE + "aks-list-two.json", "--as-of", AS_OF, "-o", "table");
        assertEquals(0, table.exitCode(), table::toString);
        assertTrue(table.out().startsWith("NAME "), table::toString);
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("data ") && l.contains("retiring (679d)")),
                table::toString);
    }

    /** What is not a cluster is reported with file, element and line; the rest is assessed; exit 2 at the end. */
    @Test
    void inputsThatAreNotClustersAreReportedAndTheOthersAssessed() throws IOException {
        CliRun run = CliRun.run("assess", AZURE + "not-a-cluster.json", AZURE + "list-with-a-vnet.json",
                AZURE + "vnet-show-shop.json", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF,
                "-o", "jsonl");
        assertEquals(2, run.exitCode(), run::toString);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(6, lines.size(), run::toString);
        assertEquals(AZURE + "not-a-cluster.json", lines.get(0).path("source").asText());
        assertTrue(lines.get(0).at("/inputErrors/0/message").asText().startsWith("not a managed cluster"));
        assertEquals("ok", lines.get(1).path("name").asText());
        assertEquals(AZURE + "list-with-a-vnet.json#2", lines.get(2).path("source").asText());
        assertEquals(5, lines.get(2).at("/inputErrors/0/line").asInt());
        assertTrue(lines.get(2).at("/inputErrors/0/message").asText().contains("give virtual networks with --vnets"));
        assertEquals(AZURE + "list-with-a-vnet.json#3", lines.get(3).path("source").asText());
        assertEquals(AZURE + "vnet-show-shop.json", lines.get(4).path("source").asText());
        assertEquals("shop", lines.get(5).path("name").asText());
        assertTrue(run.err().contains("2 clusters assessed, 4 inputs could not be read"), run::toString);
    }

    /** -o request writes a request file that advise -f reads back to the same recommendation. */
    @Test
    void requestOutputRoundTripsThroughAdvise() throws IOException {
        CliRun assess = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--vnets",
                AZURE + "vnet-show-shop.json", "--as-of", AS_OF, "-o", "request");
        assertEquals(0, assess.exitCode(), assess::toString);
        assertTrue(assess.out().contains("currentPlugin: kubenet"), assess::toString);
        assertTrue(assess.out().contains("#   trafficPattern: mixed"), assess::toString);
        Path request = Files.writeString(dir.resolve("shop.yaml"), assess.out());
        CliRun advise = CliRun.run("advise", "-f", request.toString(), "--as-of", AS_OF, "-o", "json");
        assertEquals(0, advise.exitCode(), advise::toString);
        JsonNode recommendation = JSON.readTree(advise.out()).path("recommendation");

        CliRun json = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--vnets",
                AZURE + "vnet-show-shop.json", "--as-of", AS_OF, "-o", "json");
        JsonNode target = cluster(JSON.readTree(json.out()), "shop").path("target");
        assertEquals(target.path("option").asText(), recommendation.path("option").asText());
        assertEquals(target.path("dataplane").asText(), recommendation.path("dataplane").asText());
        assertEquals(target.path("networkPolicy").asText(), recommendation.path("networkPolicy").asText());
        assertEquals("azure-cni-overlay", target.path("option").asText());

        // several clusters: one YAML document each, which batch reads as they are
        CliRun many = CliRun.run("assess", AZURE + "aks-list-two.json", AZURE + "resource-graph.json", "--as-of",
                AS_OF, "-o", "request");
        Path requests = Files.writeString(dir.resolve("fleet.yaml"), many.out());
        CliRun batch = CliRun.run("batch", requests.toString(), "--as-of", AS_OF, "-o", "jsonl", "--no-progress",
                "--fail-on", "never");
        assertEquals(0, batch.exitCode(), batch::toString);
        assertEquals(4, batch.out().lines().count(), batch::toString);
    }

    @Test
    void requirementsOverrideTheDefaultsForAllOrOneCluster() throws IOException {
        Path requirements = Files.writeString(dir.resolve("req.yaml"), """
                trafficPattern: intra-cluster
                clusters:
                  rg-data/data:
                    networkPolicy: cilium
                  nosuchcluster:
                    directPodAccess: true
                """);
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", "--requirements", requirements.toString(),
                "--as-of", AS_OF, "-o", "json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode data = cluster(JSON.readTree(run.out()), "data");
        assertEquals("[\"trafficPattern\",\"networkPolicy\"]", data.path("requirements").toString());
        for (JsonNode assumption : data.path("assumptions")) {
            assertFalse(List.of("trafficPattern", "networkPolicy").contains(assumption.path("key").asText()),
                    data::toString);
        }
        assertEquals("cilium", data.at("/target/networkPolicy").asText());
        assertTrue(run.err().contains("clusters.nosuchcluster matched no cluster read"), run::toString);

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "trafficPatern: mixed\n");
        CliRun refused = CliRun.run("assess", AZURE + "aks-list-two.json", "--requirements", bad.toString());
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("bad.yaml: trafficPatern: unknown key 'trafficPatern'; did you mean "
                + "'trafficPattern'?"), refused::toString);
    }

    /** A retired plugin is an error finding: exit 6 under --fail-on error, 0 with never. */
    @Test
    void retiredPluginFailsTheRun() throws IOException {
        CliRun run = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", "2028-04-01", "-o",
                "json");
        assertEquals(6, run.exitCode(), run::toString);
        JsonNode shop = cluster(JSON.readTree(run.out()), "shop");
        assertEquals("retired", shop.path("status").asText());
        assertTrue(shop.path("deadlines").get(0).path("passed").asBoolean());
        assertTrue(run.err().contains("error: shop: [LIFE-RETIRED-PLUGIN-IN-USE]"), run::toString);
        assertTrue(run.err().contains("cni-advisor: failing (--fail-on error): 1 error"), run::toString);

        assertEquals(0, CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", "2028-04-01",
                "--fail-on", "never").exitCode());
        // a retiring plugin is a warning
        assertEquals(6, CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF,
                "--fail-on", "warning").exitCode());
    }

    @Test
    void unsupportedWindowsServerAndStdin() throws IOException {
        String graph = Files.readString(Path.of(AZURE + "resource-graph.json"));
        CliRun run = CliRun.runWithInput(graph, "assess", "-", "--as-of", AS_OF, "-o", "json", "--fail-on", "never");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode legacy = cluster(JSON.readTree(run.out()), "legacy-win");
        assertEquals("stdin#1", legacy.path("source").asText());
        assertEquals("unsupported", legacy.path("status").asText());
        assertTrue(legacy.path("statusDetail").asText().startsWith("Windows Server 2019 has been unsupported since"),
                legacy::toString);
        assertEquals("byo-cni", cluster(JSON.readTree(run.out()), "lab").at("/current/option").asText());
    }

    /**
     * The migration plan of a kubenet cluster with Calico, through the real entry point: the engine must be removed
     * first (a blocker the runbook clears), then the Overlay update with a pod CIDR the plan checked.
     */
    @Test
    void aKubenetClusterWithCalicoGetsTheOverlayRunbook() throws IOException {
        CliRun json = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF, "-o", "json");
        JsonNode migration = cluster(JSON.readTree(json.out()), "shop").path("migration");
        assertEquals("kubenet", migration.path("from").asText(), json::toString);
        assertEquals("azure-cni-overlay", migration.path("to").asText());
        assertTrue(migration.path("inPlace").asBoolean());
        List<String> blockers = new java.util.ArrayList<>();
        migration.path("blockers").forEach(b -> blockers.add(b.path("rule").asText()));
        assertTrue(blockers.contains("MIG-POLICY-ENGINE"), blockers::toString);
        List<String> commands = new java.util.ArrayList<>();
        migration.path("steps").forEach(step -> commands.add(step.path("command").asText()));
        int removePolicy = indexOf(commands, "--network-policy none");
        int overlay = indexOf(commands, "--network-plugin-mode overlay");
        assertTrue(removePolicy >= 0 && overlay > removePolicy, commands::toString);
        assertTrue(commands.get(overlay).contains("--pod-cidr 10.244.0.0/16"), commands.get(overlay));

        CliRun text = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF);
        assertTrue(text.out().contains("  migration  kubenet -> azure-cni-overlay, in place\n"), text::toString);
    }

    private static int indexOf(List<String> commands, String flag) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).contains(flag)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void missingFilesAreUsageErrors() {
        CliRun run = CliRun.run("assess", "no-such.json", "--vnets", "nor-this.json");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: no-such.json: no such file"), run::toString);
        assertTrue(run.err().contains("error: nor-this.json: no such file"), run::toString);
    }

    /**
     * The fleet in waves: one per deadline, soonest first (a retired Windows version before kubenet's retirement),
     * then the clusters that should move without one; within a wave, fewest blockers first.
     */
    @Test
    void theFleetIsOrderedIntoWavesBySoonestDeadlineThenFewestBlockers() throws IOException {
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", AZURE + "aks-show-kubenet-calico.json",
                AZURE + "resource-graph.json", "--as-of", AS_OF, "-o", "json");
        JsonNode waves = JSON.readTree(run.out()).at("/summary/waves");
        List<String> order = new java.util.ArrayList<>();
        for (JsonNode wave : waves) {
            String deadline = wave.path("deadline").isNull() ? "none" : wave.path("deadline").asText();
            wave.path("clusters").forEach(c -> order.add(deadline + " " + c.path("name").asText() + " "
                    + c.path("blockers").asInt()));
        }
        List<String> deadlines = new java.util.ArrayList<>();
        waves.forEach(w -> deadlines.add(w.path("deadline").isNull() ? "none" : w.path("deadline").asText()));
        assertEquals(deadlines.stream().filter(d -> !d.equals("none")).sorted().toList(),
                deadlines.stream().filter(d -> !d.equals("none")).toList(), "soonest deadline first");
        assertEquals("2026-03-01 legacy-win", order.get(0).substring(0, order.get(0).lastIndexOf(' ')),
                order::toString);
        assertTrue(order.contains("2028-03-31 shop 1"), order::toString);
        // Azure NPM retires on Linux: the cluster is told to move to Cilium, not to keep it
        assertEquals("2028-09-30 data 0", order.get(order.size() - 1), order::toString);
        JsonNode report = JSON.readTree(run.out());
        assertEquals("cilium", cluster(report, "data").at("/target/networkPolicy").asText());
        // a cluster on its own CNI runs it on purpose: it stays, and is in no wave
        assertTrue(cluster(report, "lab").at("/target/stay").asBoolean(), run::toString);
        assertTrue(order.stream().noneMatch(o -> o.contains(" lab ")), order::toString);
    }

    /** A Windows pool without osSKU runs AKS's default for its Kubernetes version, and says it assumed so. */
    @Test
    void aWindowsPoolWithoutOsSkuRunsTheDefaultOfItsVersion() throws IOException {
        String cluster = Files.readString(Path.of(AZURE + "aks-show-kubenet-calico.json"));
        // the fixture's Windows pool names its osSKU; take it away
        String withoutSku = cluster.replace("\"osSku\": \"Windows2022\",", "");
        assertTrue(!withoutSku.equals(cluster), "the fixture's Windows pool names Windows2022");
        Path file = Files.writeString(dir.resolve("no-sku.json"), withoutSku);
        CliRun run = CliRun.run("assess", file.toString(), "--as-of", AS_OF, "-o", "json");
        JsonNode shop = cluster(JSON.readTree(run.out()), "shop");
        String pools = shop.at("/current/pools").toString();
        assertTrue(pools.contains("\"windowsServerVersion\":\"2022\""), pools);
        assertTrue(shop.path("assumptions").toString().contains("runs AKS's default, Windows Server 2022"),
                shop.path("assumptions")::toString);
    }

    /** A kubenet cluster with a system-assigned identity gets one assigned before the Overlay update. */
    @Test
    void aSystemAssignedKubenetClusterIsGivenAUserAssignedIdentityFirst() throws IOException {
        String cluster = Files.readString(Path.of(AZURE + "aks-show-kubenet-calico.json"));
        Path file = Files.writeString(dir.resolve("system-assigned.json"), cluster.replaceFirst("\\{",
                "{\"identity\": {\"type\": \"SystemAssigned\", \"principalId\": \"x\"},"));
        CliRun run = CliRun.run("assess", file.toString(), "--as-of", AS_OF, "-o", "json");
        JsonNode migration = cluster(JSON.readTree(run.out()), "shop").path("migration");
        List<String> commands = new ArrayList<>();
        migration.path("steps").forEach(step -> commands.add(step.path("command").asText()));
        int assign = indexOf(commands, "--assign-identity \"$IDENTITY_ID\"");
        int overlay = indexOf(commands, "--network-plugin-mode overlay");
        assertTrue(assign >= 0 && assign < overlay, commands::toString);
        assertTrue(migration.path("variables").toString().contains("{\"name\":\"IDENTITY_ID\",\"value\":null}"),
                migration::toString);
        CliRun text = CliRun.run("assess", file.toString(), "--as-of", AS_OF);
        assertTrue(text.out().contains(": \"${IDENTITY_ID:?set IDENTITY_ID first (see the step that reads it)}\"\n"),
                text::toString);
    }

    /** The runbook pastes as it is: the variables the data gives are set first, with the cluster's own values. */
    @Test
    void theRunbookSetsTheClustersOwnNamesFirst() throws IOException {
        CliRun json = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF, "-o", "json");
        JsonNode migration = cluster(JSON.readTree(json.out()), "shop").path("migration");
        assertEquals("[{\"name\":\"RESOURCE_GROUP\",\"value\":\"rg-shop\"},{\"name\":\"CLUSTER_NAME\","
                + "\"value\":\"shop\"}]", migration.path("variables").toString());
        CliRun text = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF);
        assertTrue(text.out().contains("    set first:\n       RESOURCE_GROUP='rg-shop'\n       CLUSTER_NAME='shop'\n"),
                text::toString);
        // a cluster that stays has nothing to run, so nothing to set
        CliRun stays = CliRun.run("assess", AZURE + "aks-list-two.json", "--as-of", AS_OF, "-o", "json");
        assertTrue(cluster(JSON.readTree(stays.out()), "payments").at("/migration/variables").isEmpty(),
                stays::toString);
    }

    /** CSV: one row per cluster and per unreadable input, with the verdict's columns; the summary on stderr. */
    @Test
    void csvHasARowPerClusterAndPerUnreadableInput() {
        CliRun run = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", AZURE + "not-a-cluster.json",
                "--as-of", AS_OF, "-o", "csv");
        assertEquals(2, run.exitCode(), run::toString);
        List<String> rows = run.out().lines().toList();
        assertEquals("input,line,name,resourceGroup,option,dataplane,networkPolicy,kubernetesVersion,status,"
                + "daysLeft,nextDeadline,target,changes,inPlace,blockers,steps,errors,warnings,rules,messages",
                rows.get(0));
        assertEquals(3, rows.size(), run::toString);
        assertTrue(rows.get(1).startsWith(AZURE + "aks-show-kubenet-calico.json,1,shop,rg-shop,kubenet,azure,calico,"),
                rows.get(1));
        assertTrue(rows.get(1).contains(",retiring,496,2028-03-31 kubenet,azure-cni-overlay (azure/calico),option,"
                + "true,MIG-POLICY-ENGINE,"), rows.get(1));
        assertTrue(rows.get(1).contains(",0,2,LIFE-RETIRING-PLUGIN-MIGRATE;LIFE-WINDOWS-RETIRING,\"warning "
                + "LIFE-RETIRING-PLUGIN-MIGRATE: This cluster runs kubenet, which is unsupported from 2028-03-31 (496 "
                + "days after 2026-11-21): migrate to azure-cni-overlay before then. | warning LIFE-WINDOWS-RETIRING: "),
                rows.get(1));
        assertTrue(rows.get(2).startsWith(AZURE + "not-a-cluster.json,"), rows.get(2));
        assertTrue(rows.get(2).contains(",invalid,"), rows.get(2));
        assertTrue(run.err().contains("2 clusters assessed") || run.err().contains("1 cluster assessed, 1 input "
                + "could not be read"), run::toString);
    }

    /** JUnit: a case per cluster that fails exactly when the cluster fails the run, so the suite agrees with the exit. */
    @Test
    void junitFailsTheClustersThatFailTheRun() {
        CliRun passing = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", "--as-of", AS_OF, "-o",
                "junit");
        assertEquals(0, passing.exitCode(), passing::toString);
        assertTrue(passing.out().matches("(?s).*<testsuites name=\"cni-advisor assess\" tests=\"1\" failures=\"0\" "
                + "errors=\"0\" time=\"\\d+\\.\\d{3}\">.*"), passing::toString);
        assertTrue(passing.out().matches("(?s).*<testcase classname=\"" + AZURE + "aks-show-kubenet-calico.json\" "
                + "name=\"rg-shop/shop \\(line 1\\)\" time=\"\\d+\\.\\d{3}\">\\s*<system-out>runs: kubenet.*"),
                passing::toString);

        CliRun failing = CliRun.run("assess", AZURE + "aks-show-kubenet-calico.json", AZURE + "not-a-cluster.json",
                "--as-of", AS_OF, "-o", "junit", "--fail-on", "warning");
        // an unreadable input (exit 2) comes before a failing finding (6); both fail their test cases
        assertEquals(2, failing.exitCode(), failing::toString);
        assertTrue(failing.out().contains("tests=\"2\" failures=\"1\" errors=\"1\""), failing::toString);
        assertTrue(failing.out().contains("<failure type=\"warning-finding\" message=\"LIFE-RETIRING-PLUGIN-MIGRATE: "),
                failing::toString);
        assertTrue(failing.out().contains("<error type=\"invalid-input\""), failing::toString);
        assertTrue(failing.out().contains("<property name=\"exitCode\" value=\"2\"/>"), failing::toString);
    }

    /** SARIF: a result per finding and input error, at the cluster's file and line; none for a cluster that is fine. */
    @Test
    void sarifLocatesEachFindingAtItsCluster() throws IOException {
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", AZURE + "aks-show-kubenet-calico.json",
                AZURE + "not-a-cluster.json", "--as-of", AS_OF, "-o", "sarif");
        assertEquals(2, run.exitCode(), run::toString);
        JsonNode sarif = cniadvisor.testing.SarifSchema.assertValid(run.out());
        assertEquals("2.1.0", sarif.path("version").asText());
        JsonNode run0 = sarif.path("runs").get(0);
        List<String> results = new ArrayList<>();
        for (JsonNode r : run0.path("results")) {
            JsonNode where = r.at("/locations/0/physicalLocation");
            results.add(r.path("ruleId").asText() + " " + r.path("level").asText() + " "
                    + where.at("/artifactLocation/uri").asText() + ":" + where.at("/region/startLine").asInt());
        }
        assertTrue(results.contains("LIFE-RETIRING-PLUGIN-MIGRATE warning " + AZURE + "aks-show-kubenet-calico.json:1"),
                results::toString);
        assertTrue(results.stream().anyMatch(r -> r.startsWith("ASSESS-INVALID-INPUT error " + AZURE
                + "not-a-cluster.json:")), results::toString);
        assertTrue(results.stream().noneMatch(r -> r.contains("aks-list-two.json") && !r.contains("warning")
                && !r.contains("error")), results::toString);
        assertEquals(2, run0.at("/invocations/0/exitCode").asInt());
        assertEquals("%SRCROOT%", run0.at("/results/0/locations/0/physicalLocation/artifactLocation/uriBaseId")
                .asText(), "a path under the working directory is relative to the checkout");
        assertTrue(run0.at("/tool/driver/version").isTextual());
        List<String> ruleIds = new ArrayList<>();
        run0.at("/tool/driver/rules").forEach(r -> ruleIds.add(r.path("id").asText()));
        for (String r : results) {
            assertTrue(ruleIds.contains(r.substring(0, r.indexOf(' '))), "every result's rule is listed: " + r);
        }
    }

    /** A file outside the working directory is named by an absolute file URI, with no base. */
    @Test
    void sarifNamesAFileOutsideTheWorkingDirectoryByItsFileUri() throws IOException {
        Path outside = Files.copy(Path.of(AZURE + "aks-show-kubenet-calico.json"), dir.resolve("shop.json"));
        CliRun run = CliRun.run("assess", outside.toString(), "--as-of", AS_OF, "-o", "sarif");
        JsonNode location = JSON.readTree(run.out())
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        assertEquals(outside.toUri().toASCIIString(), location.path("uri").asText(), location::toString);
        assertTrue(location.path("uriBaseId").isMissingNode(), location::toString);
    }

    /** Markdown: the fleet first (counts, deadlines, waves), then each cluster with its runbook as bash blocks. */
    @Test
    void markdownFromTheOutputFileExtension() throws IOException {
        Path report = dir.resolve("fleet.md");
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", AZURE + "aks-show-kubenet-calico.json",
                "--as-of", AS_OF, "--output-file", report.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains("3 clusters assessed"), run::toString);
        String md = Files.readString(report);
        assertTrue(md.startsWith("# AKS clusters: network assessment\n\nAs of 2026-11-21."), md);
        assertTrue(md.contains("| 2028-03-31 | `kubenet` | 1 | 0 |\n"), md);
        assertTrue(md.contains("### Waves\n"), md);
        int fleet = md.indexOf("## Fleet");
        int shop = md.indexOf(". shop (rg-shop)");
        assertTrue(fleet >= 0 && shop > fleet, md);
        assertTrue(md.contains("Set first:\n\n```bash\nRESOURCE_GROUP='rg-shop'\nCLUSTER_NAME='shop'\n```\n"), md);
        assertTrue(md.contains("   ```bash\n   az aks update \\\n"), md);
        assertTrue(md.contains("\n## Sources\n"), md);
    }

    /** An --output-file whose extension names no format, and no -o, is refused before anything is read. */
    @Test
    void anOutputFileOfUnknownKindIsAUsageError() {
        Path report = dir.resolve("fleet.html");
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", "--output-file", report.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: --output-file " + report + ": the extension names no report format (.txt, .json, "
                + ".jsonl, .csv, .md, .xml, .sarif, .yaml); give -o\n", run.err());
        assertFalse(Files.exists(report));
    }

    /** The report is the same bytes whatever --threads is: results are written in input order. */
    @Test
    void threadsDoNotChangeTheReport() {
        String[] inputs = {AZURE + "aks-list-two.json", AZURE + "not-a-cluster.json", AZURE + "resource-graph.json",
                AZURE + "aks-show-kubenet-calico.json", AZURE + "arm-overlay-private.json"};
        List<String> reports = new ArrayList<>();
        for (String threads : new String[]{"1", "2", "5"}) {
            List<String> args = new ArrayList<>(List.of("assess"));
            args.addAll(List.of(inputs));
            args.addAll(List.of(inputs)); // twice: more clusters than one thread's window
            args.addAll(List.of("--as-of", AS_OF, "-o", "jsonl", "--threads", threads));
            CliRun run = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run::toString);
            reports.add(run.out());
        }
        assertEquals(reports.get(0), reports.get(1));
        assertEquals(reports.get(0), reports.get(2));
        assertEquals(14, reports.get(0).lines().count(), reports.get(0));
    }

    @Test
    void threadsOutOfRangeIsAUsageError() {
        CliRun run = CliRun.run("assess", AZURE + "aks-list-two.json", "--threads", "2147483647");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: --threads must be from 1 to 64, got 2147483647\n", run.err());
    }
}
