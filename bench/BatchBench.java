import cniadvisor.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one batch several times in one JVM, CSV to CSV as a user would (Main.run, output file, no progress bar), and
 * reports each run's wall time and requests per second: the first runs warm the JIT up, the median of the rest is
 * the throughput after warm-up. Every run loads its facts and reads, evaluates and writes the whole batch; the
 * compiled rule base comes from this JVM's rule cache after the first run, as it stays loaded within one long batch.
 *
 *   java -XX:+UseParallelGC -cp target/cni-advisor.jar bench/BatchBench.java requests.csv WARMUP RUNS [THREADS
 *       [BATCH OPTIONS...]]
 *
 * Options after THREADS go to batch as they are, e.g. {@code --address-pool 10.0.0.0/8} to measure allocation.
 */
public final class BatchBench {

    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        String threads = args.length > 3 ? args[3] : Integer.toString(Runtime.getRuntime().availableProcessors());
        long requests;
        try (Stream<String> lines = Files.lines(input)) {
            requests = lines.count() - 1;
        }
        Path output = Files.createTempFile("batch-bench-", ".csv");
        List<Double> measured = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            List<String> command = new ArrayList<>(List.of("batch", input.toString(), "-o", "csv", "--output-file",
                    output.toString(), "--no-progress", "--threads", threads, "--as-of", "2026-11-21"));
            command.addAll(List.of(args).subList(Math.min(4, args.length), args.length));
            int exit = Main.run(System.in, new PrintWriter(new StringWriter()), new PrintWriter(err),
                    command.toArray(String[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (exit != 0 && exit != 2 && exit != 4 && exit != 6) {
                throw new IllegalStateException("batch failed with exit " + exit + ":\n" + err);
            }
            boolean warm = i >= warmup;
            System.out.printf("%s %d: %,d requests in %.2f s = %,.0f requests/s%n", warm ? "run" : "warm-up",
                    warm ? i - warmup + 1 : i + 1, requests, seconds, requests / seconds);
            if (warm) {
                measured.add(requests / seconds);
            }
        }
        Files.deleteIfExists(output);
        List<Double> sorted = measured.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("median after warm-up: %,.0f requests/s (threads %s)%n", median, threads);
    }
}
