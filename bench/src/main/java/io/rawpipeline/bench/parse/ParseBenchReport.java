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

    private final Map<String, Double> startUpSeconds = new LinkedHashMap<>();

    /** Seconds a whole-process contender takes on a one-row file: its start-up and exit. */
    void addStartUp(String contender, double seconds) {
        startUpSeconds.put(contender, seconds);
    }

    /** A timed round; {@code cpuSeconds} NaN for a contender in a process of its own. */
    void add(String contender, double seconds, double cpuSeconds) {
        linesPerSecond.computeIfAbsent(contender, name -> new ArrayList<>()).add(rows / seconds);
        linesPerCpuSecond.computeIfAbsent(contender, name -> new ArrayList<>()).add(rows / cpuSeconds);
    }

    double median(String contender) {
        return BenchResult.median(linesPerSecond.get(contender));
    }

    /** Prints the table and returns the result; {@code parseProcess} and {@code duckDbProcess} null when not run. */
    BenchResult print(PrintWriter out, String parse, String parseEncode, String duckDb, String parseProcess,
            String duckDbProcess) {
        out.printf(Locale.ROOT, "File:    %,d rows + %d header lines, %,.1f MB, %.0f bytes a line%n%n", rows,
                CloudFrontLogGenerator.HEADER_LINES, fileBytes / 1e6, (double) fileBytes / rows);
        // per thread-CPU second: what the contender does with a core of its own, when others share the machine
        out.printf(Locale.ROOT, "%-32s %14s %10s %16s   %s%n", "contender", "median lines/s", "MB/s",
                "lines/CPU-s", "rounds (lines/s)");
        for (Map.Entry<String, List<Double>> entry : linesPerSecond.entrySet()) {
            double median = median(entry.getKey());
            String rounds = entry.getValue().stream().map(value -> String.format(Locale.ROOT, "%,.0f", value))
                    .collect(Collectors.joining("  "));
            double perCpuSecond = BenchResult.median(linesPerCpuSecond.get(entry.getKey()));
            out.printf(Locale.ROOT, "%-32s %,14.0f %10.1f %16s   %s%n", entry.getKey(), median,
                    median * fileBytes / rows / 1e6, Double.isNaN(perCpuSecond) ? "-"
                            : String.format(Locale.ROOT, "%,.0f", perCpuSecond), rounds);
        }
        startUpSeconds.forEach((contender, seconds) -> out.printf(Locale.ROOT, "start-up and exit of %s: %.2f s "
                + "(on a one-row file)%n", contender, seconds));
        out.printf(Locale.ROOT, "(parse + encode) / DuckDB %6.2fx%n", median(parseEncode) / median(duckDb));
        out.flush();
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.ofRatio("parse vs DuckDB read_csv", "lines/s", linesPerSecond.get(parse), median(duckDb),
                        PARSE_OVER_DUCKDB_TARGET),
                Figure.ofAtLeast("parse + Avro encode", "lines/s", linesPerSecond.get(parseEncode),
                        PARSE_ENCODE_TARGET_LINES_PER_SECOND)));
        if (parseProcess != null) {
            figures.add(Figure.ofRatio("whole process, parse vs DuckDB", "lines/s", linesPerSecond.get(parseProcess),
                    median(duckDbProcess), PARSE_OVER_DUCKDB_TARGET));
        }
        return new BenchResult("bench parse", figures, BenchEnvironment.peakRssBytes(), "this JVM, DuckDB in it; "
                + "not the whole-process runs");
    }
}
