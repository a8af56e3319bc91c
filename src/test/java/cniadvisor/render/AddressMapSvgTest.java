package cniadvisor.render;

import cniadvisor.render.AddressMapSvg.Block;
import cniadvisor.render.AddressMapSvg.Lane;
import cniadvisor.render.AddressMapSvg.Status;
import cniadvisor.render.SvgDom.Rect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drawing itself: scale, rows, the outside strip, colours, labels, escaping and determinism. */
class AddressMapSvgTest {

    /** The default figure is 960 px wide with 16 px margins: a lane of one container is 928 px wide. */
    private static final double LANE = 928;

    private static Block ok(String cidr, String label, String group) {
        return new Block(cidr, label, group, Status.OK, "");
    }

    private static SvgDom draw(Lane... lanes) {
        return SvgDom.parse(new AddressMapSvg("t", List.of(), List.of(lanes)).svg());
    }

    @Test
    void widthsAreToScaleWithinALane() {
        SvgDom svg = draw(new Lane("a /24", List.of("10.0.0.0/24"), List.of(
                ok("10.0.0.0/25", "apps", "apps"),
                ok("10.0.0.128/26", "web", "web"),
                ok("10.0.0.192/27", "db", "db"),
                ok("10.0.0.224/32", "one", "db"))));
        assertEquals(List.of("10.0.0.0/25", "10.0.0.128/26", "10.0.0.192/27", "10.0.0.224/32"),
                svg.blocks().stream().map(Rect::cidr).toList());
        assertEquals(LANE / 2, svg.block("10.0.0.0/25").width(), 0.01);
        assertEquals(LANE / 4, svg.block("10.0.0.128/26").width(), 0.01);
        assertEquals(LANE / 8, svg.block("10.0.0.192/27").width(), 0.01);
        assertEquals(LANE / 256, svg.block("10.0.0.224/32").width(), 0.01);
        // placed by address: the /26 starts where the /25 ends
        assertEquals(16 + LANE / 2, svg.block("10.0.0.128/26").x(), 0.01);
        assertEquals(16 + LANE * 224 / 256, svg.block("10.0.0.224/32").x(), 0.01);
        // none of them overlaps, so all are in one row
        assertEquals(1, svg.blocks().stream().map(Rect::y).distinct().count());
        assertTrue(svg.blocks().stream().allMatch(r -> r.status().equals("ok")));
    }

    @Test
    void containersAreDrawnEndToEndWithTheirEdgeAddresses() {
        SvgDom svg = draw(new Lane("two", List.of("10.1.0.0/24", "10.0.0.0/24"), List.of(
                ok("10.0.0.0/24", "first", "g"), ok("10.1.0.0/25", "second", "g"))));
        Rect first = svg.block("10.0.0.0/24");
        Rect second = svg.block("10.1.0.0/25");
        assertEquals(2 * second.width(), first.width(), 0.01);   // both containers at the same scale
        assertTrue(second.x() > first.x() + first.width(), "sorted by address, with a gap between: " + svg.blocks());
        assertEquals(List.of("10.0.0.0", "10.0.0.255", "10.1.0.0", "10.1.0.255"), svg.texts("edge"));
    }

    @Test
    void aBlockNarrowerThanAPixelIsStillDrawnAndLabelsOnlyWhenTheyFit() {
        SvgDom svg = draw(new Lane("a /8", List.of("10.0.0.0/8"), List.of(
                ok("10.0.0.0/9", "big enough for a label", "a"),
                ok("10.200.0.7/32", "tiny", "b"))));
        assertEquals(1.0, svg.block("10.200.0.7/32").width(), 0.001);
        assertEquals(List.of("big enough for a label", "10.0.0.0/9"), svg.texts("label"));
        // the tiny one's label goes below the lane, with a leader line
        assertEquals(List.of("tiny 10.200.0.7/32"), svg.texts("callout"));
    }

