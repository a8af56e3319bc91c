package cniadvisor.interview;

/** What sort of answer a question takes, which decides how it is prompted for and read. */
public enum Kind {
    /** y/n. */
    YES_NO("y/n"),
    /** One of a numbered list, by number or name. */
    CHOICE("number or name"),
    /** A whole number; the range comes from the request contract. */
    NUMBER("whole number"),
    /** AKS's max surge: a node count or a percentage of the nodes. */
    SURGE("node count or percentage, e.g. 3 or 33%"),
    /** A name (free text). */
    TEXT("name"),
    /** One IPv4 CIDR. */
    CIDR("a.b.c.d/n"),
    /** One IPv4 address. */
    ADDRESS("a.b.c.d"),
    /** IPv4 CIDRs separated by commas. */
    CIDR_LIST("CIDRs, comma-separated");

    private final String hint;

    Kind(String hint) {
        this.hint = hint;
    }

    /** How the answer is written, shown before the default. */
    String hint() {
        return hint;
    }
}
