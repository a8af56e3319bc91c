package cniadvisor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Small typed readers for request values. Each accepts the natural JSON/YAML type and, because CSV rows deliver
 * every value as text, the same value written as a string ("12", "true", "a;b").
 */
final class ValueReaders {

    /** Reads one non-null value; returns null after reporting why the value cannot be used. */
    @FunctionalInterface
    interface ValueReader {
        Object read(JsonNode value, Problems problems);
    }

    /** Where a reader reports problems with the value it is reading. */
    interface Problems {
        void report(String message);

        /** A problem with one item of a list value; reported under {@code key[index]}. */
        void reportItem(int index, String message);
    }

    private static final String CIDR_FORMAT = "a.b.c.d/n, n from 0 to 32";

    /**
     * The IPAddress defaults accept much more than a person means by "a CIDR": inet_aton short forms ("10.1"),
     * octal leading zeros, wildcards, ranges, masks and "" (loopback). Only dotted quads with a prefix length pass.
     * IPv6 stays at the defaults so that IPv6 input is recognised and named as such.
     */
    private static final IPAddressStringParameters STRICT_IP = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allow_inet_aton(false)
            .getIPv4AddressParametersBuilder()
                .allowLeadingZeros(false)
                .allowBinary(false)
                .getParentBuilder()
            .toParams();

    private ValueReaders() {
    }

    /** Free text: strings, and numbers written without quotes (YAML reads {@code name: 2024} as a number). */
    static final ValueReader TEXT = (value, problems) -> {
        if (!value.isTextual() && !value.isNumber()) {
            problems.report("expected text, got " + describe(value));
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            problems.report("expected non-blank text, got " + describe(value));
            return null;
        }
        int control = controlCharacter(text);
        if (control >= 0) {
            problems.report(String.format(Locale.ROOT, "contains a control character (U+%04X); plain text only",
                    control));
            return null;
        }
        return text;
    };

