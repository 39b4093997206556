package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.streams.StreamsBench;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline bench streams}: the parse app alone, from raw lines waiting in the raw topics to parsed rows. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Runs the local pipeline with its parse app and sink stopped, lets the S3 source write "
                + "bursts of generated CloudFront and ALB objects into the raw topics, then times the parse app "
                + "(exactly once) parsing them, beside Kafka's ProducerPerformance with records of the same size."})
public final class BenchStreamsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Mixin
    private StageBenchOptions options;

    @Option(names = "--streams-setting", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A setting of the parse app for the run, e.g. producer.compression.type=zstd or "
                    + "commit.interval.ms=1000 (Kafka Streams' own names and prefixes).")
    private Map<String, String> streamsSettings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        options.check(spec);
        // Kafka Streams checks its own settings' values: a bad one is refused here, not after the pipeline started
        Map<String, Object> check = new HashMap<>(streamsSettings);
        check.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        check.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        try {
            new StreamsConfig(check);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--streams-setting: " + e.getMessage());
        }
        StreamsBench bench = new StreamsBench(new StreamsBench.Settings(options.mb, options.objectMb, options.rounds,
                options.warmupMb, options.dataDir("streams"), options.pluginPath(), streamsSettings));
        return output.print(spec, bench.run(output.tables(spec), spec.commandLine().getErr()));
    }
}
