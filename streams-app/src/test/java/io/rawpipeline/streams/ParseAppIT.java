package io.rawpipeline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.local.ApicurioRegistry;
import io.rawpipeline.local.KafkaCluster;
import io.rawpipeline.raw.AlbLogEntry;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.License;
import io.rawpipeline.raw.SecurityPing;
import io.rawpipeline.registry.RegistryConfig;
import io.rawpipeline.registry.SchemaRegistryClient;
import io.rawpipeline.registry.serde.AvroDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw lines in, exact Avro records and dead letters out, on a real KRaft broker and a real schema registry. */
class ParseAppIT {

    static final String FIELDS = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs-uri-stem sc-status "
            + "cs-uri-query time-to-first-byte";
    static final String ALB = "https 2024-05-01T10:00:00.000000Z app/push/1 1.2.3.4:5 10.0.0.1:80 0.001 0.002 0.000 "
            + "200 200 100 %d \"POST https://push.example.com:443/api/v1/send_push HTTP/1.1\" \"Go\" ECDHE TLSv1.2 "
            + "arn:tg \"Root=1\" \"push.example.com\" \"arn:cert\" 1 2024-05-01T10:00:00.000000Z \"forward\" \"-\" "
            + "\"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"";

    static KafkaCluster kafka;
    static ApicurioRegistry registry;
    static ParseApp app;

    @TempDir
    static Path state;

    @BeforeAll
    static void startPipeline() throws Exception {
        kafka = KafkaCluster.start();
        registry = ApicurioRegistry.start(Path.of("target", "apicurio-ParseAppIT.log"));
        app = new ParseApp(Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                StreamsConfig.STATE_DIR_CONFIG, state.toString(),
                "topics.partitions", "2",
                "http.port", "0",
                RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()));
        app.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    static void stopPipeline() throws Exception {
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void rawLinesOfEverySourceBecomeExactRecordsAndDeadLetters() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            String cf = "s3://logs/cf/E1.2024-05-01-10.a1b2.gz";
            send(producer, "raw.diagnostics", cf, 1, null, null, "#Version: 1.0");
            send(producer, "raw.diagnostics", cf, 2, null, null, FIELDS);
            send(producer, "raw.diagnostics", cf, 3, FIELDS, null,
                    "2024-05-01\t10:00:00\tIAD89-C1\t512\t192.0.2.1\tGET\t/security\t200\tid=a&b=1\t0.002");
            send(producer, "raw.diagnostics", cf, 4, FIELDS, null,
                    "2024-05-01\t10:00:01\tIAD89-C1\t-\t192.0.2.2\tGET\t/security\t000\t-\t-");
            send(producer, "raw.diagnostics", cf, 5, FIELDS, null,
                    "2024-05-01\t10:00:02\tIAD89-C1\tlots\t192.0.2.3\tGET\t/security\t200\t-\t-");
            String alb = "s3://push/AWSLogs/1/elasticloadbalancing/us-east-1/2024/05/01/x.log.gz";
            send(producer, "raw.push-proxy", alb, 1, null, "push_proxy.logs_us_new", ALB.formatted(11));
            send(producer, "raw.push-proxy", alb, 2, null, "push_proxy.logs_eu_new", ALB.formatted(22));
            String export = "s3://exports/licenses/2024-05-01.csv";
            String header = "licenseid,company,issuedat,number,sku";
            send(producer, "raw.licenses", export, 1, null, null, header);
            send(producer, "raw.licenses", export, 2, header, null, "l-1,\"Acme, Inc.\",1714557600000,10,E20");
            send(producer, "raw.licenses", export, 3, header, null, "l-2,Beta,,,");
            send(producer, "raw.licenses", export, 4, header, null, "l-3,Gamma,soon,1,E10");
            send(producer, "raw.telemetry", "http:gateway", 1, null, null, "id=s1&b=9.1&be=true&uc=3&ut=1");
            send(producer, "raw.telemetry", "http:gateway", 2, null, null, "id=s2&auc=%zz");
            producer.flush();
        }

        List<CloudFrontLogEntry> diagnostics = read("diagnostics.log_entries", CloudFrontLogEntry.class, 2);
        List<AlbLogEntry> us = read("push_proxy.logs_us_new", AlbLogEntry.class, 1);
        List<AlbLogEntry> eu = read("push_proxy.logs_eu_new", AlbLogEntry.class, 1);
        List<License> licenses = read("licenses.licenses", License.class, 2);
        // the diagnostics line that requests /security with a query is a ping too
        List<SecurityPing> pings = read("telemetry.security_pings", SecurityPing.class, 2);
        List<DeadLetter> letters = read("dead-letters.parse", DeadLetter.class, 3);

