package cniadvisor.render;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wrapping and colour utility every text writer lays its lines out with. */
class TextLayoutTest {

    private static final String URL = "https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning";

    @Test
    void wrapsBetweenWordsWithAHangingIndent() {
        List<String> lines = new TextLayout(30, false).paragraph("  ", 4)
                .text("x IP space: node subnet 10.20.0.0/24 has 251 usable addresses [IP-NODE-SUBNET-CAPACITY]")
                .lines();
        assertEquals(List.of(
                "  x IP space: node subnet",
                "    10.20.0.0/24 has 251",
                "    usable addresses",
                "    [IP-NODE-SUBNET-CAPACITY]"), lines);
    }

    @Test
    void aWordLongerThanTheLineStaysWholeOnALineOfItsOwn() {
        List<String> lines = new TextLayout(30, false).paragraph("  ", 6).text("[learn-ip-planning] " + URL + " end")
                .lines();
        assertEquals(List.of("  [learn-ip-planning]", "      " + URL, "      end"), lines);
    }

    @Test
    void notWrappedTheTextIsAsGiven() {
        String text = "a  doubled space, a " + URL + " and the end";
        assertEquals(List.of("  " + text), TextLayout.PLAIN.paragraph("  ", 4).text(text).lines());
    }

    @Test
    void cellsPadAsFormatDoesAndThePaddingGoesAtABreak() {
        String plain = TextLayout.PLAIN.paragraph("    ", 39).cell("DNS service IP", 16, null)
                .cell("10.1.0.10", 19, null).text("proposed").render();
        assertEquals(String.format("    %-15s %-18s %s%n", "DNS service IP", "10.1.0.10", "proposed"), plain);
        // "DNS service IP" is one word: it never breaks; the padding after a cell is dropped at a line break
        List<String> narrow = new TextLayout(20, false).paragraph("    ", 6).cell("DNS service IP", 16, null)
                .cell("10.1.0.10", 19, null).text("proposed").lines();
        assertEquals(List.of("    DNS service IP", "      10.1.0.10", "      proposed"), narrow);
    }

    @Test
    void glueHoldsTwoWordsTogetherAndPrintsAsASpace() {
        List<String> lines = new TextLayout(20, false).paragraph("", 2).text("Key: +\u00A0for, -\u00A0against, "
                + "x\u00A0rules it out").lines();
        assertEquals(List.of("Key: + for,", "  - against, x rules", "  it out"), lines);
    }

    @Test
    void aHangingIndentThatLeavesTooLittleGoesBackToTheIndent() {
        List<String> lines = new TextLayout(30, false).paragraph("  ", 25).text("one two three four five six")
                .lines();
        assertEquals(List.of("  one two three four five six"), lines);
        lines = new TextLayout(20, false).paragraph("  ", 15).text("one two three four five six").lines();
        assertEquals(List.of("  one two three four", "    five six"), lines);
    }

    @Test
    void colourCodesGoOnEachWordAndTakeNoWidth() {
        TextLayout colour = new TextLayout(26, true);
        List<String> lines = colour.paragraph("", 2).text("ERROR:", TextLayout.Tone.BOLD_RED)
                .text("Windows Server 2019 is retired").lines();
        assertEquals(List.of("\u001B[1;31mERROR:\u001B[0m Windows Server 2019", "  is retired"), lines);
        assertEquals(List.of("ERROR: Windows Server 2019", "  is retired"), new TextLayout(26, false)
                .paragraph("", 2).text("ERROR:", TextLayout.Tone.BOLD_RED).text("Windows Server 2019 is retired")
                .lines());
        // a painted phrase: each word on its own, so no colour is left open at a line end
        String painted = colour.paint("two words", TextLayout.Tone.FAINT);
        assertEquals("\u001B[2mtwo\u001B[0m \u001B[2mwords\u001B[0m", painted);
        assertEquals(9, TextLayout.visible(painted));
        assertEquals("two words", TextLayout.PLAIN.paint("two words", TextLayout.Tone.FAINT));
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        assertEquals(4, TextLayout.visible("名前"));
        assertEquals(3, TextLayout.visible("e\u0301ab"));
    }

    @Test
    void aShellLineBreaksBetweenWordsWithAContinuationAndNeverInsideQuotes() {
        String script = "NODE_SUBNET_ID=$(az network vnet subnet create \\\n"
                + "    --vnet-subnet-id '/subscriptions/0000/resourceGroups/my rg/providers/x/subnets/a b' \\\n"
                + "    --output tsv)\n"
                + "# a comment long enough to wrap onto a second comment line\n";
        String wrapped = new TextLayout(40, false).shell(script, "  ");
        assertEquals("""
                  NODE_SUBNET_ID=$(az network vnet \\
                    subnet create \\
                      --vnet-subnet-id \\
                        '/subscriptions/0000/resourceGroups/my rg/providers/x/subnets/a b' \\
                      --output tsv)
                  # a comment long enough to wrap onto a
                  #   second comment line
                """, wrapped);
        assertEquals(script.lines().map(l -> "  " + l).toList(), TextLayout.PLAIN.shell(script, "  ").lines()
                .toList());
        assertEquals(List.of("a", "'b c'", "\"$D\"", "'e'\\''f'"), TextLayout.shellWords("a 'b c' \"$D\" 'e'\\''f'"));
    }

    /**
     * Property: whatever the words and the width, no line is longer than the width unless it is one word, the words
     * come out whole and in order, and the indents are kept.
     */
    @Test
    void noLineIsLongerThanTheWidthUnlessItIsOneWord() {
        Random random = new Random(15);
        for (int run = 0; run < 2_000; run++) {
            List<String> words = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                words.add(word(random));
            }
            int width = 20 + random.nextInt(120);
            int hang = random.nextInt(30);
            List<String> lines = new TextLayout(width, random.nextBoolean()).paragraph("  ", hang)
                    .text(String.join(" ", words)).lines();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceAll("\u001B\\[[0-9;]*m", "");
                String body = line.strip();
                assertTrue(line.length() <= width || !body.contains(" "), () -> width + ": " + line);
                assertTrue(line.startsWith(i == 0 ? "  " : " ".repeat(Math.min(hang, width / 2 < hang ? 4 : hang))),
                        line);
                assertFalse(body.isEmpty(), () -> "an empty line in " + lines);
                out.addAll(List.of(body.split(" ")));
            }
            assertEquals(words, out);
        }
    }

    private static String word(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> URL;
            case 1 -> "10." + random.nextInt(256) + ".0.0/" + (8 + random.nextInt(20));
            case 2 -> "--network-plugin-mode";
            case 3 -> "[IP-NODE-SUBNET-CAPACITY;";
            default -> "abcdefghijklmnopqrstuvwxyz".substring(0, 1 + random.nextInt(12));
        };
    }
}
