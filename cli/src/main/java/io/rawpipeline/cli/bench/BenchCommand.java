package io.rawpipeline.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pipeline bench}: benchmarks, not tests; they print figures and judge them against the targets. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchParseCommand.class, BenchS3SourceCommand.class, BenchE2eCommand.class,
            BenchSinkCommand.class, BenchStreamsCommand.class, BenchGatewayCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
