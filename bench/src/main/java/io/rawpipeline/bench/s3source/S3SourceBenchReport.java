package io.rawpipeline.bench.s3source;

import io.rawpipeline.bench.BenchEnvironment;
import io.rawpipeline.bench.BenchResult;
import io.rawpipeline.bench.BenchResult.Figure;
import io.rawpipeline.bench.LogObjects;
import io.rawpipeline.bench.ProducerPerformanceCeiling;
import io.rawpipeline.bench.ProducerPerformanceSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints the S3 source benchmark's rounds beside the ceiling and judges the target on the median round. */
final class S3SourceBenchReport {

    /** The connector must commit lines at least at this fraction of the records/s Kafka's own producer reaches. */
    static final double TARGET_RATIO = 0.9;

    /** How the connector ran. */
    record Setup(int tasks, int batchLines, int maxMessages, String producerOverrides) {
    }

    private S3SourceBenchReport() {
    }

    static BenchResult print(PrintWriter out, Setup setup, List<S3SourceRound> rounds, ProducerPerformanceSummary ceiling,
                      S3SourceRound.Phase ceilingPhase) {
        S3SourceRound first = rounds.get(0);
        long cloudFront = first.objects().stream().filter(o -> o.topic().equals(LogObjects.CLOUDFRONT_TOPIC)).count();
        out.printf(Locale.ROOT, "Objects: %d gzip objects a round (%d CloudFront, %d ALB), %,d lines, %,.1f MB "
                        + "uncompressed (%,.1f MB gzip), %.0f bytes a line%n", first.objects().size(), cloudFront,
                first.objects().size() - cloudFront, first.lines(), first.bytes() / 1e6, first.gzipBytes() / 1e6,
                (double) first.bytes() / first.lines());
        out.printf(Locale.ROOT, "Topics:  %s, one partition each; Kafka broker, Connect worker, S3Proxy and ElasticMQ"
                + " in this JVM%n", String.join(", ", S3SourceBenchStack.TOPICS));
        out.printf(Locale.ROOT, "Connector: tasks.max=%d batch.max.lines=%d sqs.max.messages=%d, exactly-once "
                        + "(one transaction per poll)%s%n", setup.tasks(), setup.batchLines(), setup.maxMessages(),
                setup.producerOverrides().isEmpty() ? "" : ", producer overrides " + setup.producerOverrides());
        CommittedLineCounter.Counted counted = first.counted();
        out.printf(Locale.ROOT, "Raw records: %.0f bytes on average (key + line + headers), %.0f of them the line%n%n",
                counted.averageRecordBytes(), counted.averageLineBytes());

        out.printf(Locale.ROOT, "%-60s %8s %12s %8s %13s %9s%n", "phase", "seconds", "lines|rec/s", "MB/s",
                "MB/s records", "CPU cores");
        for (int i = 0; i < rounds.size(); i++) {
            S3SourceRound round = rounds.get(i);
            out.printf(Locale.ROOT, "%-60s %8.2f %12s %8.1f %13s %9.2f%n",
                    "round " + (i + 1) + " upload: S3Proxy PUT + SQS send (not timed)", round.upload().seconds(), "",
                    round.bytes() / 1e6 / round.upload().seconds(), "", round.upload().cores());
            out.printf(Locale.ROOT, "%-60s %8.2f %,12.0f %8.1f %13.1f %9.2f%n",
                    "round " + (i + 1) + " connector: first notification -> last committed",
                    round.connector().seconds(), round.linesPerSecond(), round.megabytesPerSecond(),
                    round.recordMegabytesPerSecond(), round.connector().cores());
        }
        out.printf(Locale.ROOT, "%-60s %8.2f %,12.0f %8.1f %13.1f %9.2f%n",
                "ceiling: ProducerPerformance, " + ProducerPerformanceCeiling.RECORD_SIZE + " B records, acks=all",
                ceilingPhase.seconds(), ceiling.recordsPerSecond(), ceiling.mbPerSecond(), ceiling.mbPerSecond(),
                ceilingPhase.cores());
        out.println("(MB/s: uncompressed line bytes for the connector, record values for the ceiling; "
                + "MB/s records: key + value + headers; CPU cores: the whole process, all of it in this JVM)");
        long errors = rounds.stream().mapToLong(round -> round.counted().errors()).sum();
        if (errors > 0) {
            out.printf(Locale.ROOT, "%nerror records: %,d in %s%n", errors, S3SourceBenchStack.ERROR_TOPIC);
        }
        out.flush();
        return new BenchResult("bench s3-source", List.of(Figure.ofRatio("S3 source, notification to committed line",
                "lines/s", rounds.stream().map(S3SourceRound::linesPerSecond).toList(), ceiling.recordsPerSecond(),
                TARGET_RATIO)), BenchEnvironment.peakRssBytes(), "this JVM: broker, Connect, S3Proxy, ElasticMQ");
    }
}