    @Test
    void overlappingBlocksAreDrawnInSeparateRows() {
        SvgDom svg = draw(new Lane("l", List.of("10.0.0.0/16"), List.of(
                new Block("10.0.0.0/20", "a", "a", Status.OVERLAP, ""),
                new Block("10.0.8.0/21", "b", "b", Status.OVERLAP, ""),
                ok("10.0.16.0/20", "c", "c"))));
        Rect a = svg.block("10.0.0.0/20");
        Rect b = svg.block("10.0.8.0/21");
        Rect c = svg.block("10.0.16.0/20");
        assertNotEquals(a.y(), b.y());
        assertEquals(a.y(), c.y());
        assertEquals(AddressMapSvg.STANDOUT, a.fill());
        assertEquals(AddressMapSvg.STANDOUT, b.fill());
        assertNotEquals(AddressMapSvg.STANDOUT, c.fill());
    }

    @Test
    void blocksInNoContainerGoToTheOutsideStripInTheStandoutColour() {
        SvgDom svg = draw(new Lane("vnet", List.of("10.40.0.0/16"), List.of(
                ok("10.40.0.0/24", "in", "g"),
                ok("10.99.0.0/28", "out", "g"),
                ok("10.40.0.0/15", "bigger than the VNet", "g"))));
        Rect out = svg.block("10.99.0.0/28");
        assertEquals("outside", out.status());
        assertEquals(AddressMapSvg.STANDOUT, out.fill());
        assertTrue(out.y() > svg.block("10.40.0.0/24").y());
        assertTrue(out.tooltip().endsWith("(outside 10.40.0.0/16)"), out.tooltip());
        assertTrue(svg.texts("outside-title").get(0).startsWith("Outside 10.40.0.0/16: 1 block"));
        // a block that holds the whole container is clipped to it, not outside
        Rect big = svg.block("10.40.0.0/15");
        assertTrue(big.clipped());
        assertEquals("ok", big.status());
        assertEquals(LANE, big.width(), 0.01);
    }

    @Test
    void coloursComeFromTheFixedPaletteByFirstAppearance() {
        SvgDom svg = draw(
                new Lane("one", List.of("10.0.0.0/24"), List.of(ok("10.0.0.0/26", "x", "teamB"),
                        ok("10.0.0.64/26", "x", "teamA"), ok("10.0.0.128/26", "x", "teamB"),
                        new Block("10.0.0.192/26", "x", "teamC", Status.FREE, ""))),
                new Lane("two", List.of("10.1.0.0/24"), List.of(ok("10.1.0.0/25", "x", "teamC"),
                        new Block("10.1.0.128/25", "x", "teamD", Status.RESERVED, ""))));
        assertEquals(AddressMapSvg.PALETTE.get(0), svg.block("10.0.0.0/26").fill());
        assertEquals(AddressMapSvg.PALETTE.get(1), svg.block("10.0.0.64/26").fill());
        assertEquals(AddressMapSvg.PALETTE.get(0), svg.block("10.0.0.128/26").fill());
        assertEquals(AddressMapSvg.PALETTE.get(2), svg.block("10.1.0.0/25").fill());   // a free block takes none
        assertEquals("#ffffff", svg.block("10.0.0.192/26").fill());
        assertEquals("url(#address-map-hatch)", svg.block("10.1.0.128/25").fill());
        assertTrue(AddressMapSvg.PALETTE.stream().noneMatch(AddressMapSvg.STANDOUT::equals));
        assertTrue(svg.texts("legend-entry").containsAll(List.of("teamB", "teamA", "teamC", "reserved", "free")),
                svg.texts("legend-entry").toString());
    }

