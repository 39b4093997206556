package io.rawpipeline.cli.local;

import io.rawpipeline.local.faults.FaultReport;
import io.rawpipeline.local.faults.FaultRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pipeline faults}: the pipeline as separate processes under load, killed and cut off, then checked. */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = {"Starts every part of the pipeline as its own process (broker, Connect worker, parse app, "
                + "gateway, registry), sends steady load (log objects with bad lines, pings), and injects faults "
                + "one at a time at random moments: SIGKILLs, a clean stop of each part, the registry down, a part "
                + "cut off the network. Then checks the warehouse and the topics against what was sent and prints "
                + "a table. Exits 1 if a line or an acknowledged ping was lost or duplicated, or a dead-letter "
                + "topic holds anything but the planted bad lines."})
public final class FaultsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Option(names = "--kills", defaultValue = "20",
            description = "SIGKILLs of the broker, the Connect worker, the parse app and the gateway; each four "
                    + "kills take each part once, in a random order (default: ${DEFAULT-VALUE}).")
    private int kills;

    @Option(names = "--partitions", defaultValue = "0", description = "Times a part (the broker and the registry in "
            + "turn) is cut off the network; needs root and iproute2 (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--partition-time", defaultValue = "30s",
            description = "How long each partition lasts (default: ${DEFAULT-VALUE}).")
    private Duration partitionTime;

    @Option(names = "--registry-outage", defaultValue = "0s",
            description = "How long the registry is down, its process gone; 0s for none (default: ${DEFAULT-VALUE}).")
    private Duration registryOutage;

    @Option(names = "--lines-per-object", defaultValue = "300", description = "Good lines of each log object of "
            + "the load; six objects (one per table fed from S3) go every 2 s (default: ${DEFAULT-VALUE}).")
    private int linesPerObject;

    @Option(names = "--seed", description = "Chooses the parts and the moments; the same seed repeats a run "
            + "(default: a new one, printed).")
    private Long seed;

    @Override
    public Integer call() throws Exception {
        if (kills < 0 || partitions < 0 || linesPerObject < 1 || registryOutage.isNegative()
                || partitionTime.isNegative() || partitions > 0 && partitionTime.isZero()) {
            throw new ParameterException(spec.commandLine(), "--kills and --partitions must not be negative, "
                    + "--lines-per-object and --partition-time must be positive, --registry-outage not negative");
        }
        long chosen = seed != null ? seed : System.currentTimeMillis();
        PrintWriter out = spec.commandLine().getOut();
        FaultReport report = new FaultRun(new FaultRun.Options(kills, partitions, partitionTime, registryOutage,
                chosen, linesPerObject, local.dataDir("faults"), local.pluginPath()), line -> {
                    out.println(line);
                    out.flush();
                }).run();
        report.print(out);
        out.println("Repeat this run with --seed " + chosen);
        return report.passed() ? 0 : 1;
    }
}
