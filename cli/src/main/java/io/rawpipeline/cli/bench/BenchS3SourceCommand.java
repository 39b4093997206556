package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.s3source.S3SourceBench;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline bench s3-source}: gzip CloudFront and ALB objects announced on SQS, read by the S3 source connector
 * on an exactly-once Connect worker, timed from the first notification until the last line is readable with
 * {@code read_committed}; then Kafka's {@code ProducerPerformance} on the same broker as the ceiling.
 */
@Command(name = "s3-source", mixinStandardHelpOptions = true,
        description = "Benchmarks the S3 source connector (notification to committed raw records) against Kafka's "
                + "ProducerPerformance on the same broker, all in this JVM.")
public final class BenchS3SourceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Option(names = "--mb", defaultValue = "200",
            description = "Uncompressed MB (10^6 bytes) of log lines to upload. Default: ${DEFAULT-VALUE}.")
    private long mb;

    @Option(names = "--object-mb", defaultValue = "20",
            description = "Uncompressed MB of each object before gzip. Default: ${DEFAULT-VALUE}.")
    private long objectMb;

    @Option(names = "--tasks", defaultValue = "1", description = "The connector's tasks.max. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--batch-lines", defaultValue = "5000",
            description = "The connector's batch.max.lines (lines per poll and transaction). Default: ${DEFAULT-VALUE}.")
    private int batchLines;

    @Option(names = "--sqs-max-messages", defaultValue = "10",
            description = "The connector's sqs.max.messages; with several tasks, 1 spreads the objects over them. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int maxMessages;

    @Option(names = "--producer-override", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A producer setting of the connector's tasks (producer.override.KEY), e.g. linger.ms=20.")
    private Map<String, String> producerOverrides = new LinkedHashMap<>();

    @Option(names = "--ceiling-records", defaultValue = "1000000",
            description = "Records ProducerPerformance sends for the ceiling. Default: ${DEFAULT-VALUE}.")
    private long ceilingRecords;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Timed rounds, each with --mb of new objects; the median round is judged. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--warmup-mb", defaultValue = "40",
            description = "Uncompressed MB of an untimed first round, so the JIT compiler has done its work before "
                    + "the timed rounds; 0 for none. Default: ${DEFAULT-VALUE}.")
    private long warmupMb;

    @Option(names = "--timeout-seconds", defaultValue = "600",
            description = "Longest wait for a round's lines to be committed. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (mb < 1 || objectMb < 1 || tasks < 1 || batchLines < 1 || ceilingRecords < 1 || timeoutSeconds < 1
                || rounds < 1 || warmupMb < 0 || maxMessages < 1 || maxMessages > 10) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mb, --object-mb, --tasks, --batch-lines, --rounds, --ceiling-records and --timeout-seconds "
                            + "must be positive, --warmup-mb not negative, --sqs-max-messages between 1 and 10");
        }
        for (String key : producerOverrides.keySet()) {
            if (!ProducerConfig.configNames().contains(key)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--producer-override: '" + key
                        + "' is not a producer setting (e.g. linger.ms, batch.size, compression.type)");
            }
        }
        S3SourceBench.Settings settings = new S3SourceBench.Settings(mb, objectMb, tasks, batchLines, maxMessages,
                producerOverrides, ceilingRecords, rounds, warmupMb, timeoutSeconds,
                Path.of(System.getProperty("pipeline.home", "."), "bench-data", "logs", "s3-source.log"));
        return output.print(spec, new S3SourceBench(settings).run(output.tables(spec), spec.commandLine().getErr()));
    }
}
