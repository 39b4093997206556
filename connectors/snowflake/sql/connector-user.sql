-- The Snowflake Kafka Connector's own role and user: key-pair login only, and the least grants Snowpipe Streaming
-- with schematization needs (Snowflake's "Access control" page for Snowpipe Streaming): USAGE on the database and
-- schemas, INSERT on each table, and EVOLVE SCHEMA so it can add the column of a new field. No CREATE TABLE: the
-- tables exist (create-tables.sql, or switch-over.sql for the COPY-era ones), so the connector never creates one.
-- Grants must go to this role directly: the connector does not use inherited ones.
--
-- Run as SECURITYADMIN. The public key is the one whose private key the workers read from SNOWFLAKE_PRIVATE_KEY
-- (docs/snowflake.md, "The connector's user"); the user is TYPE = SERVICE, which cannot have a password.
-- roles.yml holds the same role and user for the team's permissions DAG; SnowflakeSqlTest keeps the two and
-- create-tables.sql in step.

USE ROLE SECURITYADMIN;

CREATE ROLE IF NOT EXISTS KAFKA_CONNECTOR COMMENT = 'Snowflake Kafka Connector: lands the RAW tables';

CREATE USER IF NOT EXISTS KAFKA_CONNECTOR TYPE = SERVICE DEFAULT_ROLE = 'KAFKA_CONNECTOR'
    RSA_PUBLIC_KEY = '<public key, base64, without the BEGIN/END lines>'
    COMMENT = 'Snowflake Kafka Connector (rawpipeline); key-pair login only';
GRANT ROLE KAFKA_CONNECTOR TO USER KAFKA_CONNECTOR;

GRANT USAGE ON DATABASE RAW TO ROLE KAFKA_CONNECTOR;
GRANT USAGE ON SCHEMA RAW.DIAGNOSTICS TO ROLE KAFKA_CONNECTOR;
GRANT USAGE ON SCHEMA RAW.RELEASES TO ROLE KAFKA_CONNECTOR;
GRANT USAGE ON SCHEMA RAW.PUSH_PROXY TO ROLE KAFKA_CONNECTOR;
GRANT USAGE ON SCHEMA RAW.LICENSES TO ROLE KAFKA_CONNECTOR;
GRANT USAGE ON SCHEMA RAW.TELEMETRY TO ROLE KAFKA_CONNECTOR;

GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.DIAGNOSTICS.LOG_ENTRIES TO ROLE KAFKA_CONNECTOR;
GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.RELEASES.LOG_ENTRIES TO ROLE KAFKA_CONNECTOR;
GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.PUSH_PROXY.LOGS_US_NEW TO ROLE KAFKA_CONNECTOR;
GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.PUSH_PROXY.LOGS_EU_NEW TO ROLE KAFKA_CONNECTOR;
GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.PUSH_PROXY.LOGS_TEST_NEW TO ROLE KAFKA_CONNECTOR;
GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.LICENSES.LICENSES TO ROLE KAFKA_CONNECTOR;
GRANT INSERT, EVOLVE SCHEMA ON TABLE RAW.TELEMETRY.SECURITY_PINGS TO ROLE KAFKA_CONNECTOR;
