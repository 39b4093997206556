package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.gateway.GatewayBench;
import io.rawpipeline.cli.PathOptions;
import io.rawpipeline.gateway.config.GatewayConfig;
import io.rawpipeline.local.Executables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline bench gateway}: the telemetry gateway under wrk, beside Kafka's producer of records its size. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Runs a KRaft broker and the telemetry gateway in this JVM and loads the gateway with wrk on "
                + "loopback: pings/s at saturation and p99 at fixed rates, each the median of --rounds, then checks "
                + "that every acknowledged ping is in Kafka once, and runs Kafka's ProducerPerformance with records "
                + "the pings' size as the ceiling. Needs wrk (apt-get install -y wrk)."})
public final class BenchGatewayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOutputOptions output;

    @Option(names = "--seconds", defaultValue = "15", description = "Seconds of each timed phase. Default: "
            + "${DEFAULT-VALUE}.")
    private int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "15", description = "Seconds of the untimed warm-up at "
            + "saturation, so the JIT compiler has done its work. Default: ${DEFAULT-VALUE}.")
    private int warmupSeconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the medians are judged. Default: "
            + "${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--connections", defaultValue = "256", description = "wrk's connections at saturation. Each "
            + "waits for its answer, which waits for Kafka's acknowledgment, so the rate grows with them until the "
            + "cores are busy. Default: ${DEFAULT-VALUE}.")
    private int connections;

    @Option(names = "--rate", defaultValue = "5000,10000", split = ",", paramLabel = "PINGS_PER_SECOND",
            description = "The fixed rates at which p99 is measured. Default: ${DEFAULT-VALUE}.")
    private List<Integer> rates = new ArrayList<>();

    @Option(names = "--wrk-threads", defaultValue = "2", description = "wrk's threads. Default: ${DEFAULT-VALUE}.")
    private int wrkThreads;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the telemetry topic. Default: "
            + "${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--gateway-setting", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A setting of the gateway for the run, e.g. producer.compression.type=none (its own keys and "
                    + "producer.*, as in gateway.properties).")
    private Map<String, String> gatewaySettings = new LinkedHashMap<>();

    @Option(names = "--data-dir", description = "Folder of the broker's data and the log, emptied first (default: "
            + "bench-data/gateway).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || warmupSeconds < 0 || rounds < 1 || connections < 1 || wrkThreads < 1 || partitions < 1
                || rates.stream().anyMatch(rate -> rate < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds, --rounds, --connections, "
                    + "--rate, --wrk-threads and --partitions must be positive, --warmup-seconds not negative");
        }
        // the gateway checks its own settings: a bad one is refused here, before the broker starts
        Map<String, String> check = new HashMap<>(gatewaySettings);
        check.putIfAbsent(GatewayConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        try {
            new GatewayConfig(check);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gateway-setting: " + e.getMessage());
        }
        Path folder = PathOptions.folder(dataDir != null ? dataDir : Path.of("bench-data", "gateway"), "--data-dir");
        if (Executables.onPath("wrk").isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "wrk is missing: apt-get install -y wrk");
        }
        GatewayBench bench = new GatewayBench(new GatewayBench.Settings(seconds, warmupSeconds, rounds, connections,
                rates, wrkThreads, partitions, folder, gatewaySettings));
        return output.print(spec, bench.run(output.tables(spec), spec.commandLine().getErr()));
    }
}
