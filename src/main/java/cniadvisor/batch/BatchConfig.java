package cniadvisor.batch;

import cniadvisor.io.BatchInputFormat;
import cniadvisor.render.BatchReportFormat;
import cniadvisor.io.FailOn;
import cniadvisor.model.AddressSpace;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one batch run is asked to do: {@code cni-advisor batch}'s options, or a caller's own. {@link BatchJob} checks
 * the files and the address pool when the run starts; the rest is checked here.
 *
 * @param files        the request files as named; {@code "-"} reads standard input
 * @param inputFormat  how every input is written; null: by each file's extension
 * @param reportFormat the report's format; null: by the output file's extension, else JSON Lines
 * @param outputFile   where the report is written, atomically; null: the run's output stream
 * @param threads      requests evaluated in parallel, 1 to {@link #MAX_THREADS}
 * @param failOn       the finding level from which the run fails (exit code 6)
 * @param addressSpace the organisation's pools, as given (IPv4 CIDRs; none: no allocation), and reserved ranges
 * @param headroom     percent added to a node or pod subnet's need before it is allocated, 0 to
 *                     {@link #MAX_HEADROOM}
 * @param iacDir       where one az, Terraform and Bicep file per request is written; null for none
 * @param sarifRecommendations whether a SARIF report has a note per recommendation, not only the problems
 * @param asOf         the date retirements are judged at
 * @param progress     whether a progress bar may show (only ever on a terminal, and never in CI)
 */
public record BatchConfig(List<String> files, BatchInputFormat inputFormat, BatchReportFormat reportFormat,
                          Path outputFile, int threads, FailOn failOn, AddressSpace addressSpace, int headroom,
                          Path iacDir, boolean sarifRecommendations, LocalDate asOf, boolean progress) {

    /** The default headroom: a quarter more than the pools' max counts and surge need (see the README). */
    public static final int DEFAULT_HEADROOM = 25;
    /** At most four times the need again: more is a typo, not a plan. */
    public static final int MAX_HEADROOM = 400;

    /**
     * Each thread keeps a rule session and up to 4,096 pieces of advice it may reuse: at 64 threads a varied batch
     * of 100,000 requests still runs in the launcher's 256 MiB heap; at 128 it thrashes. More threads than cores
     * gain nothing anyway.
     */
    public static final int MAX_THREADS = 64;

    public BatchConfig {
        files = List.copyOf(files);
        Objects.requireNonNull(addressSpace, "addressSpace");
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(asOf, "asOf");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + MAX_THREADS + ", got " + threads);
        }
        if (headroom < 0 || headroom > MAX_HEADROOM) {
            throw new IllegalArgumentException("headroom must be from 0 to " + MAX_HEADROOM + " percent, got "
                    + headroom);
        }
    }

    /** As many threads as cores, up to {@link #MAX_THREADS}. */
    public static int defaultThreads() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }
}
