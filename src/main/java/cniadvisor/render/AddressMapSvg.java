package cniadvisor.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Draws IPv4 address ranges to scale as one SVG figure: a stack of lanes, each spanning one or more container
 * ranges (drawn end to end, with the first and last address at each edge), and the blocks allocated in them. Its
 * input is plain data, so it draws an address plan as well as an organisation's pool with thousands of team blocks.
 *
 * <ul>
 *   <li>Widths are to scale within a lane: a /25 is half as wide as a /24 in the same lane. A block narrower than
 *       {@value #MIN_WIDTH} px is drawn that wide; a label is drawn inside a block only when it fits, else below the
 *       lane with a leader line when there is room (at most {@value #CALLOUT_ROWS} rows), else not at all: every
 *       block has a {@code <title>} tooltip.</li>
 *   <li>Blocks that share addresses are put in separate rows (at most {@value #MAX_ROWS}), so both stay visible. A
 *       block that lies in no container is drawn in the lane's "outside" strip, not to scale, with status
 *       {@code outside}; one that only partly lies in the containers is clipped to them ({@code data-clipped}).</li>
 *   <li>Colours: each group takes the next colour of a fixed palette in the order groups first appear, so the same
 *       input gives the same colours; {@code overlap}, {@code misfit} and {@code outside} blocks take the standout
 *       colour {@link #STANDOUT} with a dark outline, {@code reserved} ones a grey hatch, {@code free} ones a dashed
 *       outline.</li>
 *   <li>Each block is a {@code <rect class="block">} with {@code data-cidr} (canonical), {@code data-status} and
 *       {@code data-group}, for tests and scripts to count and measure. A legend lists the groups and the statuses
 *       drawn.</li>
 *   <li>The same input gives the same bytes. All text is escaped for XML (and HTML, where the figure is embedded):
 *       markup characters and quotes as references, characters XML cannot hold as U+FFFD, line breaks in
 *       attributes as {@code &#10;}; labels are kept on one line, tooltips keep their line breaks.</li>
 * </ul>
 */
public final class AddressMapSvg {

    /** What a block is; the first three stand out. */
    public enum Status {
        OK, OVERLAP, OUTSIDE, MISFIT, FREE, RESERVED;

        /** As {@code data-status} and the legend spell it: ok, overlap, outside, misfit, free, reserved. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean standsOut() {
            return this == OVERLAP || this == OUTSIDE || this == MISFIT;
        }
    }

    /**
     * One range to draw: {@code cidr} an IPv4 CIDR (or one address, as a /32), {@code label} its use (drawn beside
     * the prefix when it fits), {@code group} the key its colour comes from, {@code tooltip} the text of its
     * {@code <title>} (may hold line breaks; empty: the label and the range).
     */
    public record Block(String cidr, String label, String group, Status status, String tooltip) {
        public Block {
            Objects.requireNonNull(cidr, "cidr");
            Objects.requireNonNull(status, "status");
            label = label == null ? "" : label;
            group = group == null ? "" : group;
            tooltip = tooltip == null ? "" : tooltip;
        }
    }

    /**
     * One row of the figure: {@code containers} the ranges it spans (at least one; overlapping or adjacent ones
     * merge), {@code blocks} what is drawn in them, {@code note} a line under the title (may be empty).
     */
    public record Lane(String title, List<String> containers, List<Block> blocks, String note) {
        public Lane {
            Objects.requireNonNull(title, "title");
            containers = List.copyOf(containers);
            blocks = List.copyOf(blocks);
            note = note == null ? "" : note;
            if (containers.isEmpty()) {
                throw new IllegalArgumentException("a lane needs at least one container range");
            }
        }

        public Lane(String title, List<String> containers, List<Block> blocks) {
            this(title, containers, blocks, "");
        }
    }

    /** Fill of overlapping, misfit and outside blocks. */
    public static final String STANDOUT = "#e31a1c";
    public static final int DEFAULT_WIDTH = 960;
    /** Group colours, in the order groups first appear (then again from the start). None is red or grey. */
    public static final List<String> PALETTE = List.of("#80b1d3", "#b3de69", "#fdb462", "#bebada", "#8dd3c7",
            "#ffed6f", "#bc80bd", "#ccebc5", "#fccde5", "#a6cee3", "#ffffb3", "#cab2d6");
    static final double MIN_WIDTH = 1;
    static final int MAX_ROWS = 8;
    static final int CALLOUT_ROWS = 3;
    static final int LEGEND_GROUPS = 24;

    private static final String STANDOUT_STROKE = "#67000d";
    private static final String FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
    private static final String MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace";
    private static final int MARGIN = 16;
    private static final int ROW_H = 28;
    private static final int ROW_GAP = 2;
    private static final double LABEL_FONT = 11;
    private static final double TILE_MAX = 200;
    private static final double TILE_MIN = 6;

    private final String title;
    private final List<String> notes;
    private final List<Lane> lanes;
    private final int width;

    public AddressMapSvg(String title, List<String> notes, List<Lane> lanes) {
        this(title, notes, lanes, DEFAULT_WIDTH);
    }

    /** {@code width} in pixels, at least 320. */
    public AddressMapSvg(String title, List<String> notes, List<Lane> lanes, int width) {
        this.title = Objects.requireNonNull(title, "title");
        this.notes = List.copyOf(notes);
        this.lanes = List.copyOf(lanes);
        if (width < 320) {
            throw new IllegalArgumentException("width below 320 px: " + width);
        }
        this.width = width;
    }

    public List<Lane> lanes() {
        return lanes;
    }

    // ---- geometry ----

    /** An IPv4 range as numbers: first and last address, and the prefix length when it is a CIDR block. */
    record Range(long first, long last, int prefix) {
        long size() {
            return last - first + 1;
        }

        String text() {
            return address(first) + "/" + prefix;
        }

        boolean overlaps(Range o) {
            return first <= o.last && o.first <= last;
        }

        boolean contains(Range o) {
            return first <= o.first && o.last <= last;
        }
    }

    /** Parses "a.b.c.d/n" or "a.b.c.d" (a /32); host bits are cleared, as the block the CIDR denotes. */
    static Range parse(String cidr) {
        String s = cidr.strip();
        int slash = s.indexOf('/');
        int prefix = 32;
        if (slash >= 0) {
            prefix = number(s.substring(slash + 1), 32, cidr);
            s = s.substring(0, slash);
        }
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + Escape.oneLine(cidr));
        }
        long value = 0;
        for (String octet : octets) {
            value = value << 8 | number(octet, 255, cidr);
        }
        long size = 1L << (32 - prefix);
        long first = value & ~(size - 1) & 0xFFFF_FFFFL;
        return new Range(first, first + size - 1, prefix);
    }

    private static int number(String digits, int max, String cidr) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + Escape.oneLine(cidr));
        }
        int n = Integer.parseInt(digits);
        if (n > max) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + Escape.oneLine(cidr));
        }
        return n;
    }

    static String address(long value) {
        return (value >>> 24 & 255) + "." + (value >>> 16 & 255) + "." + (value >>> 8 & 255) + "." + (value & 255);
    }

    /** The smallest CIDR block that holds every range given (at least one), as text. */
    public static String covering(List<String> cidrs) {
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException("no range to cover");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String cidr : cidrs) {
            Range r = parse(cidr);
            first = Math.min(first, r.first);
            last = Math.max(last, r.last);
        }
        int prefix = 32;
        while (prefix > 0 && (first >>> (32 - prefix)) != (last >>> (32 - prefix))) {
            prefix--;
        }
        long size = 1L << (32 - prefix);
        return address(first & ~(size - 1) & 0xFFFF_FFFFL) + "/" + prefix;
    }

    /** Merged container ranges of a lane, lowest first; {@code cidrs} the containers that make it up. */
    private record Segment(long first, long last, List<String> cidrs) {
        long size() {
            return last - first + 1;
        }
    }

    private static List<Segment> segments(List<String> containers) {
        List<Range> sorted = containers.stream().map(AddressMapSvg::parse)
                .sorted(Comparator.comparingLong(Range::first).thenComparing(Range::last, Comparator.reverseOrder()))
                .toList();
        List<Segment> merged = new ArrayList<>();
        for (Range r : sorted) {
            Segment last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.first <= last.last + 1) {
                List<String> cidrs = new ArrayList<>(last.cidrs);
                if (!cidrs.contains(r.text())) {
                    cidrs.add(r.text());
                }
                merged.set(merged.size() - 1, new Segment(last.first, Math.max(last.last, r.last), cidrs));
            } else {
                merged.add(new Segment(r.first, r.last, List.of(r.text())));
            }
        }
        return merged;
    }

    /** A block with its place: address span drawn (clipped to the containers), pixels, row. */
    private static final class Placed {
        final Block block;
        final Range range;
        final int index;
        final boolean clipped;
        long first;
        long last;
        double x;
        double w;
        int row;
        boolean labelled;

        Placed(Block block, Range range, int index, boolean clipped) {
            this.block = block;
            this.range = range;
            this.index = index;
            this.clipped = clipped;
        }
    }

    // ---- drawing ----

    /** The figure: an {@code <svg>} element with its namespace, no XML declaration, ending in a line feed. */
    public String svg() {
        Map<String, String> colours = colours();
        StringBuilder body = new StringBuilder();
        double laneX = MARGIN;
        double laneW = width - 2.0 * MARGIN;
        double y = MARGIN;
        body.append("<text class=\"figure-title\" x=\"").append(MARGIN).append("\" y=\"").append(fmt(y + 15))
                .append("\" font-size=\"16\" font-weight=\"bold\">").append(text(fit(title, laneW, 16)))
                .append("</text>\n");
        y += 22;
        for (String note : notes) {
            body.append("<text class=\"figure-note\" x=\"").append(MARGIN).append("\" y=\"").append(fmt(y + 12))
                    .append("\" font-size=\"12\" fill=\"#455a64\">").append(text(fit(note, laneW, 12)))
                    .append("</text>\n");
            y += 16;
        }
        for (Lane lane : lanes) {
            y = lane(body, lane, colours, laneX, laneW, y + 12);
        }
        y = legend(body, colours, laneX, laneW, y + 14);
        int height = (int) Math.ceil(y + MARGIN);

        StringBuilder svg = new StringBuilder(body.length() + 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"address-map\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"").append(FONT).append("\" data-standout=\"")
                .append(STANDOUT).append("\" role=\"img\">\n");
        svg.append("<title>").append(text(title)).append("</title>\n");
        svg.append("<defs><pattern id=\"address-map-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e0e0e0\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#757575\" stroke-width=\"2\"/></pattern></defs>\n");
        svg.append("<rect class=\"background\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        svg.append(body).append("</svg>\n");
        return svg.toString();
    }

    /** Group colours, in the order groups first appear among blocks that take one. */
    private Map<String, String> colours() {
        Map<String, String> colours = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            for (Block b : lane.blocks()) {
                if (b.status() != Status.FREE && b.status() != Status.RESERVED && !colours.containsKey(b.group())) {
                    colours.put(b.group(), PALETTE.get(colours.size() % PALETTE.size()));
                }
            }
        }
        return colours;
    }

    private double lane(StringBuilder out, Lane lane, Map<String, String> colours, double laneX, double laneW,
                        double top) {
        double right = laneX + laneW;
        double y = top;
        out.append("<g class=\"lane\" data-title=\"").append(attr(lane.title())).append("\">\n");
        out.append("<text class=\"lane-title\" x=\"").append(fmt(laneX)).append("\" y=\"").append(fmt(y + 13))
                .append("\" font-size=\"13\" font-weight=\"bold\">").append(text(fit(lane.title(), laneW, 13)))
                .append("</text>\n");
        y += 18;
        if (!lane.note().isEmpty()) {
            out.append("<text class=\"lane-note\" x=\"").append(fmt(laneX)).append("\" y=\"").append(fmt(y + 11))
                    .append("\" font-size=\"11\" font-style=\"italic\" fill=\"#546e7a\">")
                    .append(text(fit(lane.note(), laneW, 11))).append("</text>\n");
            y += 15;
        }

        // containers, merged, end to end
        List<Segment> segments = segments(lane.containers());
        double gap = segments.size() < 2 ? 0 : Math.min(8, laneW * 0.2 / (segments.size() - 1));
        double total = segments.stream().mapToDouble(Segment::size).sum();
        double scale = (laneW - gap * (segments.size() - 1)) / total;
        double[] segX = new double[segments.size()];
        double at = laneX;
        for (int i = 0; i < segments.size(); i++) {
            segX[i] = at;
            at += segments.get(i).size() * scale + gap;
        }

        // blocks: inside (maybe clipped) or outside
        List<Placed> inside = new ArrayList<>();
        List<Placed> outside = new ArrayList<>();
        for (int i = 0; i < lane.blocks().size(); i++) {
            Block b = lane.blocks().get(i);
            Range r = parse(b.cidr());
            int firstSeg = -1;
            int lastSeg = -1;
            boolean contained = false;
            for (int s = 0; s < segments.size(); s++) {
                Segment seg = segments.get(s);
                if (seg.first <= r.last && r.first <= seg.last) {
                    firstSeg = firstSeg < 0 ? s : firstSeg;
                    lastSeg = s;
                    contained |= seg.first <= r.first && r.last <= seg.last;
                }
            }
            if (firstSeg < 0) {
                outside.add(new Placed(b, r, i, false));
                continue;
            }
            Placed p = new Placed(b, r, i, !contained);
            p.first = Math.max(r.first, segments.get(firstSeg).first);
            p.last = Math.min(r.last, segments.get(lastSeg).last);
            double x0 = segX[firstSeg] + (p.first - segments.get(firstSeg).first) * scale;
            double x1 = segX[lastSeg] + (p.last + 1 - segments.get(lastSeg).first) * scale;
            p.w = Math.max(MIN_WIDTH, x1 - x0);
            p.x = Math.min(x0, right - p.w);
            inside.add(p);
        }
        inside.sort(Comparator.<Placed>comparingLong(p -> p.first).thenComparing(p -> p.last, Comparator.reverseOrder())
                .thenComparingInt(p -> p.index));
        List<Long> rowEnds = new ArrayList<>();
        for (Placed p : inside) {
            int row = -1;
            for (int r = 0; r < rowEnds.size(); r++) {
                if (rowEnds.get(r) < p.first) {
                    row = r;
                    break;
                }
            }
            if (row < 0) {
                if (rowEnds.size() < MAX_ROWS) {
                    rowEnds.add(p.last);
                    row = rowEnds.size() - 1;
                } else {
                    row = MAX_ROWS - 1;
                }
            }
            rowEnds.set(row, Math.max(rowEnds.get(row), p.last));
            p.row = row;
        }
        int rows = Math.max(1, rowEnds.size());

        // container labels above, the containers' bands, the blocks
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            double segW = seg.size() * scale;
            String cidrs = String.join(" + ", seg.cidrs());
            String withSize = cidrs + " (" + String.format(Locale.ROOT, "%,d", seg.size()) + " addresses)";
            String label = textWidth(withSize, LABEL_FONT) + 4 <= segW ? withSize
                    : textWidth(cidrs, LABEL_FONT) + 4 <= segW ? cidrs : null;
            if (label != null) {
                out.append("<text class=\"container-label\" x=\"").append(fmt(segX[s])).append("\" y=\"")
                        .append(fmt(y + 11)).append("\" font-size=\"11\" font-family=\"").append(MONO)
                        .append("\" fill=\"#37474f\">").append(text(label)).append("</text>\n");
            }
        }
        y += 15;
        double barTop = y;
        double barH = rows * ROW_H + (rows - 1) * ROW_GAP;
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            out.append("<rect class=\"container\" data-cidr=\"").append(attr(String.join(" ", seg.cidrs())))
                    .append("\" x=\"").append(fmt(segX[s])).append("\" y=\"").append(fmt(barTop))
                    .append("\" width=\"").append(fmt(Math.max(MIN_WIDTH, seg.size() * scale)))
                    .append("\" height=\"").append(fmt(barH))
                    .append("\" fill=\"#f3f5f8\" stroke=\"#90a4ae\" stroke-width=\"1\"><title>")
                    .append(text(String.join(" + ", seg.cidrs()) + ": " + address(seg.first) + " to "
                            + address(seg.last) + String.format(Locale.ROOT, ", %,d addresses", seg.size())))
                    .append("</title></rect>\n");
        }
        for (Placed p : inside) {
            double by = barTop + p.row * (ROW_H + ROW_GAP);
            p.labelled = block(out, p, p.block.status(), colours, p.x, by, p.w, p.clipped
                    ? "\n(extends beyond the drawn range: " + p.range.text() + ")" : "");
        }
        y = barTop + barH;

        // the first and last address at each container's edges
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            double segW = seg.size() * scale;
            String first = address(seg.first);
            String last = address(seg.last);
            double fw = textWidth(first, 10);
            double lw = textWidth(last, 10);
            if (fw + 2 <= segW || segments.size() == 1) {
                out.append(edge(segX[s], y + 11, "start", first));
            }
            if (fw + lw + 8 <= segW) {
                out.append(edge(segX[s] + segW, y + 11, "end", last));
            }
        }
        y += 15;

        // labels that did not fit in their block: below, with a leader line, where there is room
        List<Placed> unlabelled = inside.stream().filter(p -> !p.labelled)
                .sorted(Comparator.<Placed>comparingDouble(p -> p.x).thenComparingInt(p -> p.index)).toList();
        double[] rowEnd = new double[CALLOUT_ROWS];
        java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
        int calloutRows = 0;
        StringBuilder callouts = new StringBuilder();
        for (Placed p : unlabelled) {
            String label = oneLine(p.block.label().isEmpty() ? p.range.text() : p.block.label() + " " + p.range.text());
            double tw = textWidth(label, LABEL_FONT);
            if (tw > laneW) {
                continue;
            }
            double cx = p.x + p.w / 2;
            double desired = Math.max(laneX, Math.min(cx - 3, right - tw));
            for (int r = 0; r < CALLOUT_ROWS; r++) {
                double start = Math.max(desired, rowEnd[r] + 10);
                if (start + tw <= right) {
                    rowEnd[r] = start + tw;
                    calloutRows = Math.max(calloutRows, r + 1);
                    double baseline = y + 11 + r * 14;
                    double blockBottom = barTop + p.row * (ROW_H + ROW_GAP) + ROW_H;
                    callouts.append("<line class=\"leader\" x1=\"").append(fmt(cx)).append("\" y1=\"")
                            .append(fmt(blockBottom)).append("\" x2=\"").append(fmt(Math.max(start, Math.min(cx,
                                    start + tw)))).append("\" y2=\"").append(fmt(baseline - 9))
                            .append("\" stroke=\"#78909c\" stroke-width=\"0.75\"/>\n");
                    callouts.append("<text class=\"callout\" data-cidr=\"").append(p.range.text()).append("\" x=\"")
                            .append(fmt(start)).append("\" y=\"").append(fmt(baseline)).append("\" font-size=\"11\" "
                                    + "font-family=\"").append(MONO).append("\">").append(text(label))
                            .append("</text>\n");
                    break;
                }
            }
        }
        out.append(callouts);
        y += calloutRows * 14;

        // blocks in no container: a strip of tiles, not to scale
        if (!outside.isEmpty()) {
            outside.sort(Comparator.<Placed>comparingLong(p -> p.range.first)
                    .thenComparing(p -> p.range.last, Comparator.reverseOrder()).thenComparingInt(p -> p.index));
            String where = String.join(", ", segments.stream().map(s -> String.join(" + ", s.cidrs())).toList());
            out.append("<text class=\"outside-title\" x=\"").append(fmt(laneX)).append("\" y=\"")
                    .append(fmt(y + 13)).append("\" font-size=\"11\" font-weight=\"bold\" fill=\"")
                    .append(STANDOUT_STROKE).append("\">")
                    .append(text(fit("Outside " + where + ": " + outside.size()
                            + (outside.size() == 1 ? " block" : " blocks") + " (not to scale)", laneW, 11)))
                    .append("</text>\n");
            y += 18;
            int n = outside.size();
            double tileGap = 4;
            double tileW = Math.min(TILE_MAX, (laneW - (n - 1) * tileGap) / n);
            if (tileW < TILE_MIN) {
                tileGap = 1;
                tileW = TILE_MIN;
            }
            int perRow = Math.max(1, (int) Math.floor((laneW + tileGap) / (tileW + tileGap)));
            for (int i = 0; i < n; i++) {
                Placed p = outside.get(i);
                double tx = laneX + (i % perRow) * (tileW + tileGap);
                double ty = y + (i / perRow) * (ROW_H + ROW_GAP);
                block(out, p, Status.OUTSIDE, colours, tx, ty, tileW, "\n(outside " + where + ")");
            }
            y += ((n + perRow - 1) / perRow) * (ROW_H + ROW_GAP);
        }
        out.append("</g>\n");
        return y;
    }

    private static String edge(double x, double y, String anchor, String address) {
        return "<text class=\"edge\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"10\" font-family=\"" + MONO
                + "\" fill=\"#546e7a\" text-anchor=\"" + anchor + "\">" + address + "</text>\n";
    }

    /** Draws one block and its label when the label fits; says whether it did. */
    private static boolean block(StringBuilder out, Placed p, Status status, Map<String, String> colours, double x,
                                 double y, double w, String tooltipTail) {
        Block b = p.block;
        String fill;
        String stroke;
        String extra;
        String ink = "#1b1b1b";
        if (status.standsOut()) {
            fill = STANDOUT;
            stroke = STANDOUT_STROKE;
            extra = " stroke-width=\"1.5\"";
            ink = "#ffffff";
        } else if (status == Status.RESERVED) {
            fill = "url(#address-map-hatch)";
            stroke = "#616161";
            extra = " stroke-width=\"1\"";
        } else if (status == Status.FREE) {
            fill = "#ffffff";
            stroke = "#78909c";
            extra = " stroke-width=\"1\" stroke-dasharray=\"3 2\"";
        } else {
            fill = colours.get(b.group());
            // an outline on a block a few pixels wide would hide its colour: dense regions turn dark
            stroke = w < 3 ? "none" : "#37474f";
            extra = w < 3 ? "" : " stroke-width=\"0.5\"";
        }
        String tooltip = (b.tooltip().isEmpty() ? (b.label().isEmpty() ? "" : b.label() + " ") + p.range.text()
                : b.tooltip()) + tooltipTail;
        out.append("<rect class=\"block\" data-cidr=\"").append(p.range.text()).append("\" data-status=\"")
                .append(status.text()).append("\" data-group=\"").append(attr(b.group())).append('"')
                .append(p.clipped ? " data-clipped=\"true\"" : "").append(" x=\"").append(fmt(x)).append("\" y=\"")
                .append(fmt(y)).append("\" width=\"").append(fmt(w)).append("\" height=\"").append(ROW_H)
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append('"').append(extra)
                .append("><title>").append(text(tooltip)).append("</title></rect>\n");
        String label = oneLine(b.label());
        String cidr = p.range.text();
        double room = w - 6;
        List<String> lines = !label.isEmpty() && textWidth(label, LABEL_FONT) <= room
                && textWidth(cidr, LABEL_FONT) <= room ? List.of(label, cidr)
                : textWidth(cidr, LABEL_FONT) <= room ? List.of(cidr) : List.of();
        for (int i = 0; i < lines.size(); i++) {
            double baseline = lines.size() == 2 ? y + 12 + i * 12 : y + 18;
            out.append("<text class=\"label\" x=\"").append(fmt(x + 3)).append("\" y=\"").append(fmt(baseline))
                    .append("\" font-size=\"11\" font-family=\"").append(MONO).append("\" fill=\"").append(ink)
                    .append("\">").append(text(lines.get(i))).append("</text>\n");
        }
        return lines.size() == 2 || lines.size() == 1 && label.isEmpty();
    }

    private double legend(StringBuilder out, Map<String, String> colours, double laneX, double laneW, double top) {
        List<String[]> entries = new ArrayList<>();   // {kind, text, colour}
        int shown = 0;
        for (Map.Entry<String, String> e : colours.entrySet()) {
            if (e.getKey().isEmpty()) {
                continue;
            }
            if (shown++ < LEGEND_GROUPS) {
                entries.add(new String[] {"group", e.getKey(), e.getValue()});
            }
        }
        if (shown > LEGEND_GROUPS) {
            entries.add(new String[] {"more", "and " + (shown - LEGEND_GROUPS) + " more groups", ""});
        }
        java.util.Set<Status> drawn = java.util.EnumSet.noneOf(Status.class);
        for (Lane lane : lanes) {
            List<Segment> segments = segments(lane.containers());
            for (Block b : lane.blocks()) {
                Range r = parse(b.cidr());
                boolean in = segments.stream().anyMatch(s -> s.first <= r.last && r.first <= s.last);
                drawn.add(in ? b.status() : Status.OUTSIDE);
            }
        }
        for (Status s : List.of(Status.OVERLAP, Status.MISFIT, Status.OUTSIDE, Status.RESERVED, Status.FREE)) {
            if (drawn.contains(s)) {
                entries.add(new String[] {"status", s.text() + switch (s) {
                    case OVERLAP -> " (shares addresses)";
                    case MISFIT -> " (does not fit its use)";
                    case OUTSIDE -> " (outside every container)";
                    default -> "";
                }, s.text()});
            }
        }
        if (entries.isEmpty()) {
            return top;
        }
        out.append("<g class=\"legend\">\n");
        out.append("<text class=\"legend-title\" x=\"").append(fmt(laneX)).append("\" y=\"").append(fmt(top + 11))
                .append("\" font-size=\"11\" font-weight=\"bold\">Legend</text>\n");
        double x = laneX + 56;
        double y = top;
        for (String[] e : entries) {
            String label = fit(e[1], laneW - 20, 11);
            double w = 16 + textWidth(label, 11) + 16;
            if (x > laneX + 56 && x + w > laneX + laneW) {
                x = laneX + 56;
                y += 18;
            }
            if (!"more".equals(e[0])) {
                String fill;
                String stroke;
                String extra = "";
                if ("group".equals(e[0])) {
                    fill = e[2];
                    stroke = "#37474f";
                } else {
                    Status s = Status.valueOf(e[2].toUpperCase(Locale.ROOT));
                    fill = s.standsOut() ? STANDOUT : s == Status.RESERVED ? "url(#address-map-hatch)" : "#ffffff";
                    stroke = s.standsOut() ? STANDOUT_STROKE : s == Status.RESERVED ? "#616161" : "#78909c";
                    extra = s == Status.FREE ? " stroke-dasharray=\"3 2\"" : "";
                }
                out.append("<rect class=\"swatch\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y + 2))
                        .append("\" width=\"12\" height=\"12\" fill=\"").append(fill).append("\" stroke=\"")
                        .append(stroke).append('"').append(extra).append("/>\n");
            }
            out.append("<text class=\"legend-entry\" x=\"").append(fmt(x + 16)).append("\" y=\"").append(fmt(y + 12))
                    .append("\" font-size=\"11\">").append(text(label)).append("</text>\n");
            x += w;
        }
        out.append("</g>\n");
        return y + 18;
    }

    // ---- text ----

    /** Estimated width of text in pixels: generous, so a label that is drawn fits. */
    static double textWidth(String s, double fontSize) {
        return s.codePointCount(0, s.length()) * fontSize * 0.62;
    }

    /** One line of text, cut with an ellipsis to fit {@code px}. */
    private static String fit(String s, double px, double fontSize) {
        String line = oneLine(s);
        if (textWidth(line, fontSize) <= px) {
            return line;
        }
        int keep = Math.max(0, (int) Math.floor(px / (fontSize * 0.62)) - 1);
        int end = line.offsetByCodePoints(0, Math.min(keep, line.codePointCount(0, line.length())));
        return line.substring(0, end) + "\u2026";
    }

    private static String oneLine(String s) {
        return Escape.oneLine(s);
    }

    /** Text content for XML and HTML: markup characters as references, what XML cannot hold as U+FFFD. */
    static String text(String s) {
        return markup(Escape.xml(s), false);
    }

    /** An attribute value (double-quoted): as {@link #text}, with quotes and line breaks as references too. */
    static String attr(String s) {
        return markup(Escape.xml(s), true);
    }

    private static String markup(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append(attribute ? "&#13;" : "&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A pixel value with at most two decimals, no trailing zeros: the same text for the same number. */
    static String fmt(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths % 100 == 0) {
            return Long.toString(hundredths / 100);
        }
        String s = String.format(Locale.ROOT, "%.2f", hundredths / 100.0);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
