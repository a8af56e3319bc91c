package cniadvisor.batch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maps a stream of inputs to outputs on several threads and hands the outputs to a sink in input order, whatever
 * the thread count. Inputs travel in small chunks; a reader thread pulls them from the iterator and stops when a
 * bounded number of chunks is in flight, so memory stays flat however long the input is. The sink runs on the
 * calling thread, one output at a time.
 */
public final class BatchRunner {

    /** Inputs per task: large enough that queueing costs little per input, small enough to keep memory low. */
    static final int CHUNK = 64;
    /** Chunks queued per worker thread beyond the one it is working on. */
    static final int QUEUED_PER_THREAD = 4;

    private BatchRunner() {
    }

    /**
     * @param inputs  read on a thread of its own
     * @param threads worker threads (at least 1)
     * @param workers makes the function each worker thread uses (called once per thread, so it may keep state);
     *                functions that are {@link AutoCloseable} are closed when the run ends
     * @param sink    receives every output, in input order, on the calling thread
     * @throws InterruptedException when the calling thread is interrupted; the workers are stopped
     */
    public static <I, O> void run(Iterator<I> inputs, int threads, Supplier<? extends Function<I, O>> workers,
                                  Consumer<? super O> sink) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        List<Function<I, O>> created = new CopyOnWriteArrayList<>();
        ThreadLocal<Function<I, O>> worker = ThreadLocal.withInitial(() -> {
            Function<I, O> function = workers.get();
            created.add(function);
            return function;
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("cni-advisor-batch-"));
        BlockingQueue<Future<List<O>>> inFlight = new ArrayBlockingQueue<>(threads * QUEUED_PER_THREAD);
        CompletableFuture<List<O>> end = CompletableFuture.completedFuture(null);
        Thread reader = new Thread(() -> {
            Future<List<O>> last = end;
            try {
                while (inputs.hasNext()) {
                    List<I> chunk = new ArrayList<>(CHUNK);
                    while (chunk.size() < CHUNK && inputs.hasNext()) {
                        chunk.add(inputs.next());
                    }
                    inFlight.put(pool.submit(() -> {
                        Function<I, O> function = worker.get();
                        List<O> outputs = new ArrayList<>(chunk.size());
                        chunk.forEach(input -> outputs.add(function.apply(input)));
                        return outputs;
                    }));
                }
            } catch (InterruptedException e) {
                return; // the sink side has stopped
            } catch (RuntimeException | Error e) {
                last = CompletableFuture.failedFuture(e); // after the chunks read so far
            }
            try {
                inFlight.put(last);
            } catch (InterruptedException e) {
                // the sink side has stopped
            }
        }, "cni-advisor-batch-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Future<List<O>> next = inFlight.take();
                if (next == end) {
                    return;
                }
                for (O output : next.get()) {
                    sink.accept(output);
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            reader.interrupt();
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            for (Function<I, O> function : created) {
                if (function instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // releasing a worker's resources at the end of a run: nothing left to save
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
