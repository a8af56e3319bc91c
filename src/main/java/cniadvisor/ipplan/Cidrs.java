package cniadvisor.ipplan;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Small helpers over the IPAddress library, for ranges that input validation has already accepted. */
public final class Cidrs {

    /**
     * Parsed blocks by text. Parsing dominates a batch's address work, and the same few ranges (AKS defaults,
     * reserved and supported ranges, a fleet's shared networks) come back for every request. IPAddress objects are
     * immutable, so threads can share them; the map is emptied when full, so memory stays bounded.
     */
    private static final Map<String, IPAddress> BLOCKS = new ConcurrentHashMap<>();
    /** The texts of a range's facts, and its span, by range: the defaults' are wanted for every request. */
    private static final Map<String, Texts> TEXTS = new ConcurrentHashMap<>();
    private static final Map<String, Span> SPANS = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private Cidrs() {
    }

    /** The prefix block a CIDR or a single address (as a /32) denotes. */
    public static IPAddress block(String cidr) {
        return cached(BLOCKS, cidr, Cidrs::parse);
    }

    private static IPAddress parse(String cidr) {
        IPAddress address = new IPAddressString(cidr).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("not an IP range: " + cidr);
        }
        return address.getNetworkPrefixLength() == null ? address.toPrefixBlock(address.getBitCount())
                : address.toPrefixBlock();
    }

    /**
     * A range's canonical text ("10.1.0.0/16"), its network address ("10.1.0.0") and the address after it (its first
     * host), which is null for a /32: the block holds no second address.
     */
    public record Texts(String block, String network, String firstHost) {
    }

    public static Texts texts(String cidr) {
        return cached(TEXTS, cidr, c -> new Texts(text(block(c)), hostAt(c, 0), hostAt(c, 1)));
    }

    /** The map is emptied when full, so memory stays bounded whatever the input. */
    private static <V> V cached(Map<String, V> cache, String cidr, Function<String, V> make) {
        V known = cache.get(cidr);
        if (known != null) {
            return known;
        }
        V made = make.apply(cidr);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(cidr, made);
        return made;
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

    /**
     * The address {@code offset} after the range's network address, without a prefix ("10.0.0.10"); null when the
     * block holds no such address. Only addresses inside the block count: past its end the next address may be
     * another range's, and past 255.255.255.255 there is none.
     */
    public static String hostAt(String cidr, long offset) {
        IPAddress block = block(cidr);
        if (offset < 0 || offset >= size(cidr)) {
            return null;
        }
        return block.getLower().increment(offset).withoutPrefixLength().toCanonicalString();
    }

    /** The aligned blocks of {@code prefix} inside {@code pool}, lowest first. */
    public static Iterator<? extends IPAddress> blocksOf(String pool, int prefix) {
        return block(pool).setPrefixLength(prefix, false).prefixBlockIterator();
    }

    /** A range as its first and last address, as numbers: cheap to compare many times. */
    public record Span(long first, long last) {
        public static Span of(String cidr) {
            return cached(SPANS, cidr, c -> {
                IPAddress block = block(c);
                return new Span(block.getValue().longValueExact(), block.getUpperValue().longValueExact());
            });
        }

        public boolean overlaps(Span other) {
            return first <= other.last && other.first <= last;
        }

        /** True when {@code inner} lies entirely inside this span. */
        public boolean contains(Span inner) {
            return first <= inner.first && inner.last <= last;
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
