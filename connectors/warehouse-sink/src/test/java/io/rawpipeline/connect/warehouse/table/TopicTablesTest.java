package io.rawpipeline.connect.warehouse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicTablesTest {

    @Test
    void aSchemaDotTableTopicLandsInItsUpperCasedTable() {
        TopicTables tables = TopicTables.parse("");

        assertThat(tables.tableOf("push_proxy.logs_us_new")).contains(new TableName("PUSH_PROXY", "LOGS_US_NEW"));
        assertThat(tables.tableOf("push_proxy.logs_us_new").orElseThrow().sql())
                .isEqualTo("\"PUSH_PROXY\".\"LOGS_US_NEW\"");
    }

    @Test
    void theMapOverridesTheDefaultTable() {
        TopicTables tables = TopicTables.parse(" diagnostics.log_entries:raw_copy.Log_Entries , pings:TELEMETRY.SECURITY_PINGS");

        assertThat(tables.tableOf("diagnostics.log_entries")).contains(new TableName("RAW_COPY", "LOG_ENTRIES"));
        assertThat(tables.tableOf("pings")).contains(new TableName("TELEMETRY", "SECURITY_PINGS"));
        assertThat(tables.tableOf("releases.log_entries")).contains(new TableName("RELEASES", "LOG_ENTRIES"));
    }

    @Test
    void aTopicThatIsNotSchemaDotTableHasNoTableUnlessMapped() {
        TopicTables tables = TopicTables.parse("");

        assertThat(tables.tableOf("pings")).isEmpty();
        assertThat(tables.tableOf("raw.cloudfront.diagnostics")).isEmpty();
        assertThat(tables.tableOf("diagnostics.")).isEmpty();
    }

    @Test
    void rejectsAnEntryWithoutSchemaAndTable() {
        assertThatThrownBy(() -> TopicTables.parse("pings:SECURITY_PINGS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pings:SECURITY_PINGS'");
        assertThatThrownBy(() -> TopicTables.parse(":A.B")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsATopicMappedTwice() {
        assertThatThrownBy(() -> TopicTables.parse("pings:A.B,pings:C.D"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapped twice");
    }
}
