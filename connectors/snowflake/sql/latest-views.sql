-- One row per source line in Snowflake after `pipeline replay`: a <TABLE>_LATEST view per RAW table.
--
-- A replay appends the re-parsed records to the parsed topic with NEW offsets, so the Snowflake Kafka Connector
-- does not skip them (it only skips offsets at or below the channel's committed offset token, its issue #690) but
-- inserts them: the table then holds the old and the new row of each replayed line. Each view keeps, per provenance
-- key (SOURCE_FILE, SOURCE_LINE), the row of the LATEST parse:
--   1. RECORD_METADATA:SnowflakeConnectorPushTime: when the connector handed the row to Snowflake; a replay is
--      consumed after the live parse of the same raw record was, so its rows are pushed later.
--   2. then RECORD_METADATA:offset: one object's lines are keyed by the object's URI, and the parse app keeps keys,
--      so all parses of a line go to the same partition of the parsed topic (while its partition count is unchanged)
--      and the higher offset is the later parse; this decides rows pushed in the same millisecond.
-- CreateTime does not tell them apart: Kafka Streams gives a parsed record its raw record's timestamp.
--
-- Run once, as a role that can create views in the RAW schemas (CREATE OR REPLACE: re-runnable). Query the _LATEST
-- views; the tables keep every parse (audit). To drop the superseded rows for good, see the MERGE/DELETE in the
-- README section "Replaying a topic".

CREATE OR REPLACE VIEW RAW.DIAGNOSTICS.LOG_ENTRIES_LATEST AS
    SELECT * FROM RAW.DIAGNOSTICS.LOG_ENTRIES
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;

CREATE OR REPLACE VIEW RAW.RELEASES.LOG_ENTRIES_LATEST AS
    SELECT * FROM RAW.RELEASES.LOG_ENTRIES
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;

CREATE OR REPLACE VIEW RAW.PUSH_PROXY.LOGS_US_NEW_LATEST AS
    SELECT * FROM RAW.PUSH_PROXY.LOGS_US_NEW
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;

CREATE OR REPLACE VIEW RAW.PUSH_PROXY.LOGS_EU_NEW_LATEST AS
    SELECT * FROM RAW.PUSH_PROXY.LOGS_EU_NEW
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;

CREATE OR REPLACE VIEW RAW.PUSH_PROXY.LOGS_TEST_NEW_LATEST AS
    SELECT * FROM RAW.PUSH_PROXY.LOGS_TEST_NEW
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;

CREATE OR REPLACE VIEW RAW.LICENSES.LICENSES_LATEST AS
    SELECT * FROM RAW.LICENSES.LICENSES
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;

CREATE OR REPLACE VIEW RAW.TELEMETRY.SECURITY_PINGS_LATEST AS
    SELECT * FROM RAW.TELEMETRY.SECURITY_PINGS
    QUALIFY ROW_NUMBER() OVER (PARTITION BY SOURCE_FILE, SOURCE_LINE
        ORDER BY RECORD_METADATA:SnowflakeConnectorPushTime::NUMBER DESC NULLS LAST,
                 RECORD_METADATA:offset::NUMBER DESC) = 1;
