package cniadvisor.render;

import cniadvisor.render.SvgDom.Rect;
import cniadvisor.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plan -o svg} and {@code plan -o html} through the real entry point. */
class PlanFigureTest {

    private static final String AS_OF = "2026-11-21";
    private static final String OVERLAPPING = "src/test/resources/render/overlapping.yaml";

    /** data-cidr to data-status of every block, to compare as one map. */
    private static Map<String, String> statuses(SvgDom svg) {
        return svg.blocks().stream().collect(Collectors.toMap(r -> r.cidr() + " " + r.group(), Rect::status,
                (a, b) -> a + "," + b, TreeMap::new));
    }

    @Test
    void svgDrawsEveryRangeOfThePlanAndTheConnectedNetworks() {
        CliRun run = CliRun.run("plan", "-f", "examples/requests/three-pools.yaml", "--as-of", AS_OF, "-o", "svg");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), run::toString);
        SvgDom svg = SvgDom.parse(run.out());
        assertEquals(new TreeMap<>(Map.of(
                "10.40.0.0/22 node subnet", "ok",
                "10.40.4.0/24 node subnet", "ok",
                "10.40.8.0/21 pod subnet", "ok",
                "10.1.0.0/16 service CIDR", "ok",
                "10.1.0.10/32 DNS service IP", "ok",
                "10.0.0.0/16 connected network", "ok",
                "192.168.0.0/20 connected network", "ok")), statuses(svg));
        // to scale in the VNet lane (10.40.0.0/16): the /21 pod subnet is twice the /22 node subnet
        assertEquals(2 * svg.block("10.40.0.0/22").width(), svg.block("10.40.8.0/21").width(), 0.02);
        assertTrue(svg.block("10.40.0.0/22").tooltip().startsWith("node subnet 10.40.0.0/22\nfor pools system, apps\n"
                + "given"), svg.block("10.40.0.0/22").tooltip());
        assertTrue(svg.texts("lane-title").containsAll(List.of("VNet 10.40.0.0/16",
                "Cluster-private: pod and service CIDRs", "Connected networks")), svg.texts("lane-title").toString());
    }

    @Test
    void aRejectedRangeIsAMisfitBesideItsProposalInAVNetTheFigureChose() {
        CliRun run = CliRun.run("plan", "-f", "examples/requests/payments.yaml", "--option", "azure-cni-node-subnet",
                "--as-of", AS_OF, "-o", "svg");
        assertEquals(6, run.exitCode(), run::toString);   // the node subnet is too small: an error finding
        SvgDom svg = SvgDom.parse(run.out());
        Rect given = svg.block("10.20.0.0/24");
        assertEquals("misfit", given.status());
        assertEquals(AddressMapSvg.STANDOUT, given.fill());
        assertTrue(given.tooltip().contains("given, but too small for azure-cni-node-subnet"), given.tooltip());
        Rect proposal = svg.block("10.2.0.0/20");
        assertEquals("ok", proposal.status());
        // to scale in the /11: the /20 is 928 px x 4,096 / 2,097,152 wide; the /24 would be 0.11 px, so it is 1 px
        assertEquals(928.0 * 4096 / (1 << 21), proposal.width(), 0.01);
        assertEquals(1, given.width(), 0.001);
        assertTrue(svg.texts("lane-note").contains(
                "no vnetCidr given: drawn in 10.0.0.0/11, the smallest block that holds the plan's subnets"),
                svg.texts("lane-note").toString());
    }

    @Test
    void overlapsReservedRangesAndSubnetsOutsideTheVNetStandOut() {
        CliRun run = CliRun.run("plan", "-f", OVERLAPPING, "--as-of", AS_OF, "-o", "svg");
        assertEquals(6, run.exitCode(), run::toString);
        SvgDom svg = SvgDom.parse(run.out());
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("10.40.0.0/24 node subnet", "overlap"),
                Map.entry("10.40.16.0/28 node subnet", "ok"),
                Map.entry("10.99.0.0/28 API server subnet", "outside"),
                Map.entry("10.40.16.16/28 API server subnet", "ok"),
                Map.entry("10.40.0.0/22 connected network", "overlap,overlap,overlap"),   // VNet, cluster, own lane
                Map.entry("172.30.0.0/16 pod CIDR", "overlap"),
                Map.entry("10.244.0.0/16 pod CIDR", "ok"),
                Map.entry("172.30.0.0/16 reserved range", "reserved"),
                Map.entry("10.40.0.0/20 service CIDR", "overlap"),
                Map.entry("10.0.0.0/16 service CIDR", "ok"),
                Map.entry("10.0.0.10/32 DNS service IP", "ok"),
                Map.entry("192.168.0.0/16 connected network", "ok"))), statuses(svg));
        assertTrue(svg.blocks().stream().filter(r -> List.of("overlap", "outside").contains(r.status()))
                .allMatch(r -> r.fill().equals(AddressMapSvg.STANDOUT)));
        String podTooltip = svg.blocks().stream().filter(r -> r.cidr().equals("172.30.0.0/16")
                && r.group().equals("pod CIDR")).findFirst().orElseThrow().tooltip();
        assertTrue(podTooltip.contains("overlaps reserved range 172.30.0.0/16"), podTooltip);
    }

    @Test
    void htmlIsOnePageWithTheFigureAndTheRangesEscaped() {
        CliRun run = CliRun.run("plan", "-f", OVERLAPPING, "--as-of", AS_OF, "-o", "html");
        assertEquals(6, run.exitCode(), run::toString);
        String html = run.out();
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertFalse(html.contains("<script"), "the name must not open a script element");
        assertFalse(html.contains("</title></svg>"), "nor close the figure");
        assertFalse(html.matches("(?s).*(src|href)=.*"), "nothing to fetch");
        assertTrue(html.contains("<h1>Address plan: overlap &lt;/title&gt;&lt;/svg&gt;&lt;script&gt;alert(1)"
                + "&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;</h1>"), html);
        assertEquals(1, html.split("<svg ", -1).length - 1);
        assertEquals(14, SvgDom.inHtml(html).blocks().size());
        assertEquals(5, html.split("<tr data-role=|<tr class=\"rejected\" data-role=", -1).length - 1);
        assertTrue(html.contains("<tr class=\"rejected\" data-role=\"pod-cidr\" data-cidr=\"172.30.0.0/16\">"), html);
        assertTrue(html.contains("<li class=\"error\"><strong>error</strong>: The pod CIDR 172.30.0.0/16 overlaps"),
                html);
        assertTrue(html.endsWith("</body>\n</html>\n"));
    }

    @Test
    void theSameRequestGivesTheSameBytes() {
        String[] args = {"plan", "-f", "examples/requests/three-pools.yaml", "--as-of", AS_OF, "-o", "html"};
        assertEquals(CliRun.run(args).out(), CliRun.run(args).out());
    }

    @Test
    void theFormatOptionListsWhatPlanWrites() {
        CliRun help = CliRun.run("plan", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("text, json, yaml, markdown, table, tsv, svg, html"),
                help::toString);
        CliRun bad = CliRun.run("plan", "-f", "examples/requests/three-pools.yaml", "-o", "png");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("svg, html"), bad::toString);
    }
}
