package io.rawpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** SQS with its queues on disk: what a queue held when its server stopped is there after the next start. */
class SqsServerIT {

    private static final Duration VISIBILITY = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void queuesAndTheirMessagesSurviveARestartInTheSameFolder() throws Exception {
        SqsServer.Queue before;
        Message inFlight;
        try (SqsServer server = SqsServer.start(dataDir); SqsClient sqs = server.client()) {
            before = server.createQueue("notifications", 3, VISIBILITY);
            for (String body : List.of("kept", "deleted", "in flight")) {
                sqs.sendMessage(b -> b.queueUrl(before.url()).messageBody(body));
            }
            Map<String, Message> received = receive(sqs, before.url(), 3);
            sqs.deleteMessage(b -> b.queueUrl(before.url()).receiptHandle(received.get("deleted").receiptHandle()));
            sqs.changeMessageVisibility(b -> b.queueUrl(before.url())
                    .receiptHandle(received.get("kept").receiptHandle()).visibilityTimeout(0));
            // received and not deleted, as by a reader that was killed: hidden until its visibility runs out
            inFlight = received.get("in flight");
        }

        try (SqsServer server = SqsServer.start(dataDir); SqsClient sqs = server.client()) {
            SqsServer.Queue after = server.createQueue("notifications", 3, VISIBILITY);
            assertThat(path(after.url())).isEqualTo(path(before.url()));
            assertThat(sqs.listQueues().queueUrls()).extracting(SqsServerIT::path)
                    .containsExactlyInAnyOrder(path(before.url()), path(before.deadLetterQueueUrl()));
            assertThat(receive(sqs, after.url(), 1)).containsOnlyKeys("kept");
            assertThat(sqs.receiveMessage(b -> b.queueUrl(after.url()).waitTimeSeconds(1)).messages())
                    .as("the message in flight stays hidden").isEmpty();
            // its receipt from before the restart still names it
            sqs.changeMessageVisibility(b -> b.queueUrl(after.url()).receiptHandle(inFlight.receiptHandle())
                    .visibilityTimeout(0));
            Message again = receive(sqs, after.url(), 1).get("in flight");
            assertThat(again.messageId()).isEqualTo(inFlight.messageId());
            assertThat(again.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
        }
    }

    @Test
    void aNewFolderStartsEmptyAndOnlyOneFolderRunsAtATime(@TempDir Path other) throws Exception {
        try (SqsServer server = SqsServer.start(dataDir); SqsClient sqs = server.client()) {
            SqsServer.Queue queue = server.createQueue("notifications", 3, VISIBILITY);
            sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody("first folder"));
            assertThatThrownBy(() -> SqsServer.start(other)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already runs");
        }
        try (SqsServer server = SqsServer.start(other); SqsClient sqs = server.client()) {
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }

    /** Receives {@code count} messages, by body; fails if they do not come within 10 s. */
    private static Map<String, Message> receive(SqsClient sqs, String queueUrl, int count) {
        Map<String, Message> received = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                            .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount"))
                    .messages().forEach(message -> received.put(message.body(), message));
        }
        assertThat(received).as("messages received from %s", queueUrl).hasSize(count);
        return received;
    }

    /** A queue URL without its host and port, which are new at each start. */
    private static String path(String queueUrl) {
        return URI.create(queueUrl).getPath();
    }
}