    /**
     * The first control character in {@code text} other than tab and line breaks, or -1. Text values end up in
     * reports and on terminals, where ESC and its kin would be read as commands.
     */
    static int controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
        }
        return -1;
    }

    static final ValueReader FLAG = (value, problems) -> {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        problems.report("expected true or false, got " + describe(value));
        return null;
    };

    /** An int in [min, max]; a null max means no upper bound beyond int range. */
    static ValueReader wholeNumber(int min, Integer max) {
        return new WholeNumber(min, max);
    }

    /** The reader {@link #wholeNumber} returns; its range is public through {@link RequestBinder#range}. */
    record WholeNumber(int min, Integer max) implements ValueReader {
        @Override
        public Object read(JsonNode value, Problems problems) {
            Integer number = asInt(value);
            if (number == null || number < min || (max != null && number > max)) {
                String expected = max == null
                        ? "expected a whole number from " + min + " up"
                        : "expected a whole number from " + min + " to " + max;
                problems.report(expected + ", got " + describe(value));
                return null;
            }
            return number;
        }
    }

    /**
     * AKS's max surge: a node count (a whole number from 0 up) or a percentage of the nodes from 1% to 100%, as
     * AKS's maxSurge takes it; returned as text in plain form ("3", "33%").
     */
    static final ValueReader MAX_SURGE = (value, problems) -> {
        String text = value.isIntegralNumber() || value.isTextual() ? value.asText().strip() : null;
        if (text != null) {
            boolean percentage = text.endsWith("%");
            String digits = percentage ? text.substring(0, text.length() - 1).strip() : text;
            if (!digits.isEmpty() && !digits.startsWith("+") && !digits.startsWith("-") && isWholeNumber(digits)) {
                try {
                    int number = Integer.parseInt(digits);
                    if (percentage && number >= 1 && number <= 100) {
                        return number + "%";
                    }
                    if (!percentage) {
                        return Integer.toString(number);
                    }
                } catch (NumberFormatException tooLarge) {
                    // reported below
                }
            }
        }
        problems.report("expected a node count (a whole number from 0 up, e.g. 3) or a percentage of the nodes "
                + "from 1% to 100% (e.g. 33%), got " + describe(value));
        return null;
    };

    /**
     * Shorter answers ("6", "y") are not typos of a word: every word is a few edits from them; nor are numbers
     * ("2016" is not a misspelt "2019").
     */
    private static final int MIN_SUGGESTED_LENGTH = 4;

    /**
     * One of a fixed set of words, matched without regard to case and returned as the set spells it; numbers count
     * as their text so YAML's {@code 2019} matches "2019".
     */
    static ValueReader oneOf(List<String> allowed) {
        return (value, problems) -> {
            String text = value.isTextual() || value.isIntegralNumber() ? value.asText().strip() : null;
            if (text != null) {
                for (String word : allowed) {
                    if (word.equalsIgnoreCase(text)) {
                        return word;
                    }
                }
            }
            problems.report(describe(value) + " is not one of " + String.join(", ", allowed)
                    + (text == null || text.length() < MIN_SUGGESTED_LENGTH || text.chars().noneMatch(Character::isLetter)
                            ? ""
                            : cniadvisor.knowledge.Suggestions.closest(text, allowed)
                            .map(word -> "; did you mean '" + word + "'?").orElse("")));
            return null;
        };
    }

    /** An IPv4 network in canonical form: the address must be the network address of its prefix. */
    static final ValueReader CIDR = (value, problems) -> {
        if (!value.isTextual()) {
            problems.report("expected an IPv4 CIDR (" + CIDR_FORMAT + "), got " + describe(value));
            return null;
        }
        return readCidr(value.textValue(), problems::report);
    };

    /** A single IPv4 address, no prefix length. */
    static final ValueReader ADDRESS = (value, problems) -> {
        if (!value.isTextual()) {
            problems.report("expected an IPv4 address (a.b.c.d), got " + describe(value));
            return null;
        }
        String text = value.textValue().strip();
        IPAddress address = parseAddress(text);
        if (address == null) {
            problems.report(quote(text) + " is not a valid IPv4 address (a.b.c.d)");
        } else if (!address.isIPv4()) {
            problems.report(quote(text) + " is IPv6; this key takes an IPv4 address");
        } else if (address.getNetworkPrefixLength() != null) {
            problems.report(quote(text) + " has a prefix length; this key takes a single address (a.b.c.d)");
        } else {
            return address.toCanonicalString();
        }
        return null;
    };

    /** A list of CIDRs: a JSON/YAML list, or text with items separated by ';' (CSV) or a single CIDR. */
    static final ValueReader CIDR_LIST = (value, problems) -> {
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else if (value.isTextual()) {
            for (String item : value.textValue().split(";")) {
                if (!item.isBlank()) {
                    items.add(TextNode.valueOf(item.strip()));
                }
            }
        } else {
            problems.report("expected a list of IPv4 CIDRs, got " + describe(value));
            return null;
        }
        List<String> networks = new ArrayList<>();
        boolean allValid = true;
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            int itemIndex = index;
            String network = null;
            if (item.isTextual()) {
                network = readCidr(item.textValue(), message -> problems.reportItem(itemIndex, message));
            } else {
                problems.reportItem(index, "expected an IPv4 CIDR (" + CIDR_FORMAT + "), got " + describe(item));
            }
            allValid &= network != null;
            networks.add(network);
        }
        return allValid ? List.copyOf(networks) : null;
    };

    /**
     * Valid CIDRs already read, by text: a batch meets the same ranges (pod and service CIDRs, shared networks) on
     * many rows. Emptied when full, so memory stays bounded.
     */
    private static final Map<String, String> VALID_CIDRS = new ConcurrentHashMap<>();
    private static final int VALID_CIDRS_LIMIT = 4096;

    private static String readCidr(String raw, Consumer<String> report) {
        String text = raw.strip();
        String known = VALID_CIDRS.get(text);
        if (known != null) {
            return known;
        }
        String cidr = parseCidr(text, report);
        if (cidr != null) {
            if (VALID_CIDRS.size() >= VALID_CIDRS_LIMIT) {
                VALID_CIDRS.clear();
            }
            VALID_CIDRS.put(text, cidr);
        }
        return cidr;
    }

    /** The longest text that can be an address with a prefix length (IPv6 with an IPv4 tail, and "/128"). */
    private static final int MAX_ADDRESS_LENGTH = 64;

    /**
     * The address the text spells, or null. Text that cannot be an address (too long, a prefix length of more than
     * three digits) never reaches the library, and what the library throws on odd text counts as "not an address":
     * IPAddress 5.5.1 throws ArrayIndexOutOfBoundsException on an IPv6 address with a prefix length past int range.
     */
    private static IPAddress parseAddress(String text) {
        if (text.length() > MAX_ADDRESS_LENGTH || PREFIX_TOO_LONG.matcher(text).find()) {
            return null;
        }
        try {
            return new IPAddressString(text, STRICT_IP).getAddress();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern PREFIX_TOO_LONG = java.util.regex.Pattern.compile("/\\d{4,}");

    private static String parseCidr(String text, Consumer<String> report) {
        IPAddress address = parseAddress(text);
        if (address == null) {
            report.accept(quote(text) + " is not a valid IPv4 CIDR (" + CIDR_FORMAT + ")");
        } else if (!address.isIPv4()) {
            report.accept(quote(text) + " is IPv6; this key takes an IPv4 CIDR");
        } else if (address.getNetworkPrefixLength() == null) {
            report.accept(quote(text) + " needs a prefix length (" + CIDR_FORMAT + ")");
        } else if (!address.isPrefixBlock()) {
            report.accept(quote(text) + " has host bits set; the network address is "
                    + address.toPrefixBlock().toCanonicalString());
        } else {
            return address.toCanonicalString();
        }
        return null;
    }

    private static Integer asInt(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? value.intValue() : null;
        }
        if (value.isTextual() && isWholeNumber(value.textValue().strip())) {
            try {
                return Integer.valueOf(value.textValue().strip());
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        return null;
    }

    /** An optional sign and ASCII digits (Integer.valueOf alone would take other scripts' digits too). */
    private static boolean isWholeNumber(String text) {
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The value as the user wrote it: strings quoted, numbers and booleans bare, structures by kind. */
    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a nested object";
        }
        if (value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        return shorten(value.asText());
    }

    private static final int MAX_SHOWN_LENGTH = 60;

    private static String quote(String text) {
        return '"' + shorten(text) + '"';
    }

    /** Keeps a pasted-in blob from swamping the message. */
    static String shorten(String text) {
        return text.length() > MAX_SHOWN_LENGTH ? text.substring(0, MAX_SHOWN_LENGTH - 3) + "..." : text;
    }
}
