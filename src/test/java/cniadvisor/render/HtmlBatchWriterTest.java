package cniadvisor.render;

import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.batch.BatchRecord;
import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.batch.CrossRequestChecks;
import cniadvisor.io.BatchInputFormat;
import cniadvisor.io.FailOn;
import cniadvisor.io.RequestStream;
import cniadvisor.model.Advice;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.NamedRequest;
import cniadvisor.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML fleet report from results made here: reserved ranges drawn and what shares their addresses standing
 * out, a rejected range as a misfit, a connected network in the pool hatched, and the table capped for a big batch.
 */
class HtmlBatchWriterTest {

    private static final String INPUT = """
            name,nodeCount,nodeSubnetCidr,apiServerVnetIntegration,apiServerSubnetCidr,connectedNetworks,\
            windowsNodePools,windowsServerVersion
            hub-spoke,10,10.20.255.0/25,,,,,
            tiny-api,10,10.20.1.0/24,true,10.20.2.0/29,,,
            peered,10,10.20.3.0/24,,,10.20.4.0/24,,
            win,10,10.20.5.0/24,,,,true,2022
            """;
    private static final List<BatchResult> RESULTS = new ArrayList<>();
    private static final List<AddressSpace.Reserved> RESERVED = List.of(
            new AddressSpace.Reserved("10.20.255.0/24", "hub"),
            new AddressSpace.Reserved("192.168.0.0/16", "on-premises"));

    @BeforeAll
    static void evaluate() throws Exception {
        CrossRequestChecks checks = new CrossRequestChecks(advisor().knowledge(), List.of(), null);
        try (RequestStream stream = RequestStream.open("t.csv",
                new ByteArrayInputStream(INPUT.getBytes(StandardCharsets.UTF_8)), BatchInputFormat.csv,
                Fixtures.binder())) {
            int ordinal = 0;
            while (stream.hasNext()) {
                BatchRecord record = stream.next();
                NamedRequest request = record.bind(Fixtures.binder());
                Advice advice = advisor().advise(request, Fixtures.AS_OF);
                BatchResult result = BatchResult.evaluated(++ordinal, record, request, advice);
                RESULTS.add(result.withFindings(checks.check(() -> new cniadvisor.model.Location(result.file(),
                        result.line(), result.label()), request.request(), List.of())));
            }
        }
    }

    private static BatchSummary.Pool pool(long reserved) {
        return new BatchSummary.Pool(List.of("10.20.0.0/16"), 65_536, 1_152, reserved, 0, 0, 65_536 - 1_152 - reserved,
                List.of("10.20.128.0/17", "10.20.64.0/18"), 0, 0, List.of(), List.of());
    }

    private static String page(List<BatchResult> results, BatchWriter.Context context, long reserved)
            throws Exception {
        BatchSummary summary = new BatchSummary();
        StringWriter out = new StringWriter();
        try (BatchWriter writer = BatchWriter.open(BatchReportFormat.html, out, context)) {
            for (BatchResult result : results) {
                summary.add(result);
                writer.write(result);
            }
            summary.pool(pool(reserved));
            writer.finish(summary, 6);
        }
        return out.toString();
    }

    private static BatchWriter.Context context(List<AddressSpace.Reserved> reserved) {
        return new BatchWriter.Context(List.of("t.csv"), Fixtures.AS_OF, List.of(), FailOn.error, false, reserved);
    }