        assertThat(diagnostics).extracting(CloudFrontLogEntry::getSourceLine).containsExactlyInAnyOrder(3L, 4L);
        CloudFrontLogEntry first = diagnostics.stream().filter(e -> e.getSourceLine() == 3L).findFirst().orElseThrow();
        assertThat(first.getBytessent()).isEqualTo(512L);
        assertThat(first.getCsUriQuery()).isEqualTo("id=a&b=1");
        assertThat(first.getTimeToFirstByte()).isEqualTo(0.002);
        assertThat(first.getSourceFile()).isEqualTo("s3://logs/cf/E1.2024-05-01-10.a1b2.gz");
        assertThat(us).extracting(AlbLogEntry::getSentBytes).containsExactly(11L);
        assertThat(eu).extracting(AlbLogEntry::getSentBytes).containsExactly(22L);
        assertThat(licenses).extracting(License::getCompany).containsExactlyInAnyOrder("Acme, Inc.", "Beta");
        assertThat(licenses).filteredOn(l -> l.getLicenseid().equals("l-1"))
                .singleElement().satisfies(l -> assertThat(l.getExtra()).containsEntry("sku", "E20"));
        assertThat(pings).filteredOn(p -> p.getServerId().equals("s1")).singleElement().satisfies(p -> {
            assertThat(p.getRanUnitTests()).isTrue();
            assertThat(p.getSourceFile()).isEqualTo("http:gateway");
        });
        assertThat(pings).filteredOn(p -> p.getServerId().equals("a")).singleElement().satisfies(p -> {
            assertThat(p.getSourceFile()).isEqualTo("s3://logs/cf/E1.2024-05-01-10.a1b2.gz");
            assertThat(p.getSourceLine()).isEqualTo(3L);
            assertThat(p.getClientIp()).isEqualTo("192.0.2.1");
        });
        assertThat(letters).extracting(DeadLetter::getReason).containsExactlyInAnyOrder(
                "sc-bytes: 'lots' is not a whole number",
                "issuedat: 'soon' is not a whole number",
                "parameter auc: bad percent-encoding in '%zz'");
        assertThat(letters).extracting(DeadLetter::getSourceLine).containsExactlyInAnyOrder(5L, 4L, 2L);

        SchemaRegistryClient client = new SchemaRegistryClient(new RegistryConfig(
                Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url())));
        assertThat(client.latestVersion("diagnostics.log_entries-value").schema())
                .isEqualTo(CloudFrontLogEntry.getClassSchema());
    }

    @Test
    void theHttpEndpointReportsReadinessAndStreamsMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + app.httpPort();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("RUNNING\n");

        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // Kafka Streams' thread metrics and the metrics of its embedded exactly-once producer and consumer
        assertThat(metrics).contains("kafka_streams_stream_thread_metrics_process_total{",
                "kafka_streams_stream_metrics_state_info{", "kafka_producer_producer_topic_metrics_record_send_total{",
                "kafka_consumer_consumer_fetch_manager_metrics_records_lag{");
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String file, long line,
                             String columns, String table, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawLineHeaders.SOURCE_FILE, file.getBytes(StandardCharsets.UTF_8));
        headers.add(RawLineHeaders.SOURCE_LINE, Long.toString(line).getBytes(StandardCharsets.UTF_8));
        if (columns != null) {
            headers.add(RawLineHeaders.COLUMNS, columns.getBytes(StandardCharsets.UTF_8));
        }
        if (table != null) {
            headers.add(RawLineHeaders.TABLE, table.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(new ProducerRecord<>(topic, null, file.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), headers));
    }

    /** Every committed record of the topic: waits for {@code expected}, then a little longer for any extra. */
    private static <T extends SpecificRecord> List<T> read(String topic, Class<T> type, int expected) {
        AvroDeserializer<T> values = new AvroDeserializer<>(type);
        values.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false);
        try (KafkaConsumer<byte[], T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            List<T> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settled)) {
                for (ConsumerRecord<byte[], T> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.value());
                }
                if (records.size() >= expected && settled == Long.MAX_VALUE) {
                    settled = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
            return records;
        }
    }
}
