package io.rawpipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.cli.PipelineCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchParseCommandTest {

    @Test
    void timesEveryContenderOnTheSameFileAndJudgesTheTargets(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PipelineCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("bench", "parse", "--lines", "3000", "--rounds", "2",
                "--warmup-lines", "500", "--dir", dir.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("3,000 rows + 2 header lines")
                .contains("parse (ObjectParser)", "parse + Avro encode", "DuckDB read_csv (threads=1)")
                .contains("parse / DuckDB", "(parse + encode) / DuckDB", "target >= 1.5x", "cores available");
        assertThat(err.toString()).contains("round 2  DuckDB read_csv (threads=1)");
    }
}
