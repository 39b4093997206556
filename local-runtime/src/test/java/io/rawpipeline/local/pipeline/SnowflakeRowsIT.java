package io.rawpipeline.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.local.ObjectUploads;
import io.rawpipeline.local.samples.CloudFrontLogGenerator;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import io.rawpipeline.local.samples.SampleObjects;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.serde.AvroDeserializer;
import io.rawpipeline.snowflake.sql.SnowflakeSql;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the Snowflake Kafka Connector would write, proven without Snowflake: records the real parse app made from
 * sample objects and from objects and pings at the edges of every format (every nullable field null, 0 and the
 * largest values, non-ASCII text, empty text, 24-, 26- and 33-field CloudFront files, old ALB lines, license
 * columns the schema does not know) are read from the parsed topics, converted by the value converter the configs
 * of {@code connectors/config/} name, and then by the connector's own record service, schema resolver and the
 * Snowpipe Streaming client's validation, all in the connector's plugin class loader ({@link SnowflakeConnector}).
 * Every column of every row is compared with the Avro record it came from; the types schema evolution would create
 * with {@code sql/create-tables.sql}; values Snowflake would refuse are planted to show the check finds them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnowflakeRowsIT extends LocalPipelineTest {

    private static final Path CONFIGS = Path.of(System.getProperty("snowflake.configs", "../connectors/config"));
    private static final ObjectMapper JSON = new ObjectMapper().configure(
            SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String METADATA = "RECORD_METADATA";
    private static final String CLOUDFRONT_BUCKET = "mattermost-cloudfront-logs";
    private static final String ALB_PREFIX = "AWSLogs/123456789012/elasticloadbalancing/";
    /**
     * Nullable fields no input leaves empty: the gateway always knows the address a ping came from, and a ping
     * without a server id is a dead letter.
     */
    private static final Set<String> NEVER_NULL = Set.of("CLIENT_IP", "SERVER_ID");

    /** One parsed record: as the converter gave it to the connector, as Avro wrote it, as the connector's row. */
    record Converted(SinkRecord record, SpecificRecord avro, Map<String, Object> row) {
    }

    private static SnowflakeConnector connector;
    private static Map<String, String> config;
    /** RAW.SCHEMA.TABLE → its parsed records. */
    private static final Map<String, List<Converted>> TABLES = new TreeMap<>();

    @AfterAll
    static void closeConnector() throws Exception {
        if (connector != null) {
            connector.close();
        }
    }

    @Test
    @Order(1)
    void everyColumnOfEveryTableIsTheValueOfItsFieldAndTheMetadataTheViewsRead() throws Exception {
        config = sameConversionInEveryConfig();
        connector = new SnowflakeConnector(Path.of(System.getProperty("rawpipeline.plugin.path")), config);
        SampleLoad samples = SampleLoad.of("snowflake", 1, 40, 10);
        Map<String, Long> expected = new HashMap<>(samples.expectedRows());
        samples.send(pipeline);
        sendEdgeObjects(expected);
        sendEdgePings(expected);
        Landing.await(pipeline.bootstrapServers(), expected, Map.of(), List.of(), LocalPipeline.SINK_GROUP,
                Duration.ofMinutes(4), System.out::println);
        readAndConvert(expected.keySet());

        assertThat(TABLES.keySet()).as("every table of create-tables.sql has rows")
                .isEqualTo(SnowflakeSql.tables().keySet());
        long started = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
        for (Map.Entry<String, List<Converted>> table : TABLES.entrySet()) {
            Set<String> seenNull = new HashSet<>();
            Set<String> seenValue = new HashSet<>();
            for (Converted converted : table.getValue()) {
                assertColumns(table.getKey(), converted, seenNull, seenValue);
                assertMetadata(table.getKey(), converted, started);
            }
            for (Schema.Field field : table.getValue().get(0).avro().getSchema().getFields()) {
                String column = field.name().toUpperCase(Locale.ROOT);
                if (field.schema().isNullable() && !NEVER_NULL.contains(column)) {
                    assertThat(seenNull).as("%s: some row has %s null", table.getKey(), column).contains(column);
                }
                assertThat(seenValue).as("%s: some row has a value in %s", table.getKey(), column).contains(column);
            }
        }
    }

    @Test
    @Order(2)
    void theColumnTypesSchemaEvolutionWouldCreateAreThoseOfCreateTables() throws Exception {
        for (Map.Entry<String, List<Converted>> table : TABLES.entrySet()) {
            Map<String, String> resolved = new TreeMap<>();
            connector.columnTypes(table.getValue().get(0).record())
                    .forEach((column, type) -> resolved.put(unquoted(column), type));
            Map<String, String> declared = new TreeMap<>(SnowflakeSql.tables().get(table.getKey()));
            declared.remove(METADATA);
            assertThat(resolved).as("%s: the connector's types against create-tables.sql", table.getKey())
                    .isEqualTo(declared);
        }
    }

    @Test
    @Order(3)
    void snowpipeStreamingTakesEveryRowAndRefusesWhatSnowflakeWouldRefuse() throws Exception {
        for (Map.Entry<String, List<Converted>> table : TABLES.entrySet()) {
            List<Map<String, Object>> rows = table.getValue().stream().map(Converted::row).toList();
            assertThat(connector.refusals(SnowflakeSql.tables().get(table.getKey()), rows))
                    .as("%s: rows the Snowpipe Streaming client refuses", table.getKey()).isEmpty();
        }
        String table = "RAW.RELEASES.LOG_ENTRIES";
        Map<String, String> columns = SnowflakeSql.tables().get(table);
        Map<String, Object> good = TABLES.get(table).get(0).row();
        Map<String, String> planted = new LinkedHashMap<>();
        planted.put("\"USERAGENT\"", "x".repeat(16_777_217));
        planted.put("\"BYTESSENT\"", "1" + "0".repeat(38));
        planted.put("\"INGESTED_AT\"", "10000-01-01T00:00:00Z");
        planted.put("\"CS_URI_QUERY\"", "unpaired surrogate \uD800 here");
        for (Map.Entry<String, String> plant : planted.entrySet()) {
            Map<String, Object> bad = new HashMap<>(good);
            bad.put(plant.getKey(), plant.getValue());
            List<String> refusals = connector.refusals(columns, List.of(good, bad));
            assertThat(refusals).as("%s: %s planted", table, plant.getKey()).hasSize(1);
            assertThat(refusals.get(0)).as("the refusal names the row and the column")
                    .startsWith("row 1, column " + plant.getKey() + ": ");
        }
        // What the connector does with a refused row (DirectTopicPartitionChannel.handleInsertRowFailure): with
        // errors.tolerance=all and a dead-letter topic it reports the record there with the reason, and goes on.
        assertThat(config).containsEntry("errors.tolerance", "all")
                .containsEntry("errors.deadletterqueue.context.headers.enable", "true")
                .containsKey("errors.deadletterqueue.topic.name");
    }

    @Test
    @Order(4)
    void aFieldAddedToASchemaIsTheColumnSchemaEvolutionAdds() throws Exception {
        String topic = SampleObjects.DIAGNOSTICS;
        SchemaRegistryClient registry = new SchemaRegistryClient(new RegistryConfig(Map.of(
                RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, pipeline.registryUrl())));
        Schema current = TABLES.get("RAW.DIAGNOSTICS.LOG_ENTRIES").get(0).avro().getSchema();
        Schema evolved = SchemaEvolutionIT.withField(current, new Schema.Field("edge_city",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "City of the edge location (new).", JsonProperties.NULL_VALUE));
        int id = registry.register(topic + "-value", evolved);
        GenericData.Record value = new GenericData.Record(evolved);
        value.put("logdate", "2026-12-05");
        value.put("edge_city", "Ashburn");
        value.put("source_file", "s3://" + CLOUDFRONT_BUCKET + "/security-update-check/evolved.log");
        value.put("source_line", 3L);
        value.put("ingested_at", System.currentTimeMillis());
        Converter converter = connector.valueConverter(config);
        SchemaAndValue data = connector.inLoader(() -> converter.toConnectData(topic,
                SchemaEvolutionIT.confluentWire(id, evolved, value)));
        SinkRecord record = new SinkRecord(topic, 0, null, null, data.schema(), data.value(), 0);

        Map<String, String> declared = SnowflakeSql.tables().get("RAW.DIAGNOSTICS.LOG_ENTRIES");
        Map<String, String> resolved = connector.columnTypes(record);
        assertThat(resolved).as("the new column and its type").containsEntry("\"EDGE_CITY\"", "VARCHAR");
        assertThat(resolved).hasSize(declared.size());
        assertThat(connector.refusals(declared, List.of(connector.row(record))))
                .as("the insert error that makes the connector evolve the table").singleElement().asString()
                .contains("EDGE_CITY");
    }

    /** Every column is its field's value as text (raw-tables.md), named as the field upper-cased. */
    private static void assertColumns(String table, Converted converted, Set<String> seenNull,
            Set<String> seenValue) throws Exception {
        Map<String, Object> columns = new TreeMap<>(converted.row());
        columns.remove(METADATA);
        SpecificRecord avro = converted.avro();
        Map<String, String> expected = new TreeMap<>();
        for (Schema.Field field : avro.getSchema().getFields()) {
            expected.put("\"" + field.name().toUpperCase(Locale.ROOT) + "\"", text(avro.get(field.pos())));
        }
        String line = avro.get(avro.getSchema().getField("source_file").pos()) + " line "
                + avro.get(avro.getSchema().getField("source_line").pos());
        assertThat(columns.keySet()).as("%s, %s: the columns", table, line).isEqualTo(expected.keySet());
        for (Map.Entry<String, String> column : expected.entrySet()) {
            Object value = columns.get(column.getKey());
            if (value != null && column.getValue() != null && column.getValue().startsWith("{")) {
                value = JSON.writeValueAsString(JSON.readValue((String) value, new TypeReference<TreeMap<String,
                        Object>>() { }));
            }
            assertThat(value).as("%s, %s: column %s", table, line, column.getKey()).isEqualTo(column.getValue());
            (value == null ? seenNull : seenValue).add(unquoted(column.getKey()));
        }
    }

    /** RECORD_METADATA: what the _LATEST views order by and what traces a row to its Kafka record. */
    private static void assertMetadata(String table, Converted converted, long started) throws Exception {
        SinkRecord record = converted.record();
        Map<String, Object> metadata = SnowflakeConnector.metadata(converted.row());
        String where = table + " offset " + record.kafkaOffset();
        assertThat(metadata).as(where).containsEntry("topic", record.topic())
                .containsEntry("partition", record.kafkaPartition())
                .containsEntry("CreateTime", record.timestamp());
        if (record.key() == null) {
            assertThat(metadata).as(where).doesNotContainKey("key");
        } else {
            assertThat(metadata).as(where).containsEntry("key", record.key());
        }
        Map<String, Object> headers = new TreeMap<>();
        record.headers().forEach(header -> headers.put(header.key(), header.value()));
        assertThat(metadata.getOrDefault("headers", Map.of())).as(where).isEqualTo(headers);
        assertThat(((Number) metadata.get("offset")).longValue()).as(where).isEqualTo(record.kafkaOffset());
        assertThat(((Number) metadata.get("SnowflakeConnectorPushTime")).longValue()).as(where)
                .isBetween(started, System.currentTimeMillis());
    }

    /** A field's value as the connector hands it to Snowflake: text, numbers in decimal, times in epoch millis. */
    private static String text(Object value) throws Exception {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return Long.toString(instant.toEpochMilli());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, entry) -> sorted.put(key.toString(), entry == null ? null : entry.toString()));
            return JSON.writeValueAsString(sorted);
        }
        return value.toString();
    }

    private static String unquoted(String column) {
        return column.replace("\"", "");
    }

    /** The five configs convert alike, so one converter and one record service stand for all. */
    private static Map<String, String> sameConversionInEveryConfig() throws Exception {
        List<Map<String, String>> conversions = new ArrayList<>();
        Map<String, String> first = null;
        try (Stream<Path> files = Files.list(CONFIGS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("snowflake-")).toList()) {
                Map<String, String> settings = JSON.convertValue(JSON.readTree(file.toFile()).path("config"),
                        new TypeReference<>() { });
                settings.replaceAll((key, value) -> value.equals("${env:SCHEMA_REGISTRY_URL}")
                        ? pipeline.registryUrl() : value);
                Map<String, String> conversion = new TreeMap<>();
                settings.forEach((key, value) -> {
                    if (key.contains("converter") || key.startsWith("snowflake.metadata")
                            || key.startsWith("errors.") && !key.equals("errors.deadletterqueue.topic.name")) {
                        conversion.put(key, value);
                    }
                });
                conversions.add(conversion);
                first = first == null ? settings : first;
            }
        }
        assertThat(conversions).hasSize(5).allSatisfy(c -> assertThat(c).isEqualTo(conversions.get(0)));
        return first;
    }

    /** Each parsed topic from its start, through the configs' converters, into the connector's rows. */
    private static void readAndConvert(Set<String> topics) throws Exception {
        Map<String, Class<? extends SpecificRecord>> types = new HashMap<>();
        for (SourceConfig source : new ParseAppConfig(Map.of()).sources()) {
            source.tables().forEach(topic -> types.put(topic, recordClass(source.format())));
            if (source.pingsTable() != null) {
                types.put(source.pingsTable(), recordClass(SourceFormat.PING));
            }
        }
        Converter converter = connector.valueConverter(config);
        StringConverter strings = new StringConverter();
        strings.configure(Map.of(), false);
        try (KafkaConsumer<byte[], byte[]> consumer = Landing.committedReader(pipeline.bootstrapServers())) {
            List<TopicPartition> partitions = Landing.partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, AvroDeserializer<?>> readers = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> kafka : consumer.poll(Duration.ofSeconds(1))) {
                    AvroDeserializer<?> reader = readers.computeIfAbsent(kafka.topic(), topic -> {
                        AvroDeserializer<?> deserializer = new AvroDeserializer<>(types.get(topic));
                        deserializer.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG,
                                pipeline.registryUrl()), false);
                        return deserializer;
                    });
                    SchemaAndValue value = connector.inLoader(() -> converter.toConnectData(kafka.topic(),
                            kafka.value()));
                    SchemaAndValue key = strings.toConnectData(kafka.topic(), kafka.key());
                    ConnectHeaders headers = new ConnectHeaders();
                    for (Header header : kafka.headers()) {
                        headers.add(header.key(), strings.toConnectHeader(kafka.topic(), header.key(),
                                header.value()));
                    }
                    SinkRecord record = new SinkRecord(kafka.topic(), kafka.partition(), key.schema(), key.value(),
                            value.schema(), value.value(), kafka.offset(), kafka.timestamp(),
                            TimestampType.CREATE_TIME, headers);
                    TABLES.computeIfAbsent(table(kafka.topic()), t -> new ArrayList<>()).add(new Converted(record,
                            (SpecificRecord) reader.deserialize(kafka.topic(), kafka.value()),
                            connector.row(record)));
                }
            }
        }
    }

    private static Class<? extends SpecificRecord> recordClass(SourceFormat format) {
        return switch (format) {
            case CLOUDFRONT -> CloudFrontLogEntry.class;
            case ALB -> AlbLogEntry.class;
            case LICENSE -> License.class;
            case PING -> SecurityPing.class;
        };
    }

    /** The configs' topic2table map, as a fully named table: releases.log_entries → RAW.RELEASES.LOG_ENTRIES. */
    private static String table(String topic) {
        return "RAW." + topic.toUpperCase(Locale.ROOT);
    }

    // ---- edge cases of every format ----

    private static void sendEdgeObjects(Map<String, Long> expected) throws Exception {
        List<String> all = CloudFrontLogGenerator.FIELDS;
        String nulls = "\t-".repeat(33).substring(1);
        String zeros = "2026-12-05\t00:00:00\tIAD89-C1\t0\t0.0.0.0\tGET\td1.cloudfront.net\t/\t000\t-\t-\t-\t-\tError"
                + "\tAAAA\texample.com\thttp\t0\t0.000\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tError\tHTTP/1.1\t-\t-"
                + "\t0\t0.000\tError\t-\t0\t0\t0";
        String largest = "2026-12-05\t23:59:59\tNRT57-P3\t9223372036854775807\t2001:db8::1\tGET\tdl.example.com"
                + "\t/big.tar.gz\t206\t-\tcurl/8.0\t-\t-\tHit\tZZZZ\tdl.example.com\thttps\t9223372036854775807"
                + "\t99999.999\t-\tTLSv1.3\tTLS_AES_256_GCM_SHA384\tHit\tHTTP/2.0\t-\t-\t65535\t99999.999\tHit"
                + "\tapplication/gzip\t9223372036854775807\t0\t9223372036854775806";
        String text = "2026-12-05\t12:00:00\tFRA56-C2\t512\t198.51.100.7\tGET\td1.cloudfront.net\t/caf\u00e9"
                + "\t200\thttps://exemple.fr/r\u00e9sum\u00e9\tMozilla/5.0%20(\u00dcn\u00efc\u00f8d\u00e9;%20\u65e5"
                + "\u672c\u8a9e)%20\uD83D\uDE00\tq=Zo%C3%AB&name=Zo\u00eb\t\tHit\tBBBB\td1.cloudfront.net\thttps"
                + "\t100\t0.002\t\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tHit\tHTTP/2.0\t\t\t443\t0.001\tHit"
                + "\ttext/html;%20charset=utf-8\t512\t-\t-";
        String fields24 = String.join("\t", all.subList(0, 24)).replace("\t", " ");
        String fields26 = String.join(" ", all.subList(0, 26));
        String old24 = "2017-03-01\t10:00:00\tIAD12\t1234\t192.0.2.1\tGET\td1.cloudfront.net\t/old\t200\t-"
                + "\tMozilla/4.0\t-\t-\tMiss\tCCCC\td1.cloudfront.net\thttp\t90\t0.010\t-\t-\t-\tMiss\tHTTP/1.1";
        String old26 = old24.replace("2017-03-01", "2019-01-01") + "\t-\t-";
        String current = String.join(" ", all);
        try (ObjectUploads uploads = pipeline.uploads()) {
            for (String route : List.of("security-update-check", "releases")) {
                String topic = route.equals("releases") ? SampleObjects.RELEASES : SampleObjects.DIAGNOSTICS;
                uploads.put(CLOUDFRONT_BUCKET, route + "/EDGE.33.log", cloudFront(current, nulls, zeros, largest,
                        text));
                uploads.put(CLOUDFRONT_BUCKET, route + "/EDGE.24.log", cloudFront(fields24, old24));
                uploads.put(CLOUDFRONT_BUCKET, route + "/EDGE.26.log", cloudFront(fields26, old26));
                expected.merge(topic, 6L, Long::sum);
            }
            String full = "https 2026-12-05T10:00:00.123456Z app/push-proxy/abc 203.0.113.9:52000 10.0.1.5:8066"
                    + " 0.000 0.012 0.000 200 200 512 0 \"POST https://push.example.com:443/api/v1/send HTTP/1.1\""
                    + " \"Mattermost-Push/2.0 (\u00dcn\u00efc\u00f8d\u00e9 \u65e5\u672c)\" ECDHE-RSA-AES128-GCM-SHA256"
                    + " TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/push/abc"
                    + " \"Root=1-abc-def\" \"push.example.com\" \"arn:aws:acm:us-east-1:123456789012:certificate/x\""
                    + " 0 2026-12-05T10:00:00.111000Z \"forward\" \"https://push.example.com/moved\" \"-\""
                    + " \"10.0.1.5:8066\" \"200\" \"Acceptable\""
                    + " \"\" TID_abc \"push.internal\" \"/v1/send\" \"TransformSuccess\"";
            String nullAlb = "- - - - - - - - - - - - \"-\" \"-\" - - - \"-\" \"-\" \"-\" - - \"-\" \"-\" \"-\" \"-\""
                    + " \"-\" \"-\" \"-\" - \"-\" \"-\" \"-\"";
            String largestAlb = "h2 2026-12-05T23:59:59.999999Z app/push-proxy/abc 203.0.113.9:65535 - -1 -1 -1"
                    + " 2147483647 - 9223372036854775807 9223372036854775807 \"GET https://push.example.com:443/"
                    + " HTTP/2.0\" \"\" - - - \"-\" \"push.example.com\" \"-\" 2147483647"
                    + " 2026-12-05T23:59:59.000000Z \"waf,forward\" \"-\" \"TargetConnectionError\"";
            String oldAlb = "http 2018-06-01T10:00:00.000000Z app/push-proxy/abc 192.0.2.4:1234 10.0.1.5:8066 0.000"
                    + " 0.001 0.000 200 200 100 200 \"GET http://push.example.com:80/ HTTP/1.1\" \"curl/7.0\" - -"
                    + " arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/push/abc \"Root=1-a-b\" \"-\""
                    + " \"-\" 0 2018-06-01T10:00:00.000000Z \"forward\" \"-\" \"-\"";
            byte[] alb = String.join("\n", full, nullAlb, largestAlb, oldAlb).concat("\n")
                    .getBytes(StandardCharsets.UTF_8);
            uploads.put("mattermost-push-proxy-logs", ALB_PREFIX + "us-east-1/2026/12/05/edge.log", alb);
            uploads.put("mattermost-push-proxy-logs", ALB_PREFIX + "eu-west-1/2026/12/05/edge.log", alb);
            uploads.put("mattermost-push-proxy-test-logs", ALB_PREFIX + "us-east-1/2026/12/05/edge.log", alb);
            for (String topic : List.of(SampleObjects.PUSH_PROXY_US, SampleObjects.PUSH_PROXY_EU,
                    SampleObjects.PUSH_PROXY_TEST)) {
                expected.merge(topic, 4L, Long::sum);
            }
            String licenses = "licenseid,customerid,company,email,stripeid,issuedat,expiresat,number,plan,note\r\n"
                    + "lic-edge-1,cust-1,\"Zo\u00eb & S\u00f8n, \u682a\u5f0f\u4f1a\u793e\",zoe@example.com,cus_1,0,"
                    + "9223372036854775807,0,enterprise,\"two\r\nlines\"\r\n"
                    + ",,,,,,,,,\r\n"
                    + "lic-edge-3,cust-3,Acme,a@example.com,cus_3,1718614800123,1750150800123,9223372036854775807,"
                    + ",\r\n";
            uploads.put("mattermost-license-exports", "licenses-edge.csv", licenses.getBytes(StandardCharsets.UTF_8));
            expected.merge(SampleObjects.LICENSES, 3L, Long::sum);
        }
    }

    private static byte[] cloudFront(String fields, String... lines) {
        return ("#Version: 1.0\n#Fields: " + fields + "\n" + String.join("\n", lines) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Pings at the edges: only an id, zeros, the largest counts, text to decode; one without a User-Agent. */
    private static void sendEdgePings(Map<String, Long> expected) throws Exception {
        List<String> queries = List.of("id=edge-only-id",
                "id=edge-zeros&b=9.11.0&be=false&db=mysql&os=windows&uc=0&tc=0&auc=0&ut=1",
                "id=edge-largest&b=%C3%BC-10.0&be=true&db=postgres&os=linux&uc=9223372036854775807"
                        + "&tc=9223372036854775807&auc=9223372036854775807&ut=0");
        HttpClient http = HttpClient.newHttpClient();
        for (String query : queries) {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(pipeline.pingUrl() + "?"
                    + query)).header("User-Agent", "Mattermost-Server/10.0 (\u00fc)").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).as(query).isEqualTo(200);
        }
        URI ping = pipeline.pingUrl();
        try (Socket socket = new Socket(ping.getHost(), ping.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + ping.getPath() + "?id=edge-no-agent HTTP/1.1\r\nHost: " + ping.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
        }
        expected.merge(SampleObjects.SECURITY_PINGS, (long) queries.size() + 1, Long::sum);
    }
}
