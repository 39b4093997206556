package io.rawpipeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

    @Test
    void needsOnlyTheBrokers() {
        GatewayConfig config = new GatewayConfig(Map.of("bootstrap.servers", "k1:9092,k2:9092"));

        assertThat(config.getInt(GatewayConfig.LISTEN_PORT_CONFIG)).isEqualTo(8080);
        assertThat(config.getString(GatewayConfig.PING_PATH_CONFIG)).isEqualTo("/security");
        assertThat(config.getString(GatewayConfig.RESPONSE_BODY_CONFIG)).isEqualTo("[]");
        assertThat(config.getString(GatewayConfig.TOPIC_CONFIG)).isEqualTo("raw.telemetry");
        assertThat(config.getInt(GatewayConfig.REQUEST_LINE_MAX_BYTES_CONFIG)).isEqualTo(8192);
        Map<String, Object> producer = config.producerProps();
        assertThat(producer).containsEntry("bootstrap.servers", List.of("k1:9092", "k2:9092"))
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 0).containsEntry("delivery.timeout.ms", Integer.MAX_VALUE)
                .containsEntry("buffer.memory", 64L << 20).containsEntry("linger.ms", 0);
    }

    @Test
    void passesProducerSettingsThrough() {
        GatewayConfig config = new GatewayConfig(Map.of("bootstrap.servers", "k:9092", "producer.linger.ms", "20",
                "producer.security.protocol", "SASL_SSL", "buffer.max.bytes", "1048576"));

        assertThat(config.producerProps()).containsEntry("linger.ms", "20")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("buffer.memory", 1_048_576L);
    }

    @Test
    void readsSecretsThroughConfigProviders(@TempDir Path dir) throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "jaas=the-secret\n");
        GatewayConfig config = new GatewayConfig(Map.of("bootstrap.servers", "k:9092",
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "producer.sasl.jaas.config", "${file:" + secrets + ":jaas}"));

        assertThat(config.producerProps()).containsEntry("sasl.jaas.config", "the-secret");
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new GatewayConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
        assertRejected(Map.of("bootstrap.servers", ""), "bootstrap.servers");
        assertRejected(Map.of("listen.port", "70000"), "listen.port");
        assertRejected(Map.of("request.line.max.bytes", "8k"), "request.line.max.bytes");
        assertRejected(Map.of("buffer.max.records", "0"), "buffer.max.records");
        assertRejected(Map.of("retry.after.seconds", "-1"), "retry.after.seconds");
        assertRejected(Map.of("ping.path", "security"), "ping.path");
        assertRejected(Map.of("buffer.max.bytes", "32768"), "buffer.max.bytes");
        assertRejected(Map.of("producer.batch.size", "lots"), "producer.batch.size");
    }

    @Test
    void refusesProducerSettingsTheGatewayOwns() {
        assertRejected(Map.of("producer.acks", "1"), "producer.acks");
        assertRejected(Map.of("producer.enable.idempotence", "false"), "producer.enable.idempotence");
        assertRejected(Map.of("producer.max.block.ms", "60000"), "producer.max.block.ms");
        assertRejected(Map.of("producer.delivery.timeout.ms", "120000"), "producer.delivery.timeout.ms");
        assertRejected(Map.of("producer.buffer.memory", "1000000"), "buffer.max.bytes");
        assertRejected(Map.of("producer.bootstrap.servers", "x:1"), "producer.bootstrap.servers");
    }

    private static void assertRejected(Map<String, String> settings, String key) {
        Map<String, String> props = new HashMap<>(Map.of("bootstrap.servers", "k:9092"));
        props.putAll(settings);
        assertThatThrownBy(() -> new GatewayConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
