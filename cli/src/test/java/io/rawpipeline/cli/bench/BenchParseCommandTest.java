package io.rawpipeline.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.cli.PipelineCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchParseCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void timesEveryContenderOnTheSameFileAndJudgesTheTargets(@TempDir Path dir) {
        int exitCode = execute("bench", "parse", "--lines", "3000", "--rounds", "2", "--warmup-lines", "500",
                "--dir", dir.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("3,000 rows + 2 header lines")
                .contains("parse (ObjectParser)", "parse + Avro encode", "DuckDB read_csv (threads=1)")
                .contains("bench parse: figure", "parse vs DuckDB read_csv (lines/s)", ">= 1.50x the ceiling",
                        ">= 800,000 lines/s", "peak RSS:", "cores available");
        assertThat(err.toString()).contains("round 2  DuckDB read_csv (threads=1)");
    }

    @Test
    void jsonIsTheResultAloneOnStandardOutput(@TempDir Path dir) throws Exception {
        int exitCode = execute("bench", "parse", "--lines", "3000", "--rounds", "3", "--warmup-lines", "500",
                "--dir", dir.toString(), "--json");

        assertThat(exitCode).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("bench").asText()).isEqualTo("bench parse");
        assertThat(result.path("peakRssBytes").asLong()).isPositive();
        JsonNode parse = result.path("figures").path(0);
        assertThat(parse.path("rounds")).hasSize(3);
        assertThat(parse.path("ratio").asDouble())
                .isCloseTo(parse.path("median").asDouble() / parse.path("ceiling").asDouble(), within(1e-9));
        assertThat(parse.path("met").asBoolean()).isEqualTo(parse.path("ratio").asDouble() >= 1.5);
        JsonNode encode = result.path("figures").path(1);
        assertThat(encode.path("name").asText()).isEqualTo("parse + Avro encode");
        assertThat(result.path("met").asBoolean())
                .isEqualTo(parse.path("met").asBoolean() && encode.path("met").asBoolean());
        // the tables a person reads go to standard error, with the progress
        assertThat(err.toString()).contains("contender", "round 3  DuckDB read_csv (threads=1)");
    }

    private int execute(String... args) {
        CommandLine commandLine = PipelineCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
