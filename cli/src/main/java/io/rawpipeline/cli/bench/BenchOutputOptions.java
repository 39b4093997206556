package io.rawpipeline.cli.bench;

import io.rawpipeline.bench.BenchResult;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where a benchmark prints: its tables and result on standard output for a person, or with {@code --json} only the
 * result as JSON there, the tables going to standard error beside the progress lines.
 */
public final class BenchOutputOptions {

    @Option(names = "--json", description = "Print only the result (figures, medians, rounds, ceilings, ratios, "
            + "verdicts, peak RSS) as JSON on standard output; the tables go to standard error.")
    boolean json;

    PrintWriter tables(CommandSpec spec) {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** Prints the result; the exit code is 0 whether or not the targets are met: the verdicts say that. */
    int print(CommandSpec spec, BenchResult result) {
        if (json) {
            result.printJson(spec.commandLine().getOut());
        } else {
            result.print(spec.commandLine().getOut());
        }
        return 0;
    }
}
