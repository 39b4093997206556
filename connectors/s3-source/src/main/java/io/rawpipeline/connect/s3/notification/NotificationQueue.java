package io.rawpipeline.connect.s3.notification;

import java.util.List;
import org.apache.kafka.connect.errors.RetriableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * The SQS queue of S3 notifications: long-polls it, hides messages while their objects are read, deletes them once
 * their records are committed. A failed call is retriable for Connect: the task polls again.
 */
public final class NotificationQueue implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;
    private final int maxMessages;
    private final int waitSeconds;
    private final int visibilitySeconds;

    public NotificationQueue(SqsClient sqs, String queueUrl, int maxMessages, int waitSeconds, int visibilitySeconds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.maxMessages = maxMessages;
        this.waitSeconds = waitSeconds;
        this.visibilitySeconds = visibilitySeconds;
    }

    public List<QueuedMessage> receive() {
        try {
            return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                            .maxNumberOfMessages(maxMessages)
                            .waitTimeSeconds(waitSeconds)
                            .visibilityTimeout(visibilitySeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages().stream()
                    .map(m -> new QueuedMessage(m.messageId(), m.receiptHandle(), m.body(), receiveCount(
                            m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))))
                    .toList();
        } catch (SdkException e) {
            throw new RetriableException("Could not receive from SQS queue " + queueUrl + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the message hidden for another visibility timeout. False when the message is no longer ours. */
    public boolean extendVisibility(QueuedMessage message) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(visibilitySeconds));
            return true;
        } catch (ReceiptHandleIsInvalidException e) {
            return false;
        } catch (SdkException e) {
            throw new RetriableException("Could not extend the visibility of SQS message " + message.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes the message visible again at once, for another task to take (best effort: if this fails, it comes back
     * after its visibility timeout instead). False when it could not be released.
     */
    public boolean release(QueuedMessage message) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    public void delete(QueuedMessage message) {
        try {
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
            throw new RetriableException("Could not delete SQS message " + message.id() + ": " + e.getMessage(), e);
        }
    }

    /** The queue's ApproximateNumberOfMessages: notifications waiting to be received. */
    public long waiting() {
        try {
            return Long.parseLong(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        } catch (SdkException | NumberFormatException e) {
            throw new RetriableException("Could not ask SQS queue " + queueUrl + " its depth: " + e.getMessage(), e);
        }
    }

    public int visibilitySeconds() {
        return visibilitySeconds;
    }

    private static int receiveCount(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public void close() {
        sqs.close();
    }
}
