package cniadvisor.render;

import cniadvisor.io.Utf8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.testing.HostileNames;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class EscapeTest {

    private static final List<String> NAMES = HostileNames.fuzzed(2000, 20261121);

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return false;
    }

    @Test
    void cleanTextComesBackAsTheSameString() {
        String clean = "payments-eu (team 4): 10.20.0.0/24";
        assertSame(clean, Escape.oneLine(clean));
        assertSame(clean, Escape.xml(clean));
        assertSame(clean, Escape.csvCell(clean));
        assertSame(clean, Escape.wellFormed(clean));
        assertSame(clean, Escape.markdown(clean));
    }

    @Test
    void oneLineKeepsEverythingOnOneLineAndOffTheTerminalsControls() {
        assertEquals("a b c d", Escape.oneLine("a\nb\r\tc\u2028d").replace("  ", " "));
        assertEquals("bell\ufffd esc\ufffd[31m", Escape.oneLine("bell\u0007 esc\u001b[31m"));
        assertEquals("rtl \ufffdevil", Escape.oneLine("rtl \u202eevil"));
        assertEquals("rocket \ud83d\ude80 ok, lone \ufffd", Escape.oneLine("rocket \ud83d\ude80 ok, lone \ud800"));
        for (String name : NAMES) {
            String line = Escape.oneLine(name);
            assertTrue(line.chars().noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029),
                    name);
            assertFalse(hasUnpairedSurrogate(line), name);
            assertEquals(name.length(), line.length(), "one character for one: " + name);
        }
    }

    @Test
    void markdownEscapesMarkupAndStaysOnOneLine() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;", Escape.markdown("<script>alert(1)</script> &amp;"));
        assertEquals("a \\| b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\$i\\$ \\\\", Escape.markdown(
                "a | b *c* _d_ `e` [f](g) ~h~ $i$ \\"));
        assertEquals("\\# heading", Escape.markdown("# heading"));
        assertEquals("\\-2", Escape.markdown("-2"));
        assertEquals("12\\. ordered", Escape.markdown("12. ordered"));
        assertEquals("line one line two", Escape.markdown("line one\nline two"));
        for (String name : NAMES) {
            String md = Escape.markdown(name);
            assertFalse(md.contains("\n") || md.contains("\r") || md.contains("<") || md.contains(">"), md);
            assertEquals(0, HostileNames.unescapedPipes(md), md);
        }
    }

    @Test
    void aCodeSpanIsFencedLongerThanAnyBacktickRunInside() {
        assertEquals("`teams.csv:4`", Escape.markdownCode("teams.csv:4", false));
        assertEquals("``a`b``", Escape.markdownCode("a`b", false));
        assertEquals("`` `x ``", Escape.markdownCode("`x", false));
        assertEquals("`a\\|b`", Escape.markdownCode("a|b", true));
        assertEquals("`a b`", Escape.markdownCode("a\nb", false));
    }

    @Test
    void csvCellsThatWouldRunAsAFormulaStartWithAQuote() {
        for (String formula : List.of("=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx")) {
            assertTrue(Escape.csvCell(formula).startsWith("'"), formula);
        }
        assertEquals("'=HYPERLINK(\"http://e\")", Escape.csvCell("=HYPERLINK(\"http://e\")"));
        assertEquals("a\nb\nc", Escape.csvCell("a\rb\r\nc"));
        assertEquals("nul\ufffd", Escape.csvCell("nul\u0000"));
        assertEquals("", Escape.csvCell(""));
    }

    /** Every fuzzed name, as every cell of a row, read back by a CSV parser: one row each, cells as escaped. */
    @Test
    void csvRowsReadBackOneForOneWithAParser() throws Exception {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        schema.addColumn("name").addColumn("other");
        StringWriter out = new StringWriter();
        try (var rows = new CsvMapper().writerFor(String[].class).with(schema.build())
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValues(out)) {
            for (String name : NAMES) {
                rows.write(new String[]{Escape.csvCell(name), Escape.csvCell(name + ",x")});
            }
        }
        List<String[]> read = new ArrayList<>();
        try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(new StringReader(out.toString()))) {
            it.forEachRemaining(read::add);
        }
        assertEquals(NAMES.size() + 1, read.size());
        for (int i = 0; i < NAMES.size(); i++) {
            String[] row = read.get(i + 1);
            assertEquals(2, row.length, NAMES.get(i));
            assertEquals(Escape.csvCell(NAMES.get(i)), row[0]);
            for (String cell : row) {
                assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
            }
        }
    }

    /** Every fuzzed name in an attribute and in text: the document parses, and clean characters survive. */
    @Test
    void xmlWithEveryFuzzedNameIsWellFormed() throws Exception {
        StringWriter out = new StringWriter();
        SafeXmlWriter xml = SafeXmlWriter.over(out);
        xml.startDocument();
        xml.start("names");
        for (String name : NAMES) {
            xml.start("name");
            xml.attribute("value", name);
            xml.text(name);
            xml.end();
        }
        xml.end();
        xml.endDocument();
        xml.flush();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(out.toString())));
        assertEquals(NAMES.size(), doc.getElementsByTagName("name").getLength());
        assertEquals("a&b<c>\"d\" \ud83d\ude80", Escape.xml("a&b<c>\"d\" \ud83d\ude80"));
        assertEquals("\ufffd\ufffd\t\n\r\ufffd", Escape.xml("\u0000\u001b\t\n\r\ud800"));
    }

    @Test
    void hclAndBicepStringsCannotEndEarlyOrInterpolate() {
        assertEquals("\"a\\\"b\\\\c\\nd$${x}%%{y}\"", Escape.hclString("a\"b\\c\nd${x}%{y}"));
        assertEquals("\"\\u0007\\u2028\"", Escape.hclString("\u0007\u2028"));
        assertEquals("'a\\'b\\\\c\\nd\\${x}'", Escape.bicepString("a'b\\c\nd${x}"));
        assertEquals("'\\u{7}'", Escape.bicepString("\u0007"));
        for (String name : NAMES) {
            String hcl = Escape.hclString(name);
            assertFalse(hcl.contains("\n") || hcl.contains("\r"), hcl);
            assertFalse(hcl.replace("$${", "").contains("${") || hcl.replace("%%{", "").contains("%{"), hcl);
            String bicep = Escape.bicepString(name);
            assertFalse(bicep.contains("\n") || bicep.contains("\r"), bicep);
            assertFalse(bicep.replace("\\${", "").contains("${"), bicep);
        }
    }

    @Test
    void theWellFormedWriterMendsUnpairedSurrogatesEvenWhenAPairIsSplitBetweenWrites() throws Exception {
        StringWriter target = new StringWriter();
        try (Writer out = Utf8.wellFormed(target)) {
            out.write("rocket \ud83d");
            out.flush();
            out.write("\ude80, lone \ud800 and \udc00");
            out.write(new char[]{'x', '\ud800'}, 0, 2);
        }
        assertEquals("rocket \ud83d\ude80, lone \ufffd and \ufffdx\ufffd", target.toString());
    }
}
