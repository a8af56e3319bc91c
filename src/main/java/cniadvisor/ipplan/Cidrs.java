package cniadvisor.ipplan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Small helpers over the IPAddress library, for ranges that input validation has already accepted. */
public final class Cidrs {

    /**
     * Parsed blocks by text. Parsing dominates a batch's address work, and the same few ranges (AKS defaults,
     * reserved and supported ranges, a fleet's shared networks) come back for every request. IPAddress objects are
     * immutable, so threads can share them; the map is emptied when full, so memory stays bounded.
     */
    private static final Map<String, IPAddress> BLOCKS = new ConcurrentHashMap<>();
    private static final int BLOCKS_LIMIT = 4096;

    private Cidrs() {
    }

    /** The prefix block a CIDR or a single address (as a /32) denotes. */
    public static IPAddress block(String cidr) {
        IPAddress known = BLOCKS.get(cidr);
        if (known != null) {
            return known;
        }
        IPAddress address = new IPAddressString(cidr).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("not an IP range: " + cidr);
        }
        IPAddress block = address.getNetworkPrefixLength() == null ? address.toPrefixBlock(address.getBitCount())
                : address.toPrefixBlock();
        if (BLOCKS.size() >= BLOCKS_LIMIT) {
            BLOCKS.clear();
        }
        BLOCKS.put(cidr, block);
        return block;
    }

    public static int prefixLength(String cidr) {
        return block(cidr).getNetworkPrefixLength();
    }

    /** Addresses in the block. */
    public static long size(String cidr) {
        return block(cidr).getCount().longValueExact();
    }

    public static boolean overlaps(String a, String b) {
        return block(a).overlaps(block(b));
    }

    /** True when {@code inner} lies entirely inside {@code outer}. */
    public static boolean contains(String outer, String inner) {
        return block(outer).contains(block(inner));
    }

    /** The address {@code offset} after the range's network address, without a prefix ("10.0.0.10"). */
    public static String hostAt(String cidr, long offset) {
        return block(cidr).getLower().increment(offset).withoutPrefixLength().toCanonicalString();
    }

    /** The aligned blocks of {@code prefix} inside {@code pool}, lowest first. */
    public static Iterator<? extends IPAddress> blocksOf(String pool, int prefix) {
        return block(pool).setPrefixLength(prefix, false).prefixBlockIterator();
    }

    /** A range as its first and last address, as numbers: cheap to compare many times. */
    public record Span(long first, long last) {
        public static Span of(String cidr) {
            IPAddress block = block(cidr);
            return new Span(block.getValue().longValueExact(), block.getUpperValue().longValueExact());
        }

        public boolean overlaps(Span other) {
            return first <= other.last && other.first <= last;
        }
    }

    /** The IPv4 prefix block of {@code prefix} that starts at address {@code first}. */
    public static String blockAt(long first, int prefix) {
        return text(new IPv4Address((int) first, prefix).toPrefixBlock());
    }

    public static String text(IPAddress block) {
        return block.toCanonicalString();
    }
}
