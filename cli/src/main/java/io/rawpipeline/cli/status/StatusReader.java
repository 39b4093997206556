package io.rawpipeline.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.rawpipeline.cli.deadletters.DeadLetter;
import io.rawpipeline.cli.deadletters.DeadLetterReader;
import io.rawpipeline.cli.status.PipelineStatus.Connector;
import io.rawpipeline.cli.status.PipelineStatus.DeadLetterGroup;
import io.rawpipeline.cli.status.PipelineStatus.Health;
import io.rawpipeline.cli.status.PipelineStatus.Table;
import io.rawpipeline.local.ConnectRest;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads a pipeline's status from Kafka, the Connect REST API, the parse app's health endpoint and SQS. */
final class StatusReader {

    static final String PARSE_APP_GROUP = "rawpipeline-parse";
    static final String S3_SOURCE = "s3-source";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    /** Where the parts answer; a null URL is a part this reader does not ask. */
    record Endpoints(Map<String, Object> kafka, String registryUrl, URI connect, URI parseApp, URI sqsEndpoint,
            String queueUrl) {
    }

    private final Endpoints endpoints;
    private final Duration staleAfter;

    StatusReader(Endpoints endpoints, Duration staleAfter) {
        this.endpoints = endpoints;
        this.staleAfter = staleAfter;
    }

