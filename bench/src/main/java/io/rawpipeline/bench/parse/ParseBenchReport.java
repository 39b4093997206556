package io.rawpipeline.bench.parse;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.bench.BenchResult.Figure;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.PrintWriter;
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
        return BenchResult.median(linesPerSecond.get(contender));
    }

    BenchResult print(PrintWriter out, String parse, String parseEncode, String duckDb) {
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
                    median * fileBytes / rows / 1e6, BenchResult.median(linesPerCpuSecond.get(entry.getKey())), rounds);
        }
        out.printf(Locale.ROOT, "(parse + encode) / DuckDB %6.2fx%n", median(parseEncode) / median(duckDb));
        out.flush();
        return new BenchResult("bench parse", List.of(
                Figure.ofRatio("parse vs DuckDB read_csv", "lines/s", linesPerSecond.get(parse), median(duckDb),
                        PARSE_OVER_DUCKDB_TARGET),
                Figure.ofAtLeast("parse + Avro encode", "lines/s", linesPerSecond.get(parseEncode),
                        PARSE_ENCODE_TARGET_LINES_PER_SECOND)),
                BenchEnvironment.peakRssBytes(), "this JVM, DuckDB in it");
    }
}
