package io.rawpipeline.cli.local;

import io.rawpipeline.local.pipeline.Demo;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pipeline demo}: the whole pipeline on this machine, sample data of every source, what landed, stop. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts every part of the pipeline on this machine, uploads sample objects of every source "
                + "(with some bad lines) and sends sample pings, waits until every row has landed in the local "
                + "warehouse (DuckDB), prints what landed, and stops."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LocalOptions local;

    @Option(names = "--objects", defaultValue = "2",
            description = "Objects per table fed from S3 (default: ${DEFAULT-VALUE}).")
    private int objects;

    @Option(names = "--rows", defaultValue = "500", description = "Good lines per object (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--pings", defaultValue = "50",
            description = "Pings sent to the gateway over HTTP (default: ${DEFAULT-VALUE}).")
    private int pings;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "Longest wait for the rows to land "
            + "(ISO-8601 duration, default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (objects < 1 || rows < 1 || pings < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new ParameterException(spec.commandLine(),
                    "--objects, --rows and --timeout must be positive, --pings not negative");
        }
        Demo.run(local.dataDir("demo"), local.pluginPath(), new Demo.Load(objects, rows, pings, timeout),
                spec.commandLine().getOut());
        return 0;
    }
}
