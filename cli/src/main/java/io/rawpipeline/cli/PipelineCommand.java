package io.rawpipeline.cli;

import io.rawpipeline.cli.backfill.BackfillCommand;
import io.rawpipeline.cli.bench.BenchCommand;
import io.rawpipeline.cli.deadletters.DeadLettersCommand;
import io.rawpipeline.cli.local.DemoCommand;
import io.rawpipeline.cli.local.FaultsCommand;
import io.rawpipeline.cli.local.LocalCommand;
import io.rawpipeline.cli.replay.ReplayCommand;
import io.rawpipeline.cli.schemas.SchemasCommand;
import io.rawpipeline.cli.sql.SqlCommand;
import io.rawpipeline.cli.status.StatusCommand;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pipeline} command: the local pipeline, the engineers' workflows, parsing by hand, benchmarks. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0-SNAPSHOT",
        description = "Streaming ingestion into the RAW warehouse.",
        subcommands = {DemoCommand.class, LocalCommand.class, FaultsCommand.class, StatusCommand.class, SqlCommand.class,
            DeadLettersCommand.class, BackfillCommand.class, ReplayCommand.class, SchemasCommand.class,
            ParseCommand.class, BenchCommand.class})
public final class PipelineCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The command line as main runs it; tests build the same one and capture its output. */
    public static CommandLine newCommandLine() {
        return ValueConverters.registerOn(new CommandLine(new PipelineCommand()))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CommandErrors::badArgument)
                .setExecutionExceptionHandler(CommandErrors::failed);
    }

    public static void main(String[] args) {
        CommandLine commandLine = newCommandLine();
        // System.out flushes at every line; records go out through a large buffer instead.
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        commandLine.setOut(out);
        int exitCode = commandLine.execute(args);
        out.flush();
        // exit explicitly: Kafka clients leave non-daemon threads behind
        System.exit(exitCode);
    }
}
