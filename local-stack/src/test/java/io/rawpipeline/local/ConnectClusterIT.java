package io.rawpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runsSourceTasksInKafkaTransactions() throws Exception {
        Path input = Files.writeString(dir.resolve("input.txt"), "first\nsecond\nthird\n");

        try (ConnectCluster connect = ConnectCluster.start()) {
            EmbeddedConnectCluster cluster = connect.cluster();
            assertThat(connectorPlugins(cluster)).contains("org.apache.kafka.connect.file.FileStreamSourceConnector");
            connect.createTopic("lines", 1);

            // Refused (400) unless the worker runs with exactly.once.source.support=enabled.
            cluster.configureConnector("file-source", Map.of(
                    "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                    "tasks.max", "1",
                    "file", input.toString(),
                    "topic", "lines",
                    "exactly.once.support", "required",
                    "transaction.boundary", "poll"));
            cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning("file-source", 1, "not running");

            List<String> lines = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : cluster.kafka().consume(3, 30_000,
                    Map.of("isolation.level", "read_committed"), "lines")) {
                lines.add(new String(record.value(), StandardCharsets.UTF_8));
            }
            assertThat(lines).containsExactly("first", "second", "third");
            // and the task writes through a transactional producer of its own
            try (Admin admin = cluster.kafka().createAdminClient()) {
                assertThat(admin.listTransactions().all().get())
                        .extracting(TransactionListing::transactionalId)
                        .anySatisfy(id -> assertThat(id).endsWith("-file-source-0"));
            }
        }
    }

    private static List<String> connectorPlugins(EmbeddedConnectCluster cluster) throws Exception {
        // The embedded cluster's REST helpers answer with the body already read into the entity.
        Response response = cluster.requestGet(cluster.endpointForResource("connector-plugins"));
        assertThat(response.getStatus()).isEqualTo(200);
        List<String> classes = new ArrayList<>();
        for (JsonNode plugin : JSON.readTree((String) response.getEntity())) {
            classes.add(plugin.path("class").asText());
        }
        return classes;
    }
}