    private static SvgDom.Rect block(List<SvgDom.Rect> blocks, String cidr, String status) {
        return blocks.stream().filter(b -> b.cidr().equals(cidr) && b.status().equals(status)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + status + " block " + cidr + " in " + blocks));
    }

    @Test
    void reservedRangesAreHatchedAndWhatSharesTheirAddressesStandsOut() throws Exception {
        String page = page(RESULTS, context(RESERVED), 256 + 256);
        List<SvgDom.Rect> blocks = SvgDom.inHtml(page).blocks();
        // the hub, in the pool; the on-premises range is not in it, so not drawn
        assertTrue(block(blocks, "10.20.255.0/24", "reserved").tooltip().startsWith("reserved range hub"));
        assertFalse(blocks.stream().anyMatch(b -> b.cidr().equals("192.168.0.0/16")));
        // the subnet given inside the hub stands out and says why
        SvgDom.Rect spoke = block(blocks, "10.20.255.0/25", "overlap");
        assertEquals(AddressMapSvg.STANDOUT, spoke.fill());
        assertTrue(spoke.tooltip().contains("shares addresses with reserved range hub 10.20.255.0/24"),
                spoke.tooltip());
        // a range a rule rejected: a misfit, with the rule's reason
        SvgDom.Rect api = block(blocks, "10.20.2.0/29", "misfit");
        assertTrue(api.tooltip().contains("API server subnet 10.20.2.0/29, given"), api.tooltip());
        assertTrue(api.tooltip().contains("rejected: rejected by SUBNET-APISERVER-TOO-SMALL"), api.tooltip());
        // a connected network in the pool: hatched, named by who connects it; it does not make a subnet stand out
        assertTrue(block(blocks, "10.20.4.0/24", "reserved").tooltip().contains("named by peered"));
        assertEquals("ok", block(blocks, "10.20.3.0/24", "ok").status());
        // the team blocks: every given range, coloured by the option
        assertEquals(List.of("10.20.1.0/24", "10.20.2.0/29", "10.20.255.0/25", "10.20.3.0/24", "10.20.5.0/24"),
                blocks.stream().filter(b -> !b.status().equals("reserved") && !b.status().equals("free"))
                        .map(SvgDom.Rect::cidr).sorted().toList());
        assertFalse(page.contains("not known to this report"));
        // the tiny-api row lists the rejection as an error
        assertTrue(page.contains("<code>SUBNET-APISERVER-TOO-SMALL</code>"), page);
    }

    @Test
    void whenTheReservedRangesAreNotGivenThePageSaysSo() throws Exception {
        BatchWriter.Context unknown = new BatchWriter.Context(List.of("t.csv"), Fixtures.AS_OF, List.of(),
                FailOn.error);
        String page = page(RESULTS, unknown, 512);
        assertTrue(page.contains("The ranges --address-space reserves are not known to this report and not drawn."));
        assertTrue(page.contains(">The ranges --address-space reserves"), "a note of the figure");
        // nothing reserved to say: no note
        assertFalse(page(RESULTS, unknown, 0).contains("not known to this report"));
    }

    @Test
    void aBigBatchShowsTheWorstRowsErrorsFirstAndCountsTheRest() throws Exception {
        BatchResult warned = RESULTS.get(3);     // a warning (Windows Server 2022 retiring)
        BatchResult failing = RESULTS.get(1);    // an error (the API server subnet)
        List<BatchResult> many = new ArrayList<>();
        for (int i = 1; i <= 700; i++) {
            BatchResult from = i == 650 ? failing : warned;
            many.add(new BatchResult(i, from.file(), i + 1, from.name() + "-" + i, from.request(), from.advice(),
                    from.errors(), from.allocation()));
        }
        String page = page(many, context(List.of()), 0);
        Matcher rows = Pattern.compile("<tr class=\"has-(errors|warnings)\" data-ordinal=\"(\\d+)\"").matcher(page);
        List<Integer> ordinals = new ArrayList<>();
        while (rows.find()) {
            ordinals.add(Integer.parseInt(rows.group(2)));
        }
        assertEquals(HtmlBatchWriter.MAX_ROWS, ordinals.size());
        assertEquals(650, ordinals.get(0), "the error first");
        assertEquals(List.of(1, 2, 3), ordinals.subList(1, 4), "then input order");
        assertEquals(499, ordinals.get(ordinals.size() - 1));
        assertTrue(page.contains("700 requests have errors or warnings; the 500 worst are shown (most errors first, "
                + "then most warnings, then input order), and 200 more are not"), page);
        // the deadline counts every team it warns, shown or not
        assertTrue(page.contains("<g class=\"deadline\" data-date=\"2028-06-30\" data-teams=\"699\">"), page);
    }
}
