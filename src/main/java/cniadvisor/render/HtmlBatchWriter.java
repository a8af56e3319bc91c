package cniadvisor.render;

import cniadvisor.batch.BatchResult;
import cniadvisor.batch.BatchSummary;
import cniadvisor.io.InputError;
import cniadvisor.ipplan.FleetAllocator;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.Advice;
import cniadvisor.model.AllocatedRange;
import cniadvisor.model.NodePool;
import cniadvisor.model.ProposedRange;
import cniadvisor.model.RangeRelation;
import cniadvisor.model.Reason;
import cniadvisor.model.Request;
import cniadvisor.model.Source;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code batch -o html}: the fleet report as one self-contained page (inline style, no script, nothing fetched; links
 * to the sources are plain {@code <a href>}), written in {@link #finish}:
 *
 * <ol>
 *   <li>the address pool drawn to scale ({@link AddressMapSvg}, one lane with every pool as a container): each
 *       request's given VNet ranges and subnets, and what the batch allocated to it (its VNet block, or each subnet
 *       allocated on its own), coloured by the recommended option; ranges outside the pools, ranges that share
 *       addresses with another team's or a reserved range, and given ranges a rule rejected in the standout colour;
 *       reserved ranges (--address-space, connected networks and given pod and service CIDRs inside the pools)
 *       hatched; the largest free blocks dashed. Hovering a block names the range, the team and its input line;</li>
 *   <li>the pool's figures (size, given, reserved, allocated, free, largest free blocks, shared cluster-private
 *       ranges);</li>
 *   <li>recommendations per option, as bars;</li>
 *   <li>errors and warnings per team, errors first, at most {@value #MAX_ROWS} rows;</li>
 *   <li>the retirement deadlines the requests are warned about, on a timeline from --as-of, with how many teams
 *       each affects.</li>
 * </ol>
 *
 * <p>It streams: per request it keeps only small records (the blocks it adds to the map, at most
 * {@value #MAX_ROWS} table rows, counts per deadline), never the advice. The same results give the same bytes.
 * Every name, message and range from the input is escaped for HTML.
 */
final class HtmlBatchWriter implements BatchWriter {

    /** Table rows shown at most: the worst, errors first. */
    static final int MAX_ROWS = 500;
    /** Messages listed per row at most. */
    static final int MAX_MESSAGES = 20;
    /** Characters of a team name kept (a name may be long; the page must not be). */
    static final int NAME_CHARS = 120;
    /** Characters of a block label drawn on the map. */
    static final int LABEL_CHARS = 32;
    /** Group (colour) of the blocks of a request that no option fits. */
    static final String NO_FIT_GROUP = "no option fits";
    static final int FIGURE_WIDTH = 1200;

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1b1b1b; margin: 1.5rem auto; \
            max-width: 1232px; padding: 0 1rem; }
            h1 { font-size: 1.5rem; margin-bottom: 0.3rem; }
            h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #cfd8dc; padding-bottom: 0.2rem; }
            p.meta { color: #37474f; margin-top: 0; }
            nav a { margin-right: 1rem; }
            figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
            figcaption { font-size: 0.85rem; color: #455a64; margin-top: 0.3rem; }
            table { border-collapse: collapse; font-size: 0.9rem; margin-top: 0.5rem; }
            th, td { border: 1px solid #cfd8dc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
            thead th { background: #eceff1; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.cidr, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; }
            td.bar { width: 420px; }
            td.bar span { display: inline-block; height: 0.9rem; border: 1px solid #37474f; vertical-align: middle; }
            .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.4rem; \
            border: 1px solid #37474f; vertical-align: middle; }
            table.issues td.option { white-space: nowrap; } table.issues td.input { overflow-wrap: anywhere; }
            table.deadlines td:first-child, table.deadlines th { white-space: nowrap; }
            tr.has-errors td.errors { color: #b71c1c; font-weight: bold; }
            tr.has-warnings td.warnings { color: #e65100; font-weight: bold; }
            ul.messages { margin: 0; padding-left: 1.1rem; }
            ul.messages li { margin: 0.1rem 0; }
            li.error strong { color: #b71c1c; } li.warning strong { color: #e65100; }
            p.note { color: #455a64; font-size: 0.9rem; }
            """;

    private static final Pattern DEADLINE_WORDS = Pattern.compile("(?i)unsupported|retir");
    private static final Pattern DEADLINE = Pattern.compile("\\b(?:from|since|retires on) (\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Comparator<Row> WORST_FIRST = Comparator.comparingLong(Row::errors).reversed()
            .thenComparing(Comparator.comparingLong(Row::warnings).reversed())
            .thenComparingInt(Row::ordinal);

    private final Writer out;
    private final Context context;

    // the map: what each request adds, in input order
    private final List<TeamBlock> blocks = new ArrayList<>();
    /** Connected networks by range, and given pod and service CIDRs by role and range: drawn where in a pool. */
    private final Map<String, Named> connected = new TreeMap<>();
    private final Map<String, Named> clusterPrivate = new TreeMap<>();
    // the table: the MAX_ROWS worst rows, the best of them first out
    private final PriorityQueue<Row> worst = new PriorityQueue<>(WORST_FIRST.reversed());
    private long rows;
    // the chart: titles of the options recommended
    private final Map<String, String> optionTitles = new TreeMap<>();
    // the timeline
    private final TreeMap<LocalDate, Deadline> deadlines = new TreeMap<>();

    HtmlBatchWriter(Writer out, Context context) {
        this.out = out;
        this.context = context;
    }

    // ---- what is kept per request ----

    /** A range of a request on the map. {@code status}, {@code partner}: set when the map is drawn. */
    private static final class TeamBlock {
        final int ordinal;
        final int index;
        final String team;
        final String location;
        final String group;
        final String role;
        final String cidr;
        final long first;
        final long last;
        final boolean allocated;
        final String note;
        final boolean misfit;
        AddressMapSvg.Status status = AddressMapSvg.Status.OK;
        String partner;

        TeamBlock(int ordinal, int index, String team, String location, String group, String role, String cidr,
                  boolean allocated, String note, boolean misfit) {
            this.ordinal = ordinal;
            this.index = index;
            this.team = team;
            this.location = location;
            this.group = group;
            this.role = role;
            AddressMapSvg.Range range = AddressMapSvg.parse(cidr);
            this.cidr = range.text();
            this.first = range.first();
            this.last = range.last();
            this.allocated = allocated;
            this.note = note;
            this.misfit = misfit;
        }

        boolean vnet() {
            return "vnet".equals(role);
        }

        String describe() {
            return RangeRelation.label(role) + " " + cidr + " of " + team;
        }
    }

    /** A range several requests may name: how many, and the first few names. */
    private static final class Named {
        final String what;
        final List<String> names = new ArrayList<>();
        long count;

        Named(String what) {
            this.what = what;
        }

        void add(String name) {
            count++;
            if (names.size() < 3) {
                names.add(name);
            }
        }

        String whose() {
            return String.join(", ", names) + (count > names.size()
                    ? String.format(Locale.ROOT, " and %,d more", count - names.size()) : "");
        }
    }

    private record Message(String level, String rule, String text, List<Source> sources) {
    }

    /** A table row: a request with errors or warnings. */
    private record Row(int ordinal, String team, String location, String option, long errors, long warnings,
                       List<Message> messages, long moreMessages) {
    }

    private static final class Deadline {
        final TreeSet<String> rules = new TreeSet<>();
        String example;
        String exampleTeam;
        long teams;
    }

    // ---- write ----

    @Override
    public void write(BatchResult result) {
        String team = shorten(result.name(), NAME_CHARS);
        if (!result.valid()) {
            List<Message> messages = new ArrayList<>();
            for (InputError e : result.errors()) {
                messages.add(new Message("error", null, (e.line() > 0 ? "line " + e.line() + ": " : "")
                        + (e.key() == null ? "" : e.key() + ": ") + e.message(), List.of()));
            }
            row(new Row(result.ordinal(), team, result.location(), "invalid input", result.errors().size(), 0,
                    capped(messages), Math.max(0, messages.size() - MAX_MESSAGES)));
            return;
        }
        Advice advice = result.advice();
        String group = advice.hasRecommendation() ? advice.recommendation().option() : NO_FIT_GROUP;
        if (advice.hasRecommendation()) {
            optionTitles.putIfAbsent(group, advice.recommendation().title());
        }
        mapBlocks(result, team, group);
        issues(result, team, group);
        deadlines(result);
    }

    private void mapBlocks(BatchResult result, String team, String group) {
        Request request = result.request();
        Map<String, String> rejected = new LinkedHashMap<>();
        for (ProposedRange range : result.advice().addressPlan().ranges()) {
            if (range.isRejected() && range.cidr() != null) {
                rejected.putIfAbsent(range.cidr(), range.reason() == null ? "rejected" : range.reason());
            }
        }
        int index = 0;
        String location = result.location(); // one string for all its blocks
        // what the request gave: its VNet's address spaces and every subnet (as the pool counts them)
        Map<String, String> roles = givenRoles(request);
        for (String cidr : FleetAllocator.givenRoutable(request)) {
            String why = rejected.get(cidr);
            blocks.add(new TeamBlock(result.ordinal(), index++, team, location, group,
                    roles.getOrDefault(cidr, "vnet"), cidr, false, why == null ? null : "rejected: " + why,
                    why != null));
        }
        // what the batch allocated: the VNet block with its subnets in it, or each subnet on its own
        AllocatedRange vnet = result.allocation().stream()
                .filter(r -> r.allocated() && !r.shared() && "vnet".equals(r.role())).findFirst().orElse(null);
        if (vnet != null) {
            List<String> inside = result.allocation().stream()
                    .filter(r -> r.allocated() && !r.shared() && !"vnet".equals(r.role()))
                    .map(r -> RangeRelation.label(r.role()) + " " + r.cidr()).toList();
            // its size is the sum of its subnets': the tooltip names them (the page stays small for 10,000)
            blocks.add(new TeamBlock(result.ordinal(), index, team, location, group, "vnet", vnet.cidr(),
                    true, inside.isEmpty() ? null : "holds " + String.join(", ", inside), false));
        } else {
            for (AllocatedRange r : result.allocation()) {
                if (r.allocated() && !r.shared() && ipv4(r.cidr())) {
                    blocks.add(new TeamBlock(result.ordinal(), index++, team, location, group, r.role(),
                            r.cidr(), true, "sized for " + r.sizedFor(), false));
                }
            }
        }
        for (String cidr : request.connectedNetworks()) {
            if (ipv4(cidr)) {
                connected.computeIfAbsent(AddressMapSvg.parse(cidr).text(), k -> new Named("connected network"))
                        .add(team);
            }
        }
        for (String[] given : new String[][] {{"pod-cidr", request.podCidr()},
                {"service-cidr", request.serviceCidr()}}) {
            if (given[1] != null && ipv4(given[1])) {
                String cidr = AddressMapSvg.parse(given[1]).text();
                clusterPrivate.computeIfAbsent(given[0] + " " + cidr, k -> new Named(RangeRelation.label(given[0])))
                        .add(team);
            }
        }
    }

    /** The role of each given routable range, by its CIDR as the request gives it (the first role wins). */
    private static Map<String, String> givenRoles(Request request) {
        Map<String, String> roles = new LinkedHashMap<>();
        request.vnetCidr().forEach(c -> roles.putIfAbsent(c, "vnet"));
        putRole(roles, request.nodeSubnetCidr(), "node-subnet");
        for (NodePool pool : request.nodePools()) {
            putRole(roles, pool.nodeSubnetCidr(), "node-subnet");
            putRole(roles, pool.podSubnetCidr(), "pod-subnet");
        }
        putRole(roles, request.apiServerSubnetCidr(), "api-server-subnet");
        putRole(roles, request.appGatewayForContainersSubnetCidr(), "agc-subnet");
        putRole(roles, request.applicationGatewaySubnetCidr(), "appgw-subnet");
        putRole(roles, request.virtualNodesSubnetCidr(), "aci-subnet");
        return roles;
    }

    private static void putRole(Map<String, String> roles, String cidr, String role) {
        if (cidr != null) {
            roles.putIfAbsent(cidr, role);
        }
    }

    private void issues(BatchResult result, String team, String group) {
        List<Message> messages = new ArrayList<>();
        long errors = 0;
        long warnings = 0;
        if (!result.advice().hasRecommendation()) {
            errors++;
            messages.add(new Message("error", null, "No option fits: " + String.join("; ",
                    result.advice().conflicts()), List.of()));
        }
        for (Reason finding : result.reportedFindings()) {
            if ("error".equals(finding.level())) {
                errors++;
            } else {
                warnings++;
            }
            messages.add(new Message(finding.level(), finding.rule(), finding.text(), finding.sources()));
        }
        if (errors + warnings == 0) {
            return;
        }
        // errors first, then warnings, each in report order
        messages.sort(Comparator.comparingInt(m -> "error".equals(m.level()) ? 0 : 1));
        row(new Row(result.ordinal(), team, result.location(), group, errors, warnings, capped(messages),
                Math.max(0, messages.size() - MAX_MESSAGES)));
    }

    private static List<Message> capped(List<Message> messages) {
        List<Message> kept = new ArrayList<>();
        for (Message m : messages.subList(0, Math.min(MAX_MESSAGES, messages.size()))) {
            kept.add(new Message(m.level(), m.rule(), shorten(m.text(), 2000),
                    m.sources().subList(0, Math.min(6, m.sources().size()))));
        }
        return kept;
    }

    private void row(Row row) {
        rows++;
        worst.add(row);
        if (worst.size() > MAX_ROWS) {
            worst.poll();
        }
    }

    private void deadlines(BatchResult result) {
        TreeSet<LocalDate> seen = new TreeSet<>();
        for (Reason finding : result.reportedFindings()) {
            if (!DEADLINE_WORDS.matcher(finding.text()).find()) {
                continue;
            }
            Matcher m = DEADLINE.matcher(finding.text());
            while (m.find()) {
                LocalDate date;
                try {
                    date = LocalDate.parse(m.group(1));
                } catch (DateTimeParseException e) {
                    continue;
                }
                Deadline d = deadlines.computeIfAbsent(date, k -> new Deadline());
                if (d.rules.size() < 10) {
                    d.rules.add(finding.rule());
                }
                if (d.example == null) {
                    d.example = shorten(finding.text(), 600);
                    d.exampleTeam = shorten(result.name(), NAME_CHARS);
                }
                if (seen.add(date)) {
                    d.teams++;
                }
            }
        }
    }

    // ---- finish ----

    @Override
    public void finish(BatchSummary summary, int exitCode) throws IOException {
        Map<String, String> colours = new LinkedHashMap<>();
        String map = summary.pool() == null ? null : map(summary.pool(), colours);
        for (String option : summary.byOption().keySet()) {
            colours.computeIfAbsent(option, k -> AddressMapSvg.PALETTE.get(colours.size()
                    % AddressMapSvg.PALETTE.size()));
        }

        blocks.clear(); // drawn: what is left to write is small
        StringBuilder s = new StringBuilder(64 * 1024);
        String title = "AKS network plugin advice: fleet report";
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(h(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        s.append("<h1>").append(h(title)).append("</h1>\n");
        s.append("<p class=\"meta\">As of ").append(context.asOf()).append(". Input: ")
                .append(h(String.join(", ", context.inputs()))).append(".<br>\n<strong class=\"tally\">")
                .append(h(summary.tally())).append("</strong>. ").append(h(verdict(exitCode)))
                .append("</p>\n");
        s.append("<nav><a href=\"#address-pool\">Address pool</a><a href=\"#options\">Options</a>"
                + "<a href=\"#issues\">Errors and warnings</a><a href=\"#deadlines\">Retirement deadlines</a></nav>\n");

        s.append("<h2 id=\"address-pool\">Address pool</h2>\n");
        if (map == null) {
            s.append("<p class=\"no-pool\">No address pool was given (<code>--address-pool</code> or "
                    + "<code>--address-space</code>), so there is no map.</p>\n");
        } else {
            // the figure, the page's bulk, is written as it is (no copy)
            s.append("<figure class=\"pool-map\">\n");
            out.write(s.toString());
            out.write(map);
            s.setLength(0);
            s.append("<figcaption>Drawn to scale: every pool "
                    + "end to end. Colour: the option recommended to the team (the legend names it). Each "
                    + "team's given VNet ranges and subnets, and what this run allocated to it (its VNet block, "
                    + "or each subnet it lacked); a block narrower than 1 px is drawn 1 px wide, and a label is "
                    + "drawn only where it fits: hover a block for its range, team and input line. Red: outside "
                    + "the pools, sharing addresses with another team's range or a reserved range, or rejected "
                    + "by a rule. Hatched: reserved (--address-space, connected networks, given pod and service "
                    + "CIDRs). Dashed: the largest free blocks; every address not drawn is free."
                    + "</figcaption>\n</figure>\n");
            poolFigures(s, summary.pool());
        }

        options(s, summary, colours);
        issues(s);
        timeline(s);
        s.append("</body>\n</html>\n");
        out.write(s.toString());
        out.flush();
    }

    private static String verdict(int exitCode) {
        return "The run exits with code " + exitCode + switch (exitCode) {
            case 0 -> ": every request got a recommendation and no finding fails the run.";
            case 1 -> ": an internal error kept some request from being evaluated (a bug: please report it).";
            case 2 -> ": some input is invalid.";
            case 4 -> ": some request has no fitting option.";
            case 6 -> ": some finding is at or above --fail-on.";
            default -> ".";
        };
    }

    // ---- the map ----

    private String map(BatchSummary.Pool pool, Map<String, String> colours) {
        List<AddressMapSvg.Range> pools = pool.cidrs().stream().map(AddressMapSvg::parse)
                .sorted(Comparator.comparingLong(AddressMapSvg.Range::first)).toList();
        // reserved: the organisation's (when known), connected networks and given pod and service CIDRs in the pools
        List<AddressMapSvg.Block> reserved = new ArrayList<>();
        Forbidden forbidden = new Forbidden();
        if (context.reserved() != null) {
            for (AddressSpace.Reserved r : context.reserved()) {
                if (ipv4(r.cidr()) && touches(pools, AddressMapSvg.parse(r.cidr()))) {
                    String name = r.name() == null || r.name().isBlank() ? "reserved" : shorten(r.name(), NAME_CHARS);
                    reserved.add(new AddressMapSvg.Block(r.cidr(), shorten(name, LABEL_CHARS), "",
                            AddressMapSvg.Status.RESERVED, "reserved range " + name + " " + r.cidr()
                            + "\n(--address-space: no cluster may take it)"));
                    forbidden.add(AddressMapSvg.parse(r.cidr()), "reserved range " + name + " " + r.cidr());
                }
            }
        }
        connected.forEach((cidr, named) -> {
            if (touches(pools, AddressMapSvg.parse(cidr))) {
                reserved.add(new AddressMapSvg.Block(cidr, "connected", "", AddressMapSvg.Status.RESERVED,
                        "connected network " + cidr + "\nnamed by " + named.whose()));
            }
        });
        clusterPrivate.forEach((key, named) -> {
            String cidr = key.substring(key.indexOf(' ') + 1);
            AddressMapSvg.Range range = AddressMapSvg.parse(cidr);
            if (touches(pools, range)) {
                reserved.add(new AddressMapSvg.Block(cidr, named.what, "", AddressMapSvg.Status.RESERVED,
                        named.what + " " + cidr + " (cluster-private, given)\nof " + named.whose()));
                forbidden.add(range, named.what + " " + cidr + " of " + named.whose());
            }
        });

        // each team block's status: outside, sharing addresses, rejected, or fine
        markOverlaps();
        for (TeamBlock b : blocks) {
            AddressMapSvg.Range range = new AddressMapSvg.Range(b.first, b.last, 0);
            if (!inside(pools, range)) {
                b.status = AddressMapSvg.Status.OUTSIDE;
                continue;
            }
            String hit = forbidden.overlapping(b.first, b.last);
            if (hit != null) {
                b.status = AddressMapSvg.Status.OVERLAP;
                if (b.partner == null) {
                    b.partner = hit;
                }
            } else if (b.status != AddressMapSvg.Status.OVERLAP && b.misfit) {
                b.status = AddressMapSvg.Status.MISFIT;
            }
        }

        List<AddressMapSvg.Block> drawn = new ArrayList<>(blocks.size() + reserved.size() + 8);
        long given = 0;
        long allocated = 0;
        for (TeamBlock b : blocks) {
            drawn.add(new AddressMapSvg.Block(b.cidr, shorten(b.team, LABEL_CHARS), b.group, b.status, tooltip(b)));
            // the colours the figure gives: each group the next of the palette, in the order groups first appear
            colours.computeIfAbsent(b.group, k -> AddressMapSvg.PALETTE.get(colours.size()
                    % AddressMapSvg.PALETTE.size()));
            given += b.allocated ? 0 : 1;
            allocated += b.allocated ? 1 : 0;
        }
        drawn.addAll(reserved);
        for (String free : pool.largestFree()) {
            drawn.add(new AddressMapSvg.Block(free, "free", "", AddressMapSvg.Status.FREE, String.format(Locale.ROOT,
                    "free %s: %,d addresses", free, AddressMapSvg.parse(free).size())));
        }
        long requests = blocks.stream().mapToInt(b -> b.ordinal).distinct().count();
        String note = String.format(Locale.ROOT, "%,d given and %,d allocated %s of %,d %s; %,d reserved; %s",
                given, allocated, given + allocated == 1 ? "range" : "ranges", requests,
                requests == 1 ? "request" : "requests", reserved.size(), pool.largestFree().isEmpty()
                        ? "no address is free" : pool.largestFree().size() == 1 ? "the free block"
                        : "the " + pool.largestFree().size() + " largest free blocks");
        List<String> notes = new ArrayList<>();
        notes.add("Colour: the recommended option. Red: outside the pools, sharing addresses, or rejected.");
        if (context.reserved() == null && pool.reserved() > 0) {
            notes.add("The ranges --address-space reserves are not known to this report and not drawn.");
        }
        AddressMapSvg.Lane lane = new AddressMapSvg.Lane("Pools " + String.join(", ", pool.cidrs()), pool.cidrs(),
                drawn, note);
        return new AddressMapSvg("Address pool: given and allocated ranges by team", notes, List.of(lane),
                FIGURE_WIDTH).svg();
    }

    /** Ranges no team block may share addresses with: merged to find an overlap, kept apart to name it. */
    private static final class Forbidden {
        private final TreeMap<Long, Long> merged = new TreeMap<>();
        private final TreeMap<Long, List<String[]>> parts = new TreeMap<>(); // first -> {last, name}

        void add(AddressMapSvg.Range range, String name) {
            parts.computeIfAbsent(range.first(), k -> new ArrayList<>())
                    .add(new String[] {Long.toString(range.last()), name});
            long first = range.first();
            long last = range.last();
            Map.Entry<Long, Long> before = merged.floorEntry(first);
            if (before != null && before.getValue() >= first - 1) {
                first = before.getKey();
                last = Math.max(last, before.getValue());
            }
            Map.Entry<Long, Long> next = merged.higherEntry(first);
            while (next != null && next.getKey() <= last + 1) {
                last = Math.max(last, next.getValue());
                merged.remove(next.getKey());
                next = merged.higherEntry(first);
            }
            merged.put(first, last);
        }

        /** The name of a range that shares addresses with first..last; null when none does. */
        String overlapping(long first, long last) {
            Map.Entry<Long, Long> hit = merged.floorEntry(last);
            if (hit == null || hit.getValue() < first) {
                return null;
            }
            for (List<String[]> list : parts.subMap(hit.getKey(), true, last, true).values()) {
                for (String[] part : list) {
                    if (Long.parseLong(part[0]) >= first) {
                        return part[1];
                    }
                }
            }
            return null;
        }
    }

    /**
     * Marks the team blocks that share addresses with another team's block, or with a block of their own team that
     * is not its VNet (a subnet inside its own VNet is what a subnet is). A sweep by first address: every block
     * still open when a block starts contains that block's first address, so the open blocks that are not marked
     * belong to one request, and the scan per block is short.
     */
    private void markOverlaps() {
        List<TeamBlock> sorted = new ArrayList<>(blocks);
        sorted.sort(Comparator.<TeamBlock>comparingLong(b -> b.first)
                .thenComparing(b -> b.last, Comparator.reverseOrder()).thenComparingInt(b -> b.ordinal)
                .thenComparingInt(b -> b.index));
        PriorityQueue<TeamBlock> open = new PriorityQueue<>(Comparator.<TeamBlock>comparingLong(b -> b.last)
                .thenComparingInt(b -> b.ordinal).thenComparingInt(b -> b.index));
        List<TeamBlock> openUnmarked = new ArrayList<>();
        for (TeamBlock b : sorted) {
            while (!open.isEmpty() && open.peek().last < b.first) {
                TeamBlock closed = open.poll();
                openUnmarked.remove(closed);
            }
            for (int i = openUnmarked.size() - 1; i >= 0; i--) {
                TeamBlock a = openUnmarked.get(i);
                if (conflict(a, b)) {
                    mark(a, b);
                    mark(b, a);
                    openUnmarked.remove(i);
                }
            }
            if (b.partner == null) {
                // the open blocks that do not conflict with b are b's own VNet and subnets: few. The queue's
                // order of iteration follows from the order of insertion, so the partner named is deterministic
                for (TeamBlock a : open) {
                    if (conflict(a, b)) {
                        mark(b, a);
                        break;
                    }
                }
            }
            if (b.partner == null) {
                openUnmarked.add(b);
            }
            open.add(b);
        }
    }

    private static boolean conflict(TeamBlock a, TeamBlock b) {
        return a.ordinal != b.ordinal || a.vnet() == b.vnet();
    }

    private static void mark(TeamBlock b, TeamBlock partner) {
        b.status = AddressMapSvg.Status.OVERLAP;
        if (b.partner == null) {
            b.partner = partner.describe();
        }
    }

    private static String tooltip(TeamBlock b) {
        StringBuilder t = new StringBuilder();
        t.append(b.team).append(" (").append(b.location).append(")\n").append(RangeRelation.label(b.role))
                .append(' ').append(b.cidr).append(b.allocated ? ", allocated" : ", given")
                .append('\n').append(NO_FIT_GROUP.equals(b.group) ? NO_FIT_GROUP : "recommended: " + b.group);
        if (b.note != null) {
            t.append('\n').append(b.note);
        }
        if (b.status == AddressMapSvg.Status.OVERLAP && b.partner != null) {
            t.append("\nshares addresses with ").append(b.partner);
        }
        if (b.status == AddressMapSvg.Status.OUTSIDE) {
            t.append("\nnot inside the address pool");
        }
        return t.toString();
    }

    /** Whether the range lies entirely in the pools (together: adjacent pools hold a range across them). */
    private static boolean inside(List<AddressMapSvg.Range> pools, AddressMapSvg.Range range) {
        long cursor = range.first();
        for (AddressMapSvg.Range pool : pools) {
            if (pool.first() <= cursor && cursor <= pool.last()) {
                cursor = pool.last() + 1;
                if (cursor > range.last()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean touches(List<AddressMapSvg.Range> pools, AddressMapSvg.Range range) {
        return pools.stream().anyMatch(p -> p.overlaps(range));
    }

    private static void poolFigures(StringBuilder s, BatchSummary.Pool pool) {
        s.append("<table class=\"pool-figures\">\n<tbody>\n");
        figure(s, "pools", "Pools", h(String.join(", ", pool.cidrs())));
        figure(s, "size", "Addresses", String.format(Locale.ROOT, "%,d", pool.size()));
        figure(s, "given", "Given by the requests (VNets and subnets)", share(pool.given(), pool.size()));
        figure(s, "reserved", "Reserved (--address-space, connected networks, given pod and service CIDRs)",
                share(pool.reserved(), pool.size()));
        figure(s, "allocated", "Allocated by this run", share(pool.allocated(), pool.size())
                + String.format(Locale.ROOT, ", to %,d %s", pool.allocatedRequests(),
                pool.allocatedRequests() == 1 ? "request" : "requests"));
        figure(s, "free", "Free", share(pool.free(), pool.size()));
        if (!pool.largestFree().isEmpty()) {
            figure(s, "largest-free", "Largest free blocks", "<code>"
                    + h(String.join(", ", pool.largestFree())) + "</code>");
        }
        if (pool.notAllocated() > 0) {
            figure(s, "not-allocated", "Not allocated (the pool could not hold them; errors)",
                    String.format(Locale.ROOT, "%,d %s", pool.notAllocated(), pool.notAllocated() == 1 ? "request"
                            : "requests"));
        }
        if (pool.outsideCount() > 0) {
            figure(s, "outside", "Given ranges outside the pool (errors)", String.format(Locale.ROOT, "%,d: ",
                    pool.outsideCount()) + h(String.join("; ", pool.outside()))
                    + (pool.outsideCount() > pool.outside().size() ? String.format(Locale.ROOT, "; and %,d more",
                    pool.outsideCount() - pool.outside().size()) : ""));
        }
        if (!pool.shared().isEmpty()) {
            figure(s, "shared", "Cluster-private ranges reused across clusters", h(String.join("; ",
                    pool.shared().stream().map(r -> String.format(Locale.ROOT, "%s %s by %,d %s",
                            RangeRelation.label(r.role()), r.cidr(), r.clusters(), r.clusters() == 1 ? "cluster"
                                    : "clusters")).toList())));
        }
        s.append("</tbody>\n</table>\n");
    }

    private static void figure(StringBuilder s, String key, String label, String valueHtml) {
        s.append("<tr data-figure=\"").append(key).append("\"><th>").append(h(label)).append("</th><td>")
                .append(valueHtml).append("</td></tr>\n");
    }

    private static String share(long part, long whole) {
        return String.format(Locale.ROOT, "%,d (%.1f%%)", part, whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    // ---- recommendations per option ----

    private void options(StringBuilder s, BatchSummary summary, Map<String, String> colours) {
        s.append("<h2 id=\"options\">Recommendations per option</h2>\n");
        long max = summary.byOption().values().stream().mapToLong(Long::longValue).max().orElse(0);
        max = Math.max(max, Math.max(summary.noFit(), summary.invalid()));
        if (summary.requests() == 0) {
            s.append("<p>No request was read.</p>\n");
            return;
        }
        s.append("<table class=\"options\">\n<thead><tr><th>Option</th><th>Requests</th><th></th></tr></thead>\n"
                + "<tbody>\n");
        List<Map.Entry<String, Long>> byCount = new ArrayList<>(summary.byOption().entrySet());
        byCount.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> e : byCount) {
            String colour = colours.getOrDefault(e.getKey(), "#b0bec5");
            String title = optionTitles.get(e.getKey());
            s.append("<tr class=\"option\" data-option=\"").append(h(e.getKey())).append("\" data-count=\"")
                    .append(e.getValue()).append("\"><th><span class=\"swatch\" style=\"background:")
                    .append(colour).append("\"></span>").append(title == null ? "" : h(title) + " ")
                    .append("<code>").append(h(e.getKey())).append("</code></th>");
            bar(s, e.getValue(), max, colour);
        }
        if (summary.noFit() > 0) {
            // the colour of their given ranges on the map, when they have some there
            String colour = colours.getOrDefault(NO_FIT_GROUP, "#78909c");
            s.append("<tr class=\"other\" data-status=\"no-fit\" data-count=\"").append(summary.noFit())
                    .append("\"><th><span class=\"swatch\" style=\"background:").append(colour)
                    .append("\"></span>No option fits</th>");
            bar(s, summary.noFit(), max, colour);
        }
        if (summary.invalid() > 0) {
            s.append("<tr class=\"other\" data-status=\"invalid\" data-count=\"").append(summary.invalid())
                    .append("\"><th>Invalid input (not evaluated)</th>");
            bar(s, summary.invalid(), max, "#b0bec5");
        }
        s.append("</tbody>\n</table>\n");
    }

    private static void bar(StringBuilder s, long count, long max, String colour) {
        double pct = max == 0 ? 0 : 100.0 * count / max;
        s.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", count))
                .append("</td><td class=\"bar\"><span style=\"width:").append(String.format(Locale.ROOT, "%.1f",
                        Math.max(pct, 0.5))).append("%;background:").append(colour).append("\"></span></td></tr>\n");
    }

    // ---- errors and warnings per team ----

    private void issues(StringBuilder s) {
        s.append("<h2 id=\"issues\">Errors and warnings per team</h2>\n");
        if (rows == 0) {
            s.append("<p>No request has an error or a warning.</p>\n");
            return;
        }
        List<Row> shown = new ArrayList<>(worst);
        shown.sort(WORST_FIRST);
        s.append("<p class=\"note\">").append(String.format(Locale.ROOT, "%,d %s %s errors or warnings", rows,
                rows == 1 ? "request" : "requests", rows == 1 ? "has" : "have"));
        if (rows > shown.size()) {
            s.append(String.format(Locale.ROOT, "; the %,d worst are shown (most errors first, then most "
                    + "warnings, then input order), and %,d more are not: the json, jsonl or csv report lists "
                    + "every one", shown.size(), rows - shown.size()));
        } else {
            s.append(", most errors first");
        }
        s.append(". Errors include input errors and &ldquo;no option fits&rdquo;; info notes are left out.</p>\n");
        s.append("<table class=\"issues\">\n<thead><tr><th>Team</th><th>Input</th><th>Option</th><th>Errors</th>"
                + "<th>Warnings</th><th>Messages</th></tr></thead>\n<tbody>\n");
        for (Row row : shown) {
            s.append("<tr class=\"").append(row.errors() > 0 ? "has-errors" : "has-warnings")
                    .append("\" data-ordinal=\"").append(row.ordinal()).append("\"><td class=\"team\">")
                    .append(h(row.team())).append("</td><td class=\"input\"><code>").append(h(row.location()))
                    .append("</code></td><td class=\"option\">").append(h(row.option())).append("</td>")
                    .append("<td class=\"num errors\">").append(row.errors()).append("</td><td class=\"num warnings\">")
                    .append(row.warnings()).append("</td><td><ul class=\"messages\">\n");
            for (Message m : row.messages()) {
                s.append("<li class=\"").append(h(m.level())).append("\"><strong>").append(h(m.level()))
                        .append("</strong> ");
                if (m.rule() != null) {
                    s.append("<code>").append(h(m.rule())).append("</code> ");
                }
                s.append(h(m.text()));
                if (!m.sources().isEmpty()) {
                    s.append(" <span class=\"sources\">[");
                    for (int i = 0; i < m.sources().size(); i++) {
                        s.append(i == 0 ? "" : ", ").append(sourceLink(m.sources().get(i)));
                    }
                    s.append("]</span>");
                }
                s.append("</li>\n");
            }
            if (row.moreMessages() > 0) {
                s.append("<li class=\"more\">and ").append(row.moreMessages()).append(" more</li>\n");
            }
            s.append("</ul></td></tr>\n");
        }
        s.append("</tbody>\n</table>\n");
    }

    /** A source as a link to its page when it has a web address; plain text otherwise. Nothing is loaded. */
    private static String sourceLink(Source source) {
        String url = source.url();
        String label = h(source.id());
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            return "<a href=\"" + h(url) + "\" title=\"" + h(Citations.titleAndDate(source)) + "\">" + label + "</a>";
        }
        return label;
    }

    // ---- the timeline ----

    private void timeline(StringBuilder s) {
        s.append("<h2 id=\"deadlines\">Retirement deadlines</h2>\n");
        if (deadlines.isEmpty()) {
            s.append("<p>No request is warned about a retirement deadline.</p>\n");
            return;
        }
        LocalDate asOf = context.asOf();
        LocalDate earliest = deadlines.firstKey();
        LocalDate latest = deadlines.lastKey();
        LocalDate start = earliest.isBefore(asOf) ? LocalDate.of(earliest.getYear(), 1, 1) : asOf;
        LocalDate endAt = latest.isAfter(asOf.plusYears(1)) ? latest : asOf.plusYears(1);
        LocalDate end = LocalDate.of(endAt.getYear() + 1, 1, 1);
        double left = 40;
        double right = FIGURE_WIDTH - 40;
        double days = ChronoUnit.DAYS.between(start, end);
        java.util.function.ToDoubleFunction<LocalDate> x = d -> left + (right - left)
                * ChronoUnit.DAYS.between(start, d) / days;

        // labels above the axis, in rows so that none overlaps another
        List<double[]> rowEnds = new ArrayList<>();
        StringBuilder marks = new StringBuilder();
        int maxRow = 0;
        List<Object[]> placed = new ArrayList<>(); // date, deadline, x, row
        for (Map.Entry<LocalDate, Deadline> e : deadlines.entrySet()) {
            double cx = x.applyAsDouble(e.getKey());
            String label = e.getKey() + " \u00b7 " + teams(e.getValue().teams);
            double w = AddressMapSvg.textWidth(label, 12) + 12;
            double from = Math.max(left - 30, Math.min(cx - w / 2, right + 30 - w));
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row)[0] > from) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(new double[] {0});
            }
            rowEnds.get(row)[0] = from + w;
            maxRow = Math.max(maxRow, row);
            placed.add(new Object[] {e.getKey(), e.getValue(), cx, row, from, label});
        }
        double top = 36;
        double rowH = 18;
        double axisY = top + (maxRow + 1) * rowH + 16;
        int height = (int) Math.ceil(axisY + 46);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(FIGURE_WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(FIGURE_WIDTH).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" role=\"img\">\n")
                .append("<title>Retirement deadlines the requests are warned about, from ").append(start)
                .append(" to ").append(end).append("</title>\n")
                .append("<rect width=\"").append(FIGURE_WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n")
                .append("<text x=\"16\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Retirement deadlines "
                        + "(teams warned about each)</text>\n");
        // axis and years
        svg.append("<line class=\"axis\" x1=\"").append(f(left)).append("\" y1=\"").append(f(axisY))
                .append("\" x2=\"").append(f(right)).append("\" y2=\"").append(f(axisY))
                .append("\" stroke=\"#455a64\" stroke-width=\"2\"/>\n");
        for (int year = start.getYear() + (start.getDayOfYear() == 1 ? 0 : 1); year <= end.getYear(); year++) {
            double yx = x.applyAsDouble(LocalDate.of(year, 1, 1));
            svg.append("<line x1=\"").append(f(yx)).append("\" y1=\"").append(f(axisY - 5)).append("\" x2=\"")
                    .append(f(yx)).append("\" y2=\"").append(f(axisY + 5)).append("\" stroke=\"#455a64\"/>\n")
                    .append("<text class=\"year\" x=\"").append(f(yx)).append("\" y=\"").append(f(axisY + 20))
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#455a64\">").append(year)
                    .append("</text>\n");
        }
        double ax = x.applyAsDouble(asOf);
        double half = AddressMapSvg.textWidth("as of " + asOf, 11) / 2;
        String anchor = ax - half < 8 ? "start" : ax + half > FIGURE_WIDTH - 8 ? "end" : "middle";
        svg.append("<line class=\"as-of\" x1=\"").append(f(ax)).append("\" y1=\"").append(f(top - 4))
                .append("\" x2=\"").append(f(ax)).append("\" y2=\"").append(f(axisY + 8))
                .append("\" stroke=\"#1565c0\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n")
                .append("<text x=\"").append(f(anchor.equals("start") ? ax - 4 : ax)).append("\" y=\"")
                .append(f(axisY + 36)).append("\" font-size=\"11\" text-anchor=\"").append(anchor)
                .append("\" fill=\"#1565c0\">as of ").append(asOf).append("</text>\n");
        for (Object[] p : placed) {
            LocalDate date = (LocalDate) p[0];
            Deadline d = (Deadline) p[1];
            double cx = (double) p[2];
            int row = (int) p[3];
            double from = (double) p[4];
            String label = (String) p[5];
            boolean passed = date.isBefore(asOf);
            boolean soon = !passed && date.isBefore(asOf.plusYears(1));
            String colour = passed ? AddressMapSvg.STANDOUT : soon ? "#ef6c00" : "#1565c0";
            double ly = top + row * rowH + 12;
            double r = 5 + Math.min(7, Math.log(d.teams) / Math.log(2));
            svg.append("<g class=\"deadline\" data-date=\"").append(date).append("\" data-teams=\"").append(d.teams)
                    .append("\">\n<title>").append(h(date + (passed ? " (passed)" : " (in "
                            + ChronoUnit.DAYS.between(asOf, date) + " days)") + ": " + teams(d.teams) + " warned ("
                            + String.join(", ", d.rules) + ")\ne.g. " + d.exampleTeam + ": " + d.example))
                    .append("</title>\n")
                    .append("<line x1=\"").append(f(cx)).append("\" y1=\"").append(f(ly + 4)).append("\" x2=\"")
                    .append(f(cx)).append("\" y2=\"").append(f(axisY)).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1\"/>\n")
                    .append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(axisY)).append("\" r=\"")
                    .append(f(r)).append("\" fill=\"").append(colour)
                    .append("\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n")
                    .append("<text x=\"").append(f(from + 6)).append("\" y=\"").append(f(ly))
                    .append("\" font-size=\"12\" fill=\"").append(colour).append("\">").append(h(label))
                    .append("</text>\n</g>\n");
        }
        svg.append("</svg>\n");
        marks.append(svg);
        s.append("<figure class=\"deadlines\">\n").append(marks).append("<figcaption>From --as-of (")
                .append(asOf).append(") on: each deadline a warning names, with how many teams it warns. Red: "
                        + "passed; orange: within a year; hover for the rules and an example.</figcaption>\n"
                        + "</figure>\n");
        s.append("<table class=\"deadlines\">\n<thead><tr><th>Deadline</th><th>From as of</th><th>Teams</th>"
                + "<th>Rules</th><th>For example</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<LocalDate, Deadline> e : deadlines.entrySet()) {
            long between = ChronoUnit.DAYS.between(asOf, e.getKey());
            Deadline d = e.getValue();
            s.append("<tr data-date=\"").append(e.getKey()).append("\"><td>").append(e.getKey())
                    .append("</td><td class=\"num\">").append(between < 0 ? String.format(Locale.ROOT,
                            "passed %,d days ago", -between) : String.format(Locale.ROOT, "in %,d days", between))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", d.teams))
                    .append("</td><td><code>").append(h(String.join(", ", d.rules))).append("</code></td><td>")
                    .append(h(d.exampleTeam)).append(": ").append(h(d.example)).append("</td></tr>\n");
        }
        s.append("</tbody>\n</table>\n");
    }

    private static String teams(long n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "team" : "teams");
    }

    // ---- text ----

    private static boolean ipv4(String cidr) {
        return cidr != null && cidr.indexOf(':') < 0;
    }

    /** One line, at most {@code max} code points (an ellipsis marks the cut). */
    static String shorten(String s, int max) {
        String line = Escape.oneLine(s == null ? "" : s);
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    /** Text or a double-quoted attribute value in HTML. */
    private static String h(String s) {
        return s == null ? "" : AddressMapSvg.attr(s);
    }

    private static String f(double v) {
        return AddressMapSvg.fmt(v);
    }
}