    @Test
    void hostileTextIsEscapedEverywhere() {
        String hostile = "x</title></svg><script>alert('1')</script> & \"q\" \n second line \u0001 \ud800";
        AddressMapSvg map = new AddressMapSvg(hostile, List.of(hostile), List.of(new Lane(hostile,
                List.of("10.0.0.0/24"), List.of(new Block("10.0.0.0/25", hostile, hostile, Status.OK, hostile)),
                hostile)));
        String svg = map.svg();
        assertFalse(svg.contains("<script"), svg);
        assertFalse(svg.contains("</title></svg>"), svg);
        assertFalse(svg.contains("\u0001"), svg);
        SvgDom dom = SvgDom.parse(svg);   // well-formed
        Rect block = dom.block("10.0.0.0/25");
        String carried = "x</title></svg><script>alert('1')</script> & \"q\" \n second line \ufffd \ufffd";
        assertEquals(carried, block.group());     // an attribute keeps even its line break (as &#10;)
        assertEquals(carried, block.tooltip());   // the tooltip keeps its lines
        assertEquals(0, dom.document().getElementsByTagNameNS("*", "script").getLength());
        dom.texts("lane-title").forEach(t -> assertFalse(t.contains("\n"), t));   // drawn text stays on one line
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            blocks.add(new Block("10." + (i / 16) + "." + (i % 16 * 16) + ".0/20", "team " + i, "team" + i % 7,
                    i % 13 == 0 ? Status.OVERLAP : Status.OK, "team " + i));
        }
        Lane lane = new Lane("pool", List.of("10.0.0.0/8"), blocks);
        String first = new AddressMapSvg("pool", List.of("note"), List.of(lane)).svg();
        String second = new AddressMapSvg("pool", List.of("note"), List.of(new Lane("pool", List.of("10.0.0.0/8"),
                List.copyOf(blocks)))).svg();
        assertEquals(first, second);
        assertEquals(first, new AddressMapSvg("pool", List.of("note"), List.of(lane)).svg());
    }

    @Test
    void thousandsOfTeamBlocksInAPoolAreEachDrawn() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            blocks.add(ok("10." + (i / 256) + "." + (i % 256) + ".0/24", "team-" + i, "team-" + i));
        }
        blocks.add(new Block("10.0.0.0/24", "clash", "team-0", Status.OVERLAP, "clash"));
        blocks.add(ok("172.16.0.0/24", "stray", "stray"));
        SvgDom svg = SvgDom.parse(new AddressMapSvg("fleet", List.of(), List.of(new Lane("pool 10.0.0.0/12",
                List.of("10.0.0.0/12"), blocks))).svg());
        List<Rect> rects = svg.blocks();
        assertEquals(4098, rects.size());
        assertTrue(rects.stream().allMatch(r -> r.width() >= 1 && r.x() >= 16 && r.x() + r.width() <= 944.01),
                "every block drawn, inside the lane");
        assertEquals(Set.of("ok", "overlap", "outside"), rects.stream().map(Rect::status).collect(Collectors.toSet()));
        assertEquals(2, rects.stream().map(Rect::y).filter(y -> y < 200).distinct().count(), "the clash: a 2nd row");
        // no label fits a 0.23 px block: only the stray one's, in the outside strip
        assertEquals(List.of("stray", "172.16.0.0/24"), svg.texts("label"));
        assertTrue(svg.texts("legend-entry").contains("and 4073 more groups"), svg.texts("legend-entry").toString());
    }

    @Test
    void coveringIsTheSmallestBlockThatHoldsAll() {
        assertEquals("10.0.0.0/11", AddressMapSvg.covering(List.of("10.20.0.0/24", "10.2.0.0/20")));
        assertEquals("10.40.0.0/22", AddressMapSvg.covering(List.of("10.40.0.0/22")));
        assertEquals("0.0.0.0/0", AddressMapSvg.covering(List.of("10.0.0.0/8", "192.168.0.0/16")));
        assertEquals("10.1.0.10/32", AddressMapSvg.covering(List.of("10.1.0.10")));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AddressMapSvg("t", List.of(),
                List.of(new Lane("l", List.of("10.0.0.0/33"), List.of()))).svg());
        assertThrows(IllegalArgumentException.class, () -> new AddressMapSvg("t", List.of(),
                List.of(new Lane("l", List.of("10.0.0.0/8"), List.of(ok("fd00::/8", "v6", "g"))))).svg());
        assertThrows(IllegalArgumentException.class, () -> new Lane("l", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AddressMapSvg("t", List.of(), List.of(), 100));
    }
}
