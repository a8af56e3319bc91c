package cniadvisor.contract;

/** What a request key holds, which decides how it is read, asked for and described in the JSON Schema. */
public enum ValueType {
    /** Free text (a name). */
    TEXT,
    /** A whole number within the key's bounds. */
    WHOLE_NUMBER,
    /** true or false. */
    FLAG,
    /** One IPv4 network, a.b.c.d/n, at its network address. */
    CIDR,
    /** One IPv4 address. */
    ADDRESS,
    /** A list of IPv4 networks. */
    CIDR_LIST,
    /** One of the key's allowed values (matched without regard to case). */
    CHOICE,
    /** AKS's max surge: a node count or a percentage of the nodes ("33%"). */
    MAX_SURGE,
    /** The node pools: a list of objects with the pool keys. */
    POOL_LIST
}
