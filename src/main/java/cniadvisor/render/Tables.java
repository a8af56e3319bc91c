package cniadvisor.render;

import java.util.List;

/**
 * Rows of cells for terminals, scripts and spreadsheets. {@code -o table} and {@code -o tsv}, as az prints them: a table is a header, a rule and left-aligned columns as
 * wide as their widest cell; TSV is the cells alone, one row a line, tab-separated, for {@code cut} and
 * {@code while read}. Every cell stays on its line and, in TSV, holds no tab.
 */
public final class Tables {

    private Tables() {
    }

    public static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
        }
        List<List<String>> cells = rows.stream().map(r -> r.stream().map(Tables::cell).toList()).toList();
        for (List<String> row : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder();
        line(s, header, widths);
        line(s, java.util.Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths);
        cells.forEach(row -> line(s, row, widths));
        return s.toString();
    }

    public static String tsv(List<List<String>> rows) {
        StringBuilder s = new StringBuilder();
        for (List<String> row : rows) {
            s.append(String.join("\t", row.stream().map(c -> cell(c).replace('\t', ' ')).toList())).append('\n');
        }
        return s.toString();
    }

    /**
     * A CSV writer of rows of text over {@code out}, with a header of {@code columns}; only the cells that need it are
     * quoted. The caller escapes text cells ({@link Escape#csvCell}).
     */
    static com.fasterxml.jackson.databind.SequenceWriter csvRows(java.io.Writer out, List<String> columns)
            throws java.io.IOException {
        com.fasterxml.jackson.dataformat.csv.CsvSchema.Builder schema = com.fasterxml.jackson.dataformat.csv.CsvSchema
                .builder().setUseHeader(true).setLineSeparator("\n");
        columns.forEach(schema::addColumn);
        return CSV.writerFor(String[].class).with(schema.build())
                .with(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out);
    }

    private static final com.fasterxml.jackson.dataformat.csv.CsvMapper CSV =
            new com.fasterxml.jackson.dataformat.csv.CsvMapper();

    private static String cell(String value) {
        return value == null ? "" : Escape.oneLine(value);
    }

    private static void line(StringBuilder s, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(cells.get(i))
                    .append(" ".repeat(Math.max(0, widths[i] - cells.get(i).length())));
        }
        s.append(line.toString().stripTrailing()).append('\n');
    }
}
