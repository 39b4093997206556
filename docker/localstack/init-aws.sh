#!/bin/bash
# Runs inside LocalStack once S3 and SQS are ready (mounted into /etc/localstack/init/ready.d/).
# Creates the buckets of the S3 source's default routes, the notification queue with its dead-letter queue
# (moved there after 3 receives) and the bucket -> SQS ObjectCreated notifications.
set -euo pipefail

QUEUE="${S3_SOURCE_QUEUE_NAME:-object-notifications}"
DLQ="${QUEUE}-dlq"
BUCKETS="mattermost-cloudfront-logs mattermost-push-proxy-logs mattermost-push-proxy-test-logs mattermost-license-exports"

awslocal sqs create-queue --queue-name "$DLQ" > /dev/null
DLQ_URL=$(awslocal sqs get-queue-url --queue-name "$DLQ" --query QueueUrl --output text)
DLQ_ARN=$(awslocal sqs get-queue-attributes --queue-url "$DLQ_URL" --attribute-names QueueArn --query Attributes.QueueArn --output text)

awslocal sqs create-queue --queue-name "$QUEUE" --attributes "{\"VisibilityTimeout\":\"300\",\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"${DLQ_ARN}\\\",\\\"maxReceiveCount\\\":\\\"3\\\"}\"}" > /dev/null
QUEUE_URL=$(awslocal sqs get-queue-url --queue-name "$QUEUE" --query QueueUrl --output text)
QUEUE_ARN=$(awslocal sqs get-queue-attributes --queue-url "$QUEUE_URL" --attribute-names QueueArn --query Attributes.QueueArn --output text)

for bucket in $BUCKETS; do
  awslocal s3api create-bucket --bucket "$bucket" > /dev/null
  awslocal s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled
  awslocal s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration \
    "{\"QueueConfigurations\":[{\"QueueArn\":\"${QUEUE_ARN}\",\"Events\":[\"s3:ObjectCreated:*\"]}]}"
  echo "bucket $bucket -> $QUEUE_ARN"
done
echo "queue $QUEUE_URL (dead letters: $DLQ_URL after 3 receives)"
