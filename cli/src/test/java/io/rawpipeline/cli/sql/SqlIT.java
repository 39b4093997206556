package io.rawpipeline.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rawpipeline.cli.CommandRun;
import io.rawpipeline.local.pipeline.LocalPipeline;
import io.rawpipeline.local.pipeline.LocalPipelineTest;
import io.rawpipeline.local.pipeline.SampleLoad;
import io.rawpipeline.local.samples.SampleObjects;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline sql} on the real pipeline ({@link LocalPipeline}): queries answer while the sink runs and keeps
 * landing, a statement that writes is refused with DuckDB's reason and changes nothing, a bad query gets DuckDB's
 * message; with nothing running it reads the file itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlIT extends LocalPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String COUNT = "SELECT count(*) AS n FROM RELEASES.LOG_ENTRIES";
    private static long rows;

    @Test
    @Order(1)
    void queriesAnswerWhileTheSinkRunsAndKeepsLanding() throws Exception {
        SampleLoad first = SampleLoad.of("sql-1", 1, 40, 0);
        first.send(pipeline);
        first.awaitLanded(pipeline, TIMEOUT, line -> { });
        rows = first.expectedRows().get(SampleObjects.RELEASES);
        assertThat(count()).isEqualTo(rows);

        SampleLoad second = SampleLoad.of("sql-2", 1, 30, 0);
        second.send(pipeline);
        second.awaitLanded(pipeline, TIMEOUT, line -> { });
        rows += second.expectedRows().get(SampleObjects.RELEASES);
        assertThat(count()).as("the sink went on landing beside the queries").isEqualTo(rows);

        CommandRun table = run("SELECT SOURCE_LINE, STATUS FROM RELEASES.LOG_ENTRIES ORDER BY 1 LIMIT 2");
        assertThat(table.out()).contains("SOURCE_LINE | STATUS").contains("(2 rows)");
    }

    @Test
    @Order(2)
    void nothingCanWriteThroughItAndABadQueryGetsDuckDbsMessage() throws Exception {
        CommandRun delete = run("DELETE FROM RELEASES.LOG_ENTRIES");
        assertThat(delete.exitCode()).isEqualTo(1);
        assertThat(delete.err()).startsWith("pipeline sql: only queries can run here: ");
        CommandRun sneaky = run("SELECT 1; DROP TABLE RELEASES.LOG_ENTRIES");
        assertThat(sneaky.exitCode()).isEqualTo(1);
        assertThat(count()).isEqualTo(rows);

        CommandRun bad = run("SELECT no_such_column FROM RELEASES.LOG_ENTRIES");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("no_such_column").doesNotContain("\tat ");
    }

    @Test
    @Order(3)
    void withNothingRunningItReadsTheFileAndAPromptReadsQueriesUntilTheEnd(@TempDir Path stopped) throws Exception {
        pipeline.stopConnectWorker();
        try {
            Files.copy(pipeline.warehouseFile(), stopped.resolve(LocalPipeline.WAREHOUSE_FILE));
        } finally {
            pipeline.startConnectWorker();
        }
        CommandRun csv = CommandRun.of("sql", "--data-dir", stopped.toString(), "--csv", COUNT);
        assertThat(csv.out()).isEqualTo("n\r\n" + rows + "\r\n");

        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("SELECT 41 + 1\n  AS answer;\n".getBytes(StandardCharsets.UTF_8)));
        try {
            CommandRun prompt = CommandRun.of("sql", "--data-dir", stopped.toString());
            assertThat(prompt.exitCode()).isZero();
            assertThat(prompt.out()).contains("sql> ", "  -> ", "answer", "42", "(1 row)");
        } finally {
            System.setIn(stdin);
        }
    }

    private static long count() throws Exception {
        CommandRun run = run(COUNT, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        return answer.get(0).get("n").asLong();
    }

    private static CommandRun run(String query, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "sql";
        args[1] = "--data-dir";
        args[2] = dataDir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = query;
        return CommandRun.of(args);
    }
}
