package io.rawpipeline.streams;

import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics the app reads and writes when they are missing, so a fresh cluster works at once. */
final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {
    }

    static Set<String> topicsOf(ParseAppConfig config) {
        Set<String> topics = new LinkedHashSet<>();
        for (SourceConfig source : config.sources()) {
            topics.add(source.topic());
            topics.addAll(source.tables());
            if (source.pingsTable() != null) {
                topics.add(source.pingsTable());
            }
        }
        topics.add(config.deadLetterTopic());
        return topics;
    }

    static void createMissing(Admin admin, ParseAppConfig config) throws InterruptedException {
        int partitions = config.getInt(ParseAppConfig.TOPICS_PARTITIONS_CONFIG);
        short replication = config.getShort(ParseAppConfig.TOPICS_REPLICATION_FACTOR_CONFIG);
        Set<String> rawTopics = new java.util.HashSet<>();
        config.sources().forEach(source -> rawTopics.add(source.topic()));
        Map<String, String> rawConfigs = Map.of(TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(config.getLong(ParseAppConfig.TOPICS_RAW_RETENTION_MS_CONFIG)));
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topicsOf(config).stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> {
                        NewTopic created = new NewTopic(topic, Optional.of(partitions), Optional.of(replication));
                        return rawTopics.contains(topic) ? created.configs(rawConfigs) : created;
                    })
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            log.info("Creating topics {}", missing.stream().map(NewTopic::name).toList());
            admin.createTopics(missing).values().forEach((topic, created) -> {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic + ": " + e.getCause(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while creating topic " + topic, e);
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not list topics: " + e.getCause(), e);
        }
    }
}
