package io.rawpipeline.bench.parse;

import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects the timed rounds of each contender and prints the table, the ratios and whether the targets are met. */
final class ParseBenchReport {

    /** Our parser must read at least this many times as fast as DuckDB's one-thread CSV reader. */
    static final double PARSE_OVER_DUCKDB_TARGET = 1.5;
    /** Parsing plus Avro encoding must keep up with this many lines per second on one thread. */
    static final double PARSE_ENCODE_TARGET_LINES_PER_SECOND = 800_000;

    private final long rows;
    private final long fileBytes;
    private final Map<String, List<Double>> linesPerSecond = new LinkedHashMap<>();
    private final Map<String, List<Double>> linesPerCpuSecond = new LinkedHashMap<>();

    ParseBenchReport(long rows, long fileBytes) {
        this.rows = rows;
        this.fileBytes = fileBytes;
    }

    void add(String contender, double seconds, double cpuSeconds) {
        linesPerSecond.computeIfAbsent(contender, name -> new ArrayList<>()).add(rows / seconds);
        linesPerCpuSecond.computeIfAbsent(contender, name -> new ArrayList<>()).add(rows / cpuSeconds);
    }

    double median(String contender) {
        return median(linesPerSecond.get(contender));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    void print(PrintWriter out, String parse, String parseEncode, String duckDb) {
        out.printf(Locale.ROOT, "File:    %,d rows + %d header lines, %,.1f MB, %.0f bytes a line%n%n", rows,
                CloudFrontLogGenerator.HEADER_LINES, fileBytes / 1e6, (double) fileBytes / rows);
        // per thread-CPU second: what the contender does with a core of its own, when others share the machine
        out.printf(Locale.ROOT, "%-30s %14s %10s %16s   %s%n", "contender", "median lines/s", "MB/s",
                "lines/CPU-s", "rounds (lines/s)");
        for (Map.Entry<String, List<Double>> entry : linesPerSecond.entrySet()) {
            double median = median(entry.getKey());
            String rounds = entry.getValue().stream().map(value -> String.format(Locale.ROOT, "%,.0f", value))
                    .collect(Collectors.joining("  "));
            out.printf(Locale.ROOT, "%-30s %,14.0f %10.1f %,16.0f   %s%n", entry.getKey(), median,
                    median * fileBytes / rows / 1e6, median(linesPerCpuSecond.get(entry.getKey())), rounds);
        }
        double parseRatio = median(parse) / median(duckDb);
        double encodeRatio = median(parseEncode) / median(duckDb);
        out.println();
        out.printf(Locale.ROOT, "parse / DuckDB            %6.2fx   target >= %.1fx               %s%n",
                parseRatio, PARSE_OVER_DUCKDB_TARGET, verdict(parseRatio >= PARSE_OVER_DUCKDB_TARGET));
        out.printf(Locale.ROOT, "(parse + encode) / DuckDB %6.2fx%n", encodeRatio);
        out.printf(Locale.ROOT, "parse + encode            %,.0f lines/s   target >= %,.0f lines/s   %s%n",
                median(parseEncode), PARSE_ENCODE_TARGET_LINES_PER_SECOND,
                verdict(median(parseEncode) >= PARSE_ENCODE_TARGET_LINES_PER_SECOND));
        out.flush();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }
}
