package io.rawpipeline.connect.s3.notification;

/**
 * A message taken from the queue.
 *
 * @param receiveCount how many times SQS has handed it out, this time included
 */
public record QueuedMessage(String id, String receiptHandle, String body, int receiveCount) {
}
