package cniadvisor.authoring;

import cniadvisor.engine.Advisor;
import cniadvisor.engine.RuleBase;
import cniadvisor.engine.RuleMeta;
import cniadvisor.render.Escape;
import cniadvisor.io.Mappers;
import cniadvisor.model.BatchCheck;
import cniadvisor.model.Cited;
import cniadvisor.model.Source;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the rules say about themselves, from their metadata: id, name, what each decides, where it is, its weight
 * and the sources it cites; and for every source, how old it is and who cites it. The checks a batch makes across
 * its requests (facts/ batchChecks:) are listed after the rules, the same way, with their level. A source older
 * than {@code maxSourceAgeDays} at {@code asOf} is stale: the docs it summarises may have moved on.
 */
@JsonPropertyOrder({"asOf", "maxSourceAgeDays", "rules", "sources"})
public record RuleCatalog(LocalDate asOf, int maxSourceAgeDays, List<Entry> rules, List<SourceEntry> sources) {

    /**
     * One rule, or one batch check ({@code level} set: the level of its findings); {@code file} as the user gave it
     * (relative to the working directory when inside it).
     */
    @JsonPropertyOrder({"id", "name", "decides", "file", "line", "weight", "level", "sources"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String id, String name, String decides, String file, int line, Integer weight, String level,
                        List<String> sources) {

        String where() {
            return file + ":" + line;
        }
    }

    /** A source with its age at the catalog date, the rules that cite it and how many facts do. */
    @JsonPropertyOrder({"id", "title", "url", "asOf", "ageDays", "stale", "citedByRules", "citedByFacts"})
    public record SourceEntry(String id, String title, String url, LocalDate asOf, long ageDays, boolean stale,
                              List<String> citedByRules, int citedByFacts) {
    }

    public static RuleCatalog of(Advisor advisor, LocalDate asOf, int maxSourceAgeDays) {
        RuleBase base = advisor.rules();
        List<Entry> entries = new ArrayList<>();
        for (RuleMeta rule : base.rules()) {
            RuleLocation at = RuleLocation.of(base, rule);
            entries.add(new Entry(rule.id(), rule.name(), rule.decides(), at.file(), at.line(), rule.weight(), null,
                    rule.sources()));
        }
        entries.sort(Comparator.comparing(Entry::file).thenComparingInt(Entry::line));
        for (BatchCheck check : advisor.knowledge().batchChecks()) {
            entries.add(new Entry(check.id(), check.name(), check.decides(), DisplayPath.of(check.file()),
                    check.line(), null, check.level(), check.sources()));
        }

        List<SourceEntry> sources = new ArrayList<>();
        List<Cited> facts = advisor.knowledge().facts().stream().filter(f -> f instanceof Cited).map(f -> (Cited) f)
                .toList();
        advisor.knowledge().sources().values().stream().sorted(Comparator.comparing(Source::id)).forEach(source -> {
            long age = ChronoUnit.DAYS.between(source.asOf(), asOf);
            List<String> rules = entries.stream().filter(e -> e.sources().contains(source.id())).map(Entry::id)
                    .sorted().toList();
            int citingFacts = (int) facts.stream().filter(f -> f.sources().contains(source.id())).count();
            sources.add(new SourceEntry(source.id(), source.title(), source.url(), source.asOf(), age,
                    age > maxSourceAgeDays, rules, citingFacts));
        });
        return new RuleCatalog(asOf, maxSourceAgeDays, List.copyOf(entries), List.copyOf(sources));
    }

    @JsonIgnore
    public List<SourceEntry> staleSources() {
        return sources.stream().filter(SourceEntry::stale).toList();
    }

    /** One stderr line per stale source, saying what to re-read. */
    @JsonIgnore
    public List<String> staleWarnings() {
        return staleSources().stream().map(s -> "warning: source " + s.id() + " is as of " + s.asOf() + ", "
                + s.ageDays() + " days before " + asOf + " (--max-source-age " + maxSourceAgeDays + "): re-read "
                + s.url() + " and update its asOf in facts/sources.yaml" + citedBy(s)).toList();
    }

    private static String citedBy(SourceEntry s) {
        List<String> parts = new ArrayList<>();
        if (!s.citedByRules().isEmpty()) {
            parts.add(String.join(", ", s.citedByRules()));
        }
        if (s.citedByFacts() > 0) {
            parts.add(s.citedByFacts() + (s.citedByFacts() == 1 ? " fact" : " facts"));
        }
        return parts.isEmpty() ? " (cited by nothing)" : " (cited by " + String.join(" and ", parts) + ")";
    }

    // ---- rules list ----

    /** The table of {@code rules list}: one line per rule. */
    public void writeTable(PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ID", "NAME", "FILE", "WEIGHT", "SOURCES"});
        rules.forEach(r -> rows.add(new String[]{nullToDash(r.id()), r.name(), r.where(),
                r.weight() == null ? "-" : signed(r.weight()), String.join(", ", r.sources())}));
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println(counts());
        out.flush();
    }

    public void writeData(boolean json, PrintWriter out) {
        try {
            if (json) {
                out.println(Mappers.JSON.writeValueAsString(this));
            } else {
                out.print(Mappers.YAML.writeValueAsString(this));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** {@code rules list -o markdown}: the rules as one table. */
    public void writeMarkdownTable(PrintWriter out) {
        out.println("| Id | Name | File | Weight | Sources |");
        out.println("|---|---|---|---|---|");
        for (Entry r : rules) {
            out.println("| `" + nullToDash(r.id()) + "` | " + md(r.name()) + " | `" + r.where() + "` | "
                    + (r.weight() == null ? "" : signed(r.weight())) + " | "
                    + r.sources().stream().map(id -> "`" + id + "`").collect(Collectors.joining(", ")) + " |");
        }
        out.flush();
    }

    // ---- rules doc ----

    /** {@code rules doc}: a section per rule, grouped by file, then the sources with their ages. */
    public void writeMarkdownDoc(PrintWriter out) {
        Map<String, SourceEntry> entries = new LinkedHashMap<>();
        sources.forEach(s -> entries.put(s.id(), s));

        out.println("# cni-advisor rules");
        out.println();
        out.println("Generated by `cni-advisor rules doc` from the rules' metadata (`@id`, `@decides`, `@weight`, "
                + "`@source`), facts/batch-checks.yaml and facts/sources.yaml; edit those, not this file.");
        out.println("Source ages are counted to " + asOf + "; a source older than " + maxSourceAgeDays
                + " days is marked stale: re-read it and update its `asOf`.");
        out.println();
        out.println(counts() + ", citing " + citedSourceCount() + " sources (" + staleSources().size()
                + " stale).");
        for (Map.Entry<String, List<Entry>> file : files().entrySet()) {
            out.println();
            out.println("## " + file.getKey());
            for (Entry r : file.getValue()) {
                out.println();
                out.println("### " + nullToDash(r.id()) + ": " + md(r.name()));
                out.println();
                out.println(r.decides() == null ? "_No `@decides` text: say in one sentence what this rule decides._"
                        : md(r.decides()));
                out.println();
                out.println("- Defined at: `" + r.where() + "`");
                if (r.level() != null) {
                    out.println("- Level: " + r.level() + " (a check across the requests of one batch)");
                } else {
                    out.println("- Weight: " + (r.weight() == null ? "none (the rule excludes, notes or warns)"
                            : signed(r.weight()) + " (added to the score of each configuration it matches)"));
                }
                out.println("- Sources:");
                for (String id : r.sources()) {
                    SourceEntry s = entries.get(id);
                    out.println(s == null ? "  - `" + id + "` (unknown source id)"
                            : "  - [" + md(s.title()) + "](" + s.url() + ") (`" + id + "`), as of " + s.asOf()
                            + stale(s));
                }
            }
        }
        out.println();
        out.println("## Sources");
        out.println();
        out.println("| Source | As of | Age (days) | Cited by |");
        out.println("|---|---|---|---|");
        for (SourceEntry s : sources) {
            String cited = String.join(", ", s.citedByRules().stream().map(id -> "`" + id + "`").toList());
            if (s.citedByFacts() > 0) {
                cited += (cited.isEmpty() ? "" : " and ") + s.citedByFacts()
                        + (s.citedByFacts() == 1 ? " fact" : " facts");
            }
            out.println("| [" + md(s.title()) + "](" + s.url() + ") `" + s.id() + "` | " + s.asOf() + " | "
                    + s.ageDays() + (s.stale() ? " **stale**" : "") + " | " + cited + " |");
        }
        out.flush();
    }

    private static String stale(SourceEntry s) {
        return s.stale() ? " **(stale: " + s.ageDays() + " days old)**" : "";
    }

    private long citedSourceCount() {
        return rules.stream().flatMap(r -> r.sources().stream()).distinct().count();
    }

    /** "100 rules in 10 files, 4 batch checks in facts/batch-checks.yaml". */
    private String counts() {
        List<Entry> ruleEntries = rules.stream().filter(r -> r.level() == null).toList();
        List<Entry> checks = rules.stream().filter(r -> r.level() != null).toList();
        String counts = ruleEntries.size() + " rules in " + ruleEntries.stream().map(Entry::file).distinct().count()
                + " files";
        if (!checks.isEmpty()) {
            counts += ", " + checks.size() + " batch checks in " + String.join(", ",
                    checks.stream().map(Entry::file).distinct().toList());
        }
        return counts;
    }

    private Map<String, List<Entry>> files() {
        Map<String, List<Entry>> files = new LinkedHashMap<>();
        rules.forEach(r -> files.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
        return files;
    }

    private static String signed(int weight) {
        return weight > 0 ? "+" + weight : String.valueOf(weight);
    }

    private static String nullToDash(String text) {
        return text == null ? "-" : text;
    }

    /** Inline Markdown text, the same escaping as every other Markdown report ({@link Escape#markdown}). */
    private static String md(String text) {
        return Escape.markdown(text);
    }
}
