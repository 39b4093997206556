package io.rawpipeline.connect.warehouse.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries read; nothing else runs, and a query that goes wrong changes nothing. */
class ReadOnlyQueryTest {

    @TempDir
    Path dir;

    @Test
    void aQueryReadsAndAnythingElseIsRefusedWithDuckDbsReason() throws Exception {
        DuckDbFile file = DuckDbFile.open(dir.resolve("w.duckdb"));
        try (Connection connection = file.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE T (ID BIGINT, NAME VARCHAR)");
                statement.execute("INSERT INTO T VALUES (1, 'one'), (2, NULL), (3, 'three')");
            }
            ReadOnlyQuery.Result result = ReadOnlyQuery.run(connection, "SELECT * FROM T ORDER BY ID", 2);
            assertThat(result.columns()).containsExactly("ID", "NAME");
            assertThat(result.rows()).containsExactly(List.of(1L, "one"), Arrays.asList(2L, null));
            assertThat(result.truncated()).isTrue();

            for (String write : List.of("DELETE FROM T", "SELECT 1; DROP TABLE T", "CREATE TABLE U (X INT)",
                    "ATTACH 'other.duckdb'", "COPY T TO 'out.csv'")) {
                assertThatThrownBy(() -> ReadOnlyQuery.run(connection, write, 10)).as(write)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("only queries");
            }
            assertThatThrownBy(() -> ReadOnlyQuery.run(connection, "SELECT NOPE FROM T", 10))
                    .isInstanceOf(SQLException.class).hasMessageContaining("NOPE");
            assertThat(ReadOnlyQuery.run(connection, "SELECT count(*) AS N FROM T", 10).rows())
                    .containsExactly(List.of(3L));
        } finally {
            file.close();
        }
    }
}
