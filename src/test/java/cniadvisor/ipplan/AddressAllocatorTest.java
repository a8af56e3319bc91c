package cniadvisor.ipplan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ipplan/AddressAllocator: aligned blocks from the pools, never the same address twice, lowest first. */
class AddressAllocatorTest {

    @Test
    void bestFitLowestFirstAndAligned() {
        AddressAllocator pool = new AddressAllocator(List.of("10.20.0.0/16", "10.40.0.0/16"));
        assertEquals("10.20.0.0/24", pool.allocate(24).orElseThrow());
        assertEquals("10.20.1.0/27", pool.allocate(27).orElseThrow()); // the smallest free block holding a /27
        assertEquals("10.20.1.32/27", pool.allocate(27).orElseThrow());
        assertEquals("10.20.2.0/23", pool.allocate(23).orElseThrow()); // aligned: not 10.20.1.64
        assertEquals("10.20.1.64/26", pool.allocate(26).orElseThrow()); // fills the hole first
        assertEquals(131072 - 256 - 32 - 32 - 512 - 64, pool.freeAddresses());
    }

    @Test
    void reservedRangesAreCarvedOutAndCountOnlyInsideThePool() {
        AddressAllocator pool = new AddressAllocator(List.of("10.20.0.0/16"));
        assertEquals(256, pool.reserve("10.20.0.0/24"));
        assertEquals(0, pool.reserve("192.168.0.0/24")); // outside: takes nothing from the pool
        assertEquals(128, pool.reserve("10.20.255.128/25"));
        assertEquals(0, pool.reserve("10.20.0.0/25")); // already taken
        assertEquals("10.20.1.0/24", pool.allocate(24).orElseThrow());
        assertEquals(List.of(new AddressAllocator.PoolUse("10.20.0.0/16", 65536, 256 + 128 + 256)), pool.use());
        assertEquals(List.of("10.20.64.0/18", "10.20.128.0/18", "10.20.32.0/19"), pool.largestFreeBlocks(3));
        assertTrue(pool.inPool("10.20.3.0/24"));
        assertFalse(pool.inPool("10.21.0.0/24"));
        assertTrue(pool.touchesPool("10.0.0.0/8"));
    }

    @Test
    void aFullPoolSaysSoAndNestedPoolsCountOnce() {
        AddressAllocator pool = new AddressAllocator(List.of("10.0.0.0/30", "10.0.0.0/31"));
        assertEquals(1, pool.pools().size());
        assertEquals(Optional.empty(), pool.allocate(29));
        assertEquals("10.0.0.0/31", pool.allocate(31).orElseThrow());
        assertEquals("10.0.0.2/31", pool.allocate(31).orElseThrow());
        assertEquals(Optional.empty(), pool.allocate(32));
        assertEquals(Optional.empty(), pool.largestFreePrefix());
        assertThrows(IllegalArgumentException.class, () -> new AddressAllocator(List.of("fd00::/64")));
    }

    /** Random reservations and allocations against a bitmap of the pool: never one address twice, never outside. */
    @Test
    void neverTheSameAddressTwiceAgainstABitmap() {
        Random random = new Random(7);
        AddressAllocator pool = new AddressAllocator(List.of("10.0.0.0/16"));
        BitSet used = new BitSet(65536);
        long base = Cidrs.Span.of("10.0.0.0/16").first();
        List<String> handed = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (random.nextInt(5) == 0) {
                int prefix = 20 + random.nextInt(13);
                long first = base + (random.nextInt(65536) & ~((1 << (32 - prefix)) - 1));
                String cidr = Cidrs.blockAt(first, prefix);
                long expected = 0;
                for (long a = first; a < first + (1L << (32 - prefix)); a++) {
                    expected += used.get((int) (a - base)) ? 0 : 1;
                    used.set((int) (a - base));
                }
                assertEquals(expected, pool.reserve(cidr), cidr);
                continue;
            }
            int prefix = 22 + random.nextInt(11);
            Optional<String> got = pool.allocate(prefix);
            if (got.isEmpty()) {
                continue;
            }
            Cidrs.Span span = Cidrs.Span.of(got.get());
            assertEquals(0, span.first() % (1L << (32 - prefix)), "aligned: " + got.get());
            for (long a = span.first(); a <= span.last(); a++) {
                assertFalse(used.get((int) (a - base)), got.get() + " hands out a taken address");
                used.set((int) (a - base));
            }
            handed.add(got.get());
        }
        assertEquals(65536 - used.cardinality(), pool.freeAddresses());
        assertTrue(handed.size() > 100, "the run allocated: " + handed.size());
    }

    @Test
    void aHundredThousandAllocationsFromASlashEight() {
        AddressAllocator pool = new AddressAllocator(List.of("10.0.0.0/8"));
        for (int i = 0; i < 100_000; i++) {
            assertTrue(pool.allocate(i % 50 == 0 ? 22 : 26).isPresent());
        }
        assertEquals(16_777_216L - (2_000L * 1024 + 98_000L * 64), pool.freeAddresses());
    }
}
