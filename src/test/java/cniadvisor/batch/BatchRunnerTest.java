package cniadvisor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchRunnerTest {

    /** Counts how far the runner has read, so tests can see how much it reads ahead. */
    private static final class Counting implements Iterator<Integer> {
        final AtomicInteger read = new AtomicInteger();
        private final int size;

        Counting(int size) {
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return read.get() < size;
        }

        @Override
        public Integer next() {
            return read.getAndIncrement();
        }
    }

    @Test
    void outputsArriveInInputOrderWhateverTheWorkersTake() throws Exception {
        List<Integer> seen = new ArrayList<>();
        BatchRunner.run(new Counting(5000), 4, () -> {
            Random random = new Random(Thread.currentThread().getId());
            return i -> {
                if (random.nextInt(50) == 0) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
                return i * 2;
            };
        }, seen::add);

        assertEquals(IntStream.range(0, 5000).map(i -> i * 2).boxed().toList(), seen);
    }

    @Test
    void theInputIsReadOnlyABoundedWayAheadOfTheSink() throws Exception {
        Counting inputs = new Counting(20_000);
        int threads = 2;
        int bound = (threads * BatchRunner.QUEUED_PER_THREAD + 2) * BatchRunner.CHUNK;
        AtomicInteger sunk = new AtomicInteger();
        AtomicInteger furthestAhead = new AtomicInteger();

        BatchRunner.run(inputs, threads, () -> Function.identity(), i -> {
            furthestAhead.accumulateAndGet(inputs.read.get() - sunk.incrementAndGet(), Math::max);
        });

        assertEquals(20_000, sunk.get());
        assertTrue(furthestAhead.get() <= bound, "read " + furthestAhead.get() + " ahead, bound " + bound);
    }

    @Test
    void eachWorkerThreadMakesItsFunctionOnceAndClosesItAtTheEnd() throws Exception {
        List<AutoCloseable> closed = new ArrayList<>();
        ConcurrentHashMap<Thread, Integer> made = new ConcurrentHashMap<>();
        final class Worker implements Function<Integer, Integer>, AutoCloseable {
            @Override
            public Integer apply(Integer i) {
                return i;
            }

            @Override
            public void close() {
                synchronized (closed) {
                    closed.add(this);
                }
            }
        }

        BatchRunner.run(new Counting(2000), 3, () -> {
            made.merge(Thread.currentThread(), 1, Integer::sum);
            return new Worker();
        }, i -> { });

        assertTrue(made.values().stream().allMatch(n -> n == 1));
        assertEquals(made.size(), closed.size());
    }

    @Test
    void aFailingWorkerStopsTheRunWithItsException() {
        IllegalStateException failure = new IllegalStateException("rule failed");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> BatchRunner.run(
                new Counting(10_000), 2, () -> i -> {
                    if (i == 777) {
                        throw failure;
                    }
                    return i;
                }, i -> { }));

        assertSame(failure, thrown);
    }

    @Test
    void aFailingInputStopsTheRunAfterTheOutputsBeforeIt() {
        List<Integer> seen = new ArrayList<>();
        Iterator<Integer> inputs = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                if (next == 300) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("disk gone"));
                }
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };

        assertThrows(java.io.UncheckedIOException.class,
                () -> BatchRunner.run(inputs, 2, () -> Function.identity(), seen::add));
        assertEquals(IntStream.range(0, 256).boxed().toList(), seen.subList(0, 256));
    }
}