    PipelineStatus read() throws Exception {
        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        Map<String, Object> kafka = new HashMap<>(endpoints.kafka());
        kafka.put("default.api.timeout.ms", (int) CLIENT_TIMEOUT.toMillis());
        kafka.put("request.timeout.ms", (int) CLIENT_TIMEOUT.toMillis() / 2);
        ConnectRest connect = new ConnectRest(endpoints.connect());
        if (!connect.answers()) {
            return unreachable(now, "the Connect REST API at " + endpoints.connect() + " does not answer");
        }
        try (Admin admin = Admin.create(kafka);
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerSettings(kafka),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get();
            } catch (Exception e) {
                return unreachable(now, "Kafka at " + kafka.get("bootstrap.servers") + " does not answer: "
                        + e.getMessage());
            }
            JsonNode described = connect.get("/connectors?expand=status&expand=info");
            List<Connector> connectors = connectors(described);
            connectors.stream().filter(c -> !c.running()).forEach(c -> problems.add("connector " + c.name() + " is "
                    + c.state() + " " + c.tasks() + (c.failure() == null ? "" : ": " + c.failure())));

            String parseApp = parseAppState();
            if (!"RUNNING".equals(parseApp) && !"UNKNOWN".equals(parseApp)) {
                problems.add("the parse app is " + parseApp);
            }
            Map<TopicPartition, Long> parsed = committed(admin, PARSE_APP_GROUP);
            // a table can be fed by several sources: the pings by the gateway's and by the diagnostics logs
            Map<String, List<String>> rawTopics = new LinkedHashMap<>();
            Map<String, Lag> parseLags = new HashMap<>();
            for (SourceConfig source : new ParseAppConfig(Map.of()).sources()) {
                parseLags.put(source.topic(), lag(admin, consumer, source.topic(), parsed, now));
                List<String> topics = new ArrayList<>(source.tables());
                if (source.pingsTable() != null) {
                    topics.add(source.pingsTable());
                }
                topics.forEach(topic -> rawTopics.computeIfAbsent(topic, t -> new ArrayList<>()).add(source.topic()));
            }
            long parseLagTotal = parseLags.values().stream().mapToLong(Lag::records).sum();
            List<Table> tables = new ArrayList<>();
            for (Map.Entry<String, List<String>> table : rawTopics.entrySet()) {
                if (existing.contains(table.getKey())) {
                    tables.add(table(admin, consumer, table.getKey(), table.getValue(), parseLags, described, now,
                            problems));
                }
            }
            List<DeadLetterGroup> deadLetters = deadLetters(kafka);
            Long inProgress = objectsInProgress(connect, connectors);
            Long waiting = notificationsWaiting();
            Health health = problems.isEmpty() ? Health.HEALTHY : Health.DEGRADED;
            return new PipelineStatus(now, health, problems, parseApp, parseLagTotal, connectors, tables,
                    deadLetters, inProgress, waiting);
        }
    }

    private Table table(Admin admin, KafkaConsumer<byte[], byte[]> consumer, String topic, List<String> rawTopics,
            Map<String, Lag> parseLags, JsonNode described, Instant now, List<String> problems) throws Exception {
        List<String> sinks = new ArrayList<>();
        described.fields().forEachRemaining(entry -> {
            String configured = entry.getValue().path("info").path("config").path("topics").asText("");
            if (List.of(configured.split(",")).contains(topic)) {
                sinks.add(entry.getKey());
            }
        });
        Lag worst = null;
        Long minute = null;
        Long hour = null;
        Instant newest = null;
        for (String sink : sinks) {
            Map<TopicPartition, Long> committed = committed(admin, "connect-" + sink);
            Lag lag = lag(admin, consumer, topic, committed, now);
            worst = worst == null || lag.records() > worst.records() ? lag : worst;
            Landed landed = landed(consumer, topic, committed, now);
            // with several sinks, the one that landed least
            minute = minute == null || landed.lastMinute() == null ? landed.lastMinute()
                    : Math.min(minute, landed.lastMinute());
            hour = hour == null || landed.lastHour() == null ? landed.lastHour() : Math.min(hour, landed.lastHour());
            // with several sinks, the one furthest behind says how fresh the table is
            if (landed.newest() != null && (newest == null || landed.newest().isBefore(newest))) {
                newest = landed.newest();
            }
        }
        long parseLag = 0;
        for (String rawTopic : rawTopics) {
            Lag lag = parseLags.get(rawTopic);
            parseLag += lag.records();
            if (lag.oldestSeconds() != null && lag.oldestSeconds() > staleAfter.toSeconds()) {
                problems.add(topic + ": " + lag.records() + " " + rawTopic + " records waiting to be parsed for "
                        + lag.oldestSeconds() + " s");
            }
        }
        if (worst != null && worst.oldestSeconds() != null && worst.oldestSeconds() > staleAfter.toSeconds()) {
            problems.add(topic + ": " + worst.records() + " parsed records waiting to land for "
                    + worst.oldestSeconds() + " s");
        }
        return new Table(topic, rawTopics, sinks, parseLag, worst == null ? null : worst.records(),
                worst == null ? null : worst.oldestSeconds(), newest, minute, hour);
    }

    /** Records of a topic after a group's committed offsets, and the age of the first of them. */
    record Lag(long records, Long oldestSeconds) {
    }

    private static Lag lag(Admin admin, KafkaConsumer<byte[], byte[]> consumer, String topic,
            Map<TopicPartition, Long> committed, Instant now) throws Exception {
        Map<TopicPartition, Long> end = ends(admin, consumer, topic);
        long records = 0;
        Long oldest = null;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            long from = committed.getOrDefault(partition.getKey(), 0L);
            if (partition.getValue() <= from) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> waiting = read(consumer, partition.getKey(), from,
                    partition.getValue(), 1);
            // offsets after the committed one that hold no record are transaction markers: nothing waits
            if (waiting == null) {
                records += partition.getValue() - from;
            } else if (!waiting.isEmpty()) {
                records += partition.getValue() - from;
                long age = Duration.between(Instant.ofEpochMilli(waiting.get(0).timestamp()), now).toSeconds();
                oldest = oldest == null ? age : Math.max(oldest, age);
            }
        }
        return new Lag(records, oldest);
    }

    /**
     * What a sink has landed of a topic: records committed in the last minute and hour (null when there were too many
     * to count within the client timeout), the newest's time.
     */
    record Landed(Long lastMinute, Long lastHour, Instant newest) {
    }

    private static Landed landed(KafkaConsumer<byte[], byte[]> consumer, String topic,
            Map<TopicPartition, Long> committed, Instant now) {
        Long minute = 0L;
        Long hour = 0L;
        Instant newest = null;
        long hourAgo = now.minus(Duration.ofHours(1)).toEpochMilli();
        long minuteAgo = now.minus(Duration.ofMinutes(1)).toEpochMilli();
        Map<TopicPartition, Long> since = new HashMap<>();
        committed.keySet().stream().filter(p -> p.topic().equals(topic)).forEach(p -> since.put(p, hourAgo));
        var starts = consumer.offsetsForTimes(since);
        for (TopicPartition partition : since.keySet()) {
            long until = committed.get(partition);
            var start = starts.get(partition);
            long from = start == null ? until : start.offset();
            List<ConsumerRecord<byte[], byte[]>> lastHour = read(consumer, partition, from, until, Integer.MAX_VALUE);
            if (hour != null && lastHour != null) {
                hour += lastHour.size();
                minute += lastHour.stream().filter(record -> record.timestamp() >= minuteAgo).count();
            } else {
                hour = null;
                minute = null;
            }
            List<ConsumerRecord<byte[], byte[]>> last = read(consumer, partition, Math.max(0, until - 64), until,
                    Integer.MAX_VALUE);
            if (last != null && !last.isEmpty()) {
                Instant time = Instant.ofEpochMilli(last.get(last.size() - 1).timestamp());
                newest = newest == null || time.isAfter(newest) ? time : newest;
            }
        }
        return new Landed(minute, hour, newest);
    }

    /**
     * The committed records of one partition in [from, until), at most {@code limit}; null when they could not all be
     * read within the client timeout.
     */
    private static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer,
            TopicPartition partition, long from, long until, int limit) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= until) {
            return records;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
        while (consumer.position(partition) < until && records.size() < limit) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < until && records.size() < limit) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, KafkaConsumer<byte[], byte[]> consumer,
            String topic) throws Exception {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    private static List<Connector> connectors(JsonNode described) {
        List<Connector> connectors = new ArrayList<>();
        described.fields().forEachRemaining(entry -> {
            JsonNode status = entry.getValue().path("status");
            List<String> tasks = new ArrayList<>();
            String failure = null;
            for (JsonNode task : status.path("tasks")) {
                tasks.add(task.path("id").asText() + " " + task.path("state").asText());
                if ("FAILED".equals(task.path("state").asText()) && failure == null) {
                    failure = task.path("trace").asText("").lines().findFirst().orElse("");
                }
            }
            String state = status.path("connector").path("state").asText("UNKNOWN");
            if (failure == null && "FAILED".equals(state)) {
                failure = status.path("connector").path("trace").asText("").lines().findFirst().orElse("");
            }
            connectors.add(new Connector(entry.getKey(), state, tasks, failure));
        });
        connectors.sort(Comparator.comparing(Connector::name));
        return connectors;
    }

    private String parseAppState() {
        if (endpoints.parseApp() == null) {
            return "UNKNOWN";
        }
        try {
            HttpResponse<Void> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    endpoints.parseApp().resolve("/healthz/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return ready.statusCode() == 200 ? "RUNNING" : "NOT_READY";
        } catch (Exception e) {
            return "NOT_ANSWERING";
        }
    }

    private List<DeadLetterGroup> deadLetters(Map<String, Object> kafka) throws Exception {
        Map<List<String>, DeadLetterGroup> groups = new LinkedHashMap<>();
        try (DeadLetterReader reader = new DeadLetterReader(kafka, endpoints.registryUrl())) {
            reader.read(reader.topics(Set.of()), (DeadLetter letter) -> groups.merge(
                    List.of(letter.topic(), letter.reason()),
                    new DeadLetterGroup(letter.topic(), letter.reason(), 1, letter.time()),
                    (a, b) -> new DeadLetterGroup(a.topic(), a.reason(), a.count() + 1,
                            a.newest().isAfter(b.newest()) ? a.newest() : b.newest())));
        }
        List<DeadLetterGroup> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparing(DeadLetterGroup::newest).reversed());
        return sorted;
    }

    /** Objects the S3 source has begun and not finished, from its committed offsets. */
    private static Long objectsInProgress(ConnectRest connect, Collection<Connector> connectors) {
        if (connectors.stream().noneMatch(c -> c.name().equals(S3_SOURCE))) {
            return null;
        }
        try {
            long open = 0;
            for (JsonNode offset : connect.get("/connectors/" + S3_SOURCE + "/offsets").path("offsets")) {
                open += offset.path("offset").path("complete").asBoolean(true) ? 0 : 1;
            }
            return open;
        } catch (Exception e) {
            return null;
        }
    }

    private Long notificationsWaiting() {
        if (endpoints.queueUrl() == null) {
            return null;
        }
        // https://sqs.<region>.amazonaws.com/<account>/<queue>; a local queue's region does not matter
        String host = URI.create(endpoints.queueUrl()).getHost();
        String[] labels = host == null ? new String[0] : host.split("\\.");
        SqsClientBuilder builder = SqsClient.builder().region(labels.length > 2 && labels[0].equals("sqs")
                ? Region.of(labels[1]) : Region.US_EAST_1);
        if (endpoints.sqsEndpoint() != null) {
            // the local queue takes any credentials
            builder.endpointOverride(endpoints.sqsEndpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")));
        }
        try (SqsClient sqs = builder.build()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(endpoints.queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
            return Long.valueOf(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> readerSettings(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put("isolation.level", "read_committed");
        settings.put("enable.auto.commit", "false");
        settings.put("max.poll.records", 5000);
        return settings;
    }

    private static PipelineStatus unreachable(Instant now, String problem) {
        return new PipelineStatus(now, Health.UNREACHABLE, List.of(problem), "UNKNOWN", null, List.of(), List.of(),
                List.of(), null, null);
    }
}
