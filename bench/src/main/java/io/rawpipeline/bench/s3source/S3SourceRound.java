package io.rawpipeline.bench.s3source;

import io.rawpipeline.bench.LogObject;
import java.util.List;

/**
 * One timed round of the S3 source benchmark: its objects, their upload, and the connector's work from the first
 * notification until the last line was readable committed.
 */
record S3SourceRound(List<LogObject> objects, Phase upload, CommittedLineCounter.Counted counted, Phase connector) {

    /** A measured stretch of time and the CPU the whole process used meanwhile. */
    record Phase(double seconds, double cpuSeconds) {

        double cores() {
            return cpuSeconds / seconds;
        }
    }

    long lines() {
        return objects.stream().mapToLong(LogObject::lines).sum();
    }

    long bytes() {
        return objects.stream().mapToLong(LogObject::bytes).sum();
    }

    long gzipBytes() {
        return objects.stream().mapToLong(o -> o.gzip().length).sum();
    }

    double linesPerSecond() {
        return counted.lines() / connector.seconds();
    }

    double megabytesPerSecond() {
        return bytes() / 1e6 / connector.seconds();
    }

    double recordMegabytesPerSecond() {
        return counted.recordBytes() / 1e6 / connector.seconds();
    }
}
