package cniadvisor.ipplan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** Small helpers over the IPAddress library for ranges that input validation has already accepted. */
public final class Cidrs {

    private Cidrs() {
    }

    public static IPAddress parse(String cidr) {
        IPAddress address = new IPAddressString(cidr).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("not an IP range: " + cidr);
        }
        return address;
    }

    public static int prefixLength(String cidr) {
        Integer prefix = parse(cidr).getNetworkPrefixLength();
        return prefix == null ? parse(cidr).getBitCount() : prefix;
    }

    /** Addresses in the block, as a long (IPv4 blocks always fit). */
    public static long size(String cidr) {
        return parse(cidr).toPrefixBlock().getCount().longValueExact();
    }

    public static boolean overlaps(String a, String b) {
        return parse(a).toPrefixBlock().overlaps(parse(b).toPrefixBlock());
    }

    public static boolean contains(String outer, String inner) {
        return parse(outer).toPrefixBlock().contains(parse(inner));
    }
}
