package io.rawpipeline.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary line Kafka's {@code ProducerPerformance} prints at the end of a run. */
public record ProducerPerformanceSummary(long records, double recordsPerSecond, double mbPerSecond, double averageLatencyMs,
                                  double maxLatencyMs, long p50Ms, long p99Ms) {

    // e.g. "1000000 records sent, 142857.142857 records/sec (68.12 MB/sec), 180.12 ms avg latency, 412.00 ms max
    // latency, 170 ms 50th, 380 ms 95th, 400 ms 99th, 410 ms 99.9th." (the progress lines have no percentiles)
    private static final Pattern TOTAL = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
            + "\\d+ ms 95th, (\\d+) ms 99th, \\d+ ms 99\\.9th\\.");

    /** The run's total from the tool's output (a steady-state line, "N steady state records sent", does not match). */
    public static Optional<ProducerPerformanceSummary> parse(String output) {
        ProducerPerformanceSummary summary = null;
        for (String line : output.split("\\R")) {
            Matcher m = TOTAL.matcher(line);
            if (m.find()) {
                summary = new ProducerPerformanceSummary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                        Double.parseDouble(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
            }
        }
        return Optional.ofNullable(summary);
    }
}
