package cniadvisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.render.SvgDom;
import cniadvisor.testing.CliRun;
import cniadvisor.testing.HostileNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch -o html} through the real entry point: the map has one block per range the JSON Lines report of the
 * same run gives or allocates, the chart counts what the summary counts, every team with an error is listed with its
 * messages, names are escaped, the page is the same whatever the thread count, and it loads nothing.
 */
class FleetReportHtmlTest {

    private static final String AS_OF = "2026-12-01";
    private static final String POOLS = "10.20.0.0/16,10.40.0.0/16";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ranges in a VNet: what a pool gives, and what a request's given ranges take from it. */
    private static final List<String> ROUTABLE = List.of("vnet", "node-subnet", "pod-subnet", "api-server-subnet",
            "agc-subnet", "appgw-subnet", "aci-subnet");
    private static final List<String> TEAM_STATUSES = List.of("ok", "overlap", "outside", "misfit");

    @TempDir
    Path dir;

    private static CliRun batch(String... args) {
        List<String> all = new ArrayList<>(List.of("batch", "--as-of", AS_OF, "--no-cache", "--no-progress"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static List<JsonNode> lines(String jsonl) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : jsonl.lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /**
     * The blocks the map must draw for the teams, from the JSON Lines report: per request, each range it gave
     * (the plan's given or rejected VNet ranges, each once), and what the batch allocated to it (its VNet block
     * when it got one, its subnets being inside; else each routable range allocated on its own).
     */
    static List<String> expectedTeamBlocks(List<JsonNode> results) {
        List<String> cidrs = new ArrayList<>();
        for (JsonNode result : results) {
            if (!result.has("addressPlan")) {
                continue;
            }
            Set<String> given = new LinkedHashSet<>();
            for (JsonNode range : result.path("addressPlan").path("ranges")) {
                String origin = range.get("origin").asText();
                String cidr = range.path("cidr").asText();
                if ((origin.equals("given") || origin.equals("rejected")) && ROUTABLE.contains(range.get("role")
                        .asText()) && !cidr.contains(":")) {
                    given.add(cidr);
                }
            }
            cidrs.addAll(given);
            String vnet = null;
            List<String> allocated = new ArrayList<>();
            for (JsonNode range : result.path("allocation")) {
                if (!range.has("cidr") || range.path("shared").asBoolean()) {
                    continue;
                }
                if (range.get("role").asText().equals("vnet")) {
                    vnet = range.get("cidr").asText();
                }
                allocated.add(range.get("cidr").asText());
            }
            cidrs.addAll(vnet != null ? List.of(vnet) : allocated);
        }
        return cidrs.stream().sorted().toList();
    }

    private static List<String> drawnTeamBlocks(String html) {
        return SvgDom.inHtml(html).blocks().stream().filter(b -> TEAM_STATUSES.contains(b.status()))
                .map(SvgDom.Rect::cidr).sorted().toList();
    }

    /** As the page escapes text. */
    private static String h(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The issues table's row of the team, from {@code <tr} to {@code </tr>}. */
    private static String row(String html, String team) {
        int cell = html.indexOf("<td class=\"team\">" + h(team) + "</td>");
        assertTrue(cell >= 0, "no row for " + team);
        return html.substring(html.lastIndexOf("<tr", cell), html.indexOf("</tr>", cell));
    }

    /** The summary's "Recommended options:" lines on stderr, as option -> count. */
    private static Map<String, Long> summaryByOption(String err) {
        Map<String, Long> counts = new TreeMap<>();
        boolean in = false;
        for (String line : err.lines().toList()) {
            if (line.equals("Recommended options:")) {
                in = true;
            } else if (in && line.startsWith("  ")) {
                String[] parts = line.strip().split("\\s+");
                counts.put(parts[0], Long.parseLong(parts[1].replace(",", "")));
            } else {
                in = false;
            }
        }
        return counts;
    }

    @Test
    void theTeamsExampleDrawsEveryGivenAndAllocatedRangeCountsAsTheSummaryAndListsEveryError() throws IOException {
        CliRun html = batch("examples/batch/teams.csv", "--address-pool", POOLS, "-o", "html");
        CliRun jsonl = batch("examples/batch/teams.csv", "--address-pool", POOLS, "-o", "jsonl");
        assertEquals(2, html.exitCode(), html.toString()); // an invalid row (analytics)
        assertEquals(jsonl.exitCode(), html.exitCode());
        List<JsonNode> results = lines(jsonl.out());
        String page = html.out();
        assertTrue(page.startsWith("<!DOCTYPE html>\n"), page);
        assertTrue(page.endsWith("</html>\n"));

        // the map: one block per given range and per allocated VNet or subnet, and they are the same ranges
        List<String> expected = expectedTeamBlocks(results);
        assertEquals(10, expected.size(), "7 given node subnets, a pod subnet and two VNet blocks: " + expected);
        assertEquals(expected, drawnTeamBlocks(page));
        List<SvgDom.Rect> blocks = SvgDom.inHtml(page).blocks();
        // given ranges outside the pool in the outside strip; the two pairs that share addresses stand out
        assertEquals(List.of("10.50.0.0/24", "10.60.0.0/21", "10.70.0.0/20"), blocks.stream()
                .filter(b -> b.status().equals("outside")).map(SvgDom.Rect::cidr).sorted().toList());
        assertEquals(List.of("10.20.0.0/24", "10.20.0.128/25", "10.40.0.0/22"), blocks.stream()
                .filter(b -> b.status().equals("overlap")).map(SvgDom.Rect::cidr).sorted().toList());
        // ml-platform's given service CIDR reaches into the pool: reserved, and what trading's subnet shares
        assertTrue(blocks.stream().anyMatch(b -> b.status().equals("reserved") && b.cidr().equals("10.40.0.0/24")));
        assertTrue(blocks.stream().filter(b -> b.cidr().equals("10.40.0.0/22")).findFirst().orElseThrow()
                .tooltip().contains("shares addresses with service CIDR 10.40.0.0/24 of ml-platform"));
        // the largest free blocks, as the summary lists them
        assertEquals(5, blocks.stream().filter(b -> b.status().equals("free")).count());
        SvgDom.Rect edge = blocks.stream().filter(b -> b.cidr().equals("10.20.2.0/23")).findFirst().orElseThrow();
        assertEquals("azure-cni-overlay", edge.group());
        assertTrue(edge.tooltip().startsWith("edge-ipv6 (examples/batch/teams.csv:7)\nVNet address space "
                + "10.20.2.0/23, allocated\nrecommended: azure-cni-overlay\nholds node subnet 10.20.2.0/23"),
                edge.tooltip());
        assertTrue(page.contains("<tr data-figure=\"free\"><th>Free</th><td>126,176 (96.3%)</td></tr>"), page);

        // the chart counts what the summary counts
        Map<String, Long> charted = new TreeMap<>();
        Matcher bar = Pattern.compile("<tr class=\"option\" data-option=\"([^\"]+)\" data-count=\"(\\d+)\"")
                .matcher(page);
        while (bar.find()) {
            charted.put(bar.group(1), Long.parseLong(bar.group(2)));
        }
        assertEquals(summaryByOption(html.err()), charted);
        assertEquals(Map.of("azure-cni-node-subnet", 1L, "azure-cni-overlay", 6L, "azure-cni-pod-subnet", 1L,
                "byo-cni", 1L), charted);
        assertTrue(page.contains("<tr class=\"other\" data-status=\"invalid\" data-count=\"1\">"));

        // every team with an error, with each of its messages
        int withErrors = 0;
        for (JsonNode result : results) {
            List<String> messages = new ArrayList<>();
            result.path("inputErrors").forEach(e -> messages.add(e.get("message").asText()));
            result.path("warnings").forEach(w -> {
                if (w.get("level").asText().equals("error")) {
                    messages.add(w.get("text").asText());
                }
            });
            if (messages.isEmpty()) {
                continue;
            }
            withErrors++;
            String row = row(page, result.get("name").asText());
            assertTrue(row.startsWith("<tr class=\"has-errors\""), row);
            for (String message : messages) {
                assertTrue(row.contains(h(message)), message + " not in\n" + row);
            }
        }
        assertEquals(5, withErrors, "4 with error findings and the invalid row");
        // errors first: no row with errors after a row without
        String table = page.substring(page.indexOf("<table class=\"issues\">"));
        assertTrue(table.lastIndexOf("class=\"has-errors\"") < table.indexOf("class=\"has-warnings\""));

        // the deadlines the requests are warned about
        assertTrue(page.contains("<g class=\"deadline\" data-date=\"2028-03-31\" data-teams=\"1\">"), page);
        assertTrue(page.contains("<g class=\"deadline\" data-date=\"2028-06-30\" data-teams=\"1\">"));
    }

    @Test
    void thePageIsTheSameWhateverTheThreadCountAndLoadsNothing() {
        CliRun one = batch("examples/batch/teams.csv", "--address-pool", POOLS, "-o", "html", "--threads", "1");
        CliRun four = batch("examples/batch/teams.csv", "--address-pool", POOLS, "-o", "html", "--threads", "4");
        assertEquals(one.out(), four.out());
        assertSelfContained(one.out());
    }

    /** The tags the page is made of: any other would have come from the input. */
    private static final Set<String> TAGS = Set.of("!doctype", "html", "head", "meta", "title", "style", "body", "h1",
            "h2", "p", "br", "strong", "nav", "a", "figure", "figcaption", "svg", "defs", "pattern", "rect", "line",
            "text", "g", "circle", "table", "thead", "tbody", "tr", "th", "td", "span", "code", "ul", "li");
    private static final Pattern TAG = Pattern.compile("<(/?)([!a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z][\\w:-]*)=\"([^\"]*)\"");

    /**
     * No script, style sheet, image, frame or font is loaded: the page is made of the tags it writes, its style has
     * no url() or @import, and the only web addresses in attributes are links' hrefs and the SVG namespace.
     */
    static void assertSelfContained(String page) {
        Matcher tag = TAG.matcher(page);
        int tags = 0;
        while (tag.find()) {
            tags++;
            String name = tag.group(2).toLowerCase(java.util.Locale.ROOT);
            assertTrue(TAGS.contains(name), "a tag the page does not write: " + tag.group());
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            while (attribute.find()) {
                String key = attribute.group(1).toLowerCase(java.util.Locale.ROOT);
                String value = attribute.group(2).strip().toLowerCase(java.util.Locale.ROOT);
                assertFalse(key.startsWith("on") || key.equals("src") || key.contains("href") && !name.equals("a"),
                        "an attribute that runs or loads something: " + tag.group());
                if (value.startsWith("http:") || value.startsWith("https:") || value.startsWith("//")
                        || value.startsWith("javascript:") || value.startsWith("data:")) {
                    assertTrue(name.equals("a") && key.equals("href") && value.startsWith("http")
                            || name.equals("svg") && key.equals("xmlns"), "a web address to load: " + tag.group());
                }
                if (key.equals("style")) {
                    assertFalse(value.contains("url(") || value.contains("@import"), tag.group());
                }
            }
        }
        assertTrue(tags > 20, "no page");
        // every '<' is a tag's: what the input gave is escaped
        assertEquals(page.chars().filter(c -> c == '<').count(), tags, "a '<' that starts no tag");
        String style = page.substring(page.indexOf("<style>"), page.indexOf("</style>")).toLowerCase(
                java.util.Locale.ROOT);
        assertFalse(style.contains("url(") || style.contains("@import") || style.contains("@font-face"), style);
        assertEquals(1, page.split("<style>", -1).length - 1, "one style element");
    }

    @Test
    void hostileTeamNamesAreEscapedEverywhere() throws IOException {
        String hostile = "<script>alert('x')</script> \"quoted\" & <b>bold</b>\nsecond line";
        Path csv = dir.resolve("hostile.csv");
        Files.writeString(csv, "name,nodeCount,nodeSubnetCidr,windowsNodePools,windowsServerVersion\n"
                + "\"" + hostile.replace("\"", "\"\"") + "\",10,10.20.0.0/24,true,2022\n"
                + "\"" + hostile.replace("\"", "\"\"") + " 2\",10,10.20.0.0/25,,\n"
                + "\"" + hostile.replace("\"", "\"\"") + " 3\",10,,,\n", StandardCharsets.UTF_8);
        CliRun run = batch(csv.toString(), "--address-pool", "10.20.0.0/16", "-o", "html");
        String page = run.out();
        assertTrue(page.startsWith("<!DOCTYPE html>"), run.toString());
        assertSelfContained(page);
        assertFalse(page.contains("<b>bold"), "markup from a name");
        String oneLine = hostile.replace('\n', ' ');
        // in the table, on one line; in the figure's tooltips and labels, escaped (the SVG parses as XML)
        assertTrue(page.contains("<td class=\"team\">" + h(oneLine) + "</td>"), page);
        List<SvgDom.Rect> blocks = SvgDom.inHtml(page).blocks();
        assertEquals(3, blocks.stream().filter(b -> TEAM_STATUSES.contains(b.status())).count());
        assertTrue(blocks.stream().anyMatch(b -> b.tooltip().startsWith(oneLine + " 2 (")), blocks.toString());
        assertTrue(blocks.stream().anyMatch(b -> b.cidr().equals("10.20.0.0/25") && b.status().equals("overlap")));
        // the timeline's example names the team too
        assertTrue(page.contains("<g class=\"deadline\" data-date=\"2028-06-30\" data-teams=\"1\">"), page);
        assertTrue(page.contains(h(oneLine) + ": Windows Server 2022 is unsupported"));
    }

    /** As the hostile suite does: control characters other than tab and line breaks make a name invalid. */
    private static String accepted(String name) {
        StringBuilder kept = new StringBuilder();
        name.chars().forEach(c -> kept.append(Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'
                ? '^' : (char) c));
        return kept.toString().isBlank() ? kept + "x" : kept.toString();
    }

    @Test
    void fuzzedAndHostileNamesNeverBreakThePage() throws IOException {
        // fuzzed names, each with a subnet of its own on the map and a retirement warning; and the hostile suite's
        List<String> names = HostileNames.fuzzed(60, 42);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            lines.append("{\"name\": ").append(HostileNames.jsonString(accepted(names.get(i))))
                    .append(", \"nodeCount\": 10, \"nodeSubnetCidr\": \"10.20.").append(i).append(".0/24\", ")
                    .append("\"windowsNodePools\": true, \"windowsServerVersion\": \"2022\"}\n");
        }
        Path fuzz = dir.resolve("fuzz.jsonl");
        Files.writeString(fuzz, lines, StandardCharsets.US_ASCII);
        Path hostile = Path.of("src/test/resources/hostile/outputs");
        for (Path input : List.of(fuzz, hostile.resolve("names.jsonl"), hostile.resolve("names.csv"))) {
            CliRun run = batch(input.toString(), "--address-pool", "10.20.0.0/16", "-o", "html");
            assertTrue(run.exitCode() == 0 || run.exitCode() == 2, run.toString());
            assertFalse(run.err().contains("Exception") || run.err().contains("internal error"), run.toString());
            String page = run.out();
            assertSelfContained(page);
            List<SvgDom.Rect> blocks = SvgDom.inHtml(page).blocks(); // the figure parses as XML
            for (int i = 0; i < page.length(); i++) {
                char c = page.charAt(i);
                assertFalse(c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                        || Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < page.length()
                        && Character.isLowSurrogate(page.charAt(++i))), input + ": U+" + Integer.toHexString(c)
                        + " at " + i);
            }
            if (input == fuzz) {
                assertEquals(60, blocks.stream().filter(b -> TEAM_STATUSES.contains(b.status())).count());
                assertTrue(page.contains("<g class=\"deadline\" data-date=\"2028-06-30\" data-teams=\"60\">"));
            }
        }
    }

    @Test
    void withoutAPoolThereIsNoMapAndTheExtensionChoosesTheFormat() throws IOException {
        Path file = dir.resolve("fleet.html");
        CliRun run = batch("examples/batch/teams.csv", "--output-file", file.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("", run.out());
        String page = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<p class=\"no-pool\">No address pool was given"), page);
        assertFalse(page.contains("class=\"address-map\""));
        assertFalse(page.contains("data-figure="), "no pool figures without a pool");
        assertTrue(page.contains("<tr class=\"option\" data-option=\"azure-cni-overlay\" data-count=\"6\">"), page);
        assertSelfContained(page);
    }
}
