package io.rawpipeline.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code connectors/config/snowflake-dedupe-views.sql} has one _LATEST view per RAW table, all alike. */
class SnowflakeDedupeViewsTest {

    private static final Pattern VIEW = Pattern.compile("CREATE OR REPLACE VIEW RAW\\.(\\w+)\\.(\\w+)_LATEST AS\\s+"
            + "SELECT \\* FROM RAW\\.(\\w+)\\.(\\w+)\\s+QUALIFY ROW_NUMBER\\(\\) OVER \\(PARTITION BY SOURCE_FILE, "
            + "SOURCE_LINE\\s+ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,\\s+"
            + "RECORD_METADATA:offset::NUMBER DESC\\) = 1;");

    @Test
    void everyParsedTableHasItsLatestView() throws Exception {
        String sql = Files.readString(Path.of("../connectors/config/snowflake-dedupe-views.sql"));
        Set<String> views = new TreeSet<>();
        Matcher matcher = VIEW.matcher(sql);
        while (matcher.find()) {
            assertThat(matcher.group(1) + "." + matcher.group(2)).isEqualTo(matcher.group(3) + "." + matcher.group(4));
            views.add(matcher.group(1) + "." + matcher.group(2));
        }
        assertThat(sql.split("CREATE OR REPLACE VIEW", -1)).hasSize(views.size() + 1);
        Set<String> tables = new TreeSet<>();
        for (SourceConfig source : new ParseAppConfig(Map.of()).sources()) {
            source.tables().forEach(table -> tables.add(table.toUpperCase(Locale.ROOT)));
            if (source.pingsTable() != null) {
                tables.add(source.pingsTable().toUpperCase(Locale.ROOT));
            }
        }
        assertThat(views).isEqualTo(tables);
    }
}
