package io.rawpipeline.bench.parse;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.duckdb.DuckDBDriver;

/**
 * {@code pipeline bench parse}: our parser alone, our parser plus Avro encoding, and DuckDB's CSV reader, each on
 * one thread, in the same JVM run over the same generated file, round after round.
 */
public final class ParseBench {

    /**
     * The format (only CloudFront has a generator), rows in the file, where it is kept, timed rounds, warm-up rows,
     * and the {@code pipeline} script whose {@code parse} is timed as a whole process (null: no whole-process runs).
     */
    public record Settings(SourceFormat format, long lines, Path dir, int rounds, long warmupLines,
            Path pipelineScript) {
    }

    private static final long START_UP_LINES = 1;

    private final Settings settings;

    public ParseBench(Settings settings) {
        this.settings = settings;
    }

    /** The report to {@code out}, each round to {@code progress}. */
    public BenchResult run(PrintWriter out, PrintWriter progress) throws Exception {
        BenchEnvironment.print(out);
        out.flush();

        CloudFrontLogGenerator generator = new CloudFrontLogGenerator();
        long started = System.nanoTime();
        Path file = generator.ensure(settings.dir(), settings.lines());
        Path warmup = settings.lines() > settings.warmupLines()
                ? generator.ensure(settings.dir(), settings.warmupLines()) : file;
        progress.printf(Locale.ROOT, "bench file %s ready in %.1f s%n", file, (System.nanoTime() - started) / 1e9);
        progress.flush();

        ParseBenchReport report = new ParseBenchReport(settings.lines(), Files.size(file));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean(); // DuckDB with threads=1 runs on this thread too
        try (ParserContender parse = new ParserContender(settings.format(), false);
             ParserContender parseEncode = new ParserContender(settings.format(), true);
             DuckDbReadCsvContender duckDb = new DuckDbReadCsvContender()) {
            List<Contender> contenders = List.of(parse, parseEncode, duckDb);
            for (Contender contender : contenders) {
                contender.run(warmup); // JIT compilation and DuckDB's start-up stay out of the timings
            }
            // rounds interleave the contenders, so drift in the machine's speed hits them all alike
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Contender contender : contenders) {
                    System.gc();
                    long start = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long rows = contender.run(file);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                    if (rows != settings.lines()) {
                        throw new IllegalStateException(contender.name() + " read " + rows + " rows, not " + settings.lines());
                    }
                    report.add(contender.name(), seconds, cpuSeconds);
                    // on a shared machine the thread's CPU time shows how much of the wall time was waiting for a core
                    progress.printf(Locale.ROOT, "round %d  %-30s %7.3f s  %,12.0f lines/s   (thread CPU %.3f s)%n",
                            round, contender.name(), seconds, settings.lines() / seconds, cpuSeconds);
                    progress.flush();
                }
            }
            if (settings.pipelineScript() == null) {
                return report.print(out, parse.name(), parseEncode.name(), duckDb.name(), null, null);
            }
            List<WholeProcessContender> processes = wholeProcesses(duckDb);
            Path tiny = generator.ensure(settings.dir(), START_UP_LINES);
            for (WholeProcessContender process : processes) {
                long start = System.nanoTime();
                process.run(tiny);
                report.addStartUp(process.name(), (System.nanoTime() - start) / 1e9);
            }
            for (int round = 1; round <= settings.rounds(); round++) {
                for (WholeProcessContender process : processes) {
                    long start = System.nanoTime();
                    long rows = process.run(file);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (rows != settings.lines()) {
                        throw new IllegalStateException(process.name() + " read " + rows + " rows, not "
                                + settings.lines());
                    }
                    report.add(process.name(), seconds, Double.NaN);
                    progress.printf(Locale.ROOT, "round %d  %-30s %7.3f s  %,12.0f lines/s%n", round, process.name(),
                            seconds, settings.lines() / seconds);
                    progress.flush();
                }
            }
            return report.print(out, parse.name(), parseEncode.name(), duckDb.name(), processes.get(0).name(),
                    processes.get(1).name());
        }
    }

    /**
     * {@code pipeline parse --output none} as a person runs it (the script's JVM options and class-data archive), and
     * DuckDB's same query in a JVM holding only its driver.
     */
    private List<WholeProcessContender> wholeProcesses(DuckDbReadCsvContender duckDb) throws Exception {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = jarOf(DuckDbQueryProcess.class) + File.pathSeparator
                + jarOf(DuckDBDriver.class);
        return List.of(
                new WholeProcessContender("pipeline parse, whole process", file -> List.of(
                        settings.pipelineScript().toString(), "parse", "--format", settings.format().id(),
                        "--input", file.toString(), "--output", "none"), Pattern.compile("([\\d,]+) records")),
                new WholeProcessContender("DuckDB, whole process (JVM)", file -> List.of(javaBinary, "-cp", classPath,
                        DuckDbQueryProcess.class.getName(), duckDb.query(file)), Pattern.compile("rows=(\\d+)")));
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
