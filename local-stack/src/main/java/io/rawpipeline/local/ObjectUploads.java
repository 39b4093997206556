package io.rawpipeline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Puts objects into {@link S3Server} and publishes their {@code ObjectCreated:Put} notification to an
 * {@link SqsServer} queue. No emulator emits S3 notifications, so this stands in for S3's notification delivery.
 */
public final class ObjectUploads implements AutoCloseable {

    /** How the notification reaches the queue. */
    public enum Envelope {
        /** S3 → SQS: the body is the S3 event. */
        S3,
        /** S3 → SNS → SQS: the body is an SNS notification whose {@code Message} is the S3 event as a string. */
        SNS
    }

    /**
     * An uploaded object: {@code eTag} unquoted as in the event, {@code versionId} null unless versioned,
     * {@code notifiedAt} when its notification was sent.
     */
    public record Upload(String bucket, String key, long size, String eTag, String versionId, String notification,
                         Instant notifiedAt) {
    }

    public static final String TOPIC_NAME = "object-created";
    // S3 sequencers only grow for a key; one counter for all keys keeps that true across instances.
    private static final AtomicLong SEQUENCER = new AtomicLong(System.currentTimeMillis() << 16);

    private final String region;
    private final S3Client s3;
    private final SqsClient sqs;
    private final String queueUrl;

    public ObjectUploads(S3Server s3, SqsServer sqs, String queueUrl) {
        this(s3.region(), s3.client(), sqs.client(), queueUrl);
    }

    ObjectUploads(String region, S3Client s3, SqsClient sqs, String queueUrl) {
        this.region = region;
        this.s3 = s3;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public Upload put(String bucket, String key, byte[] bytes) {
        return put(bucket, key, bytes, Envelope.S3);
    }

    /** Uploads a file, streamed from disk, and sends its notification. */
    public Upload put(String bucket, String key, Path file) throws IOException {
        return put(bucket, key, RequestBody.fromFile(file), Files.size(file), Envelope.S3);
    }

    public Upload put(String bucket, String key, byte[] bytes, Envelope envelope) {
        return put(bucket, key, RequestBody.fromBytes(bytes), bytes.length, envelope);
    }

    private Upload put(String bucket, String key, RequestBody content, long size, Envelope envelope) {
        PutObjectResponse response = s3.putObject(b -> b.bucket(bucket).key(key), content);
        String eTag = response.eTag().replace("\"", "");
        String body = announce(bucket, key, size, eTag, response.versionId(), envelope);
        return new Upload(bucket, key, size, eTag, response.versionId(), body, Instant.now());
    }

    /** Sends the object's ObjectCreated notification, as S3 would; returns the message body. */
    private String announce(String bucket, String key, long size, String eTag, String versionId, Envelope envelope) {
        Instant now = Instant.now();
        String event = S3Events.objectCreated(new S3Events.ObjectCreated(region, bucket, key, size, eTag, versionId,
                "%018X".formatted(SEQUENCER.incrementAndGet()), now));
        String body = envelope == Envelope.SNS ? S3Events.snsNotification(region, TOPIC_NAME, event, now) : event;
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        return body;
    }

    /** Sends the {@code s3:TestEvent} that S3 publishes when notifications are configured. */
    public String sendTestEvent(String bucket) {
        String body = S3Events.testEvent(bucket, Instant.now());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        return body;
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
    }
}
