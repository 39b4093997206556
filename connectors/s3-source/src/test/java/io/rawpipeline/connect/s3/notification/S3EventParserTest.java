package io.rawpipeline.connect.s3.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class S3EventParserTest {

    /** As S3 sends it (AWS's "Event message structure" documentation), with a form-encoded key. */
    static final String EVENT = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
              "eventTime":"2024-05-01T10:00:00.123Z","eventName":"ObjectCreated:Put",
              "s3":{"s3SchemaVersion":"1.0","configurationId":"logs",
                "bucket":{"name":"mattermost-cloudfront-logs","arn":"arn:aws:s3:::mattermost-cloudfront-logs"},
                "object":{"key":"security-update-check/E2AB+CD.2024-05-01-10.a1%2Bb2.gz","size":1024,
                  "eTag":"d41d8cd98f00b204e9800998ecf8427e","versionId":"v1","sequencer":"0055AED6DCD90281E5"}}}]}
            """;

    private final S3EventParser parser = new S3EventParser();

    @Test
    void readsAnObjectCreatedEventAndDecodesTheKey() {
        Notification notification = parser.parse(EVENT);

        assertThat(notification).isEqualTo(new Notification.ObjectsCreated(List.of(new ObjectCreated(
                "mattermost-cloudfront-logs", "security-update-check/E2AB CD.2024-05-01-10.a1+b2.gz",
                "d41d8cd98f00b204e9800998ecf8427e", "v1", 1024, "2024-05-01T10:00:00.123Z"))));
        ObjectCreated object = ((Notification.ObjectsCreated) notification).objects().get(0);
        assertThat(object.uri()).isEqualTo("s3://mattermost-cloudfront-logs/security-update-check/E2AB CD.2024-05-01-10.a1+b2.gz");
        assertThat(object.version()).isEqualTo("v1");
    }

    @Test
    void onlyTheBackfillsFieldAsksToReadAnIngestedObjectAgain() {
        assertThat(((Notification.ObjectsCreated) parser.parse(EVENT)).reingest()).isFalse();
        String forced = "{\"" + S3EventParser.REINGEST_FIELD + "\":true," + EVENT.strip().substring(1);

        assertThat(parser.parse(forced)).isInstanceOfSatisfying(Notification.ObjectsCreated.class, created -> {
            assertThat(created.reingest()).isTrue();
            assertThat(created.objects()).hasSize(1);
        });
    }

    @Test
    void unwrapsAnSnsNotification() throws Exception {
        String sns = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
                "Type", "Notification", "MessageId", "m-1", "TopicArn", "arn:aws:sns:us-east-1:1:logs",
                "Message", EVENT));

        assertThat(parser.parse(sns)).isEqualTo(parser.parse(EVENT));
    }

    /** As EventBridge hands an S3 event to an SQS target (AWS's "EventBridge event message structure"). */
    static final String EVENTBRIDGE = """
            {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",
              "source":"aws.s3","account":"123456789012","time":"2024-05-01T10:00:00Z","region":"us-east-1",
              "resources":["arn:aws:s3:::mattermost-cloudfront-logs"],
              "detail":{"version":"0","bucket":{"name":"mattermost-cloudfront-logs"},
                "object":{"key":"security-update-check/E2AB+CD.2024-05-01-10.a1%2Bb2.gz","size":1024,
                  "etag":"d41d8cd98f00b204e9800998ecf8427e","version-id":"v1","sequencer":"0055AED6DCD90281E5"},
                "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","reason":"PutObject"}}
            """;

    @Test
    void readsAnEventBridgeObjectCreatedEvent() {
        assertThat(parser.parse(EVENTBRIDGE)).isEqualTo(new Notification.ObjectsCreated(List.of(new ObjectCreated(
                "mattermost-cloudfront-logs", "security-update-check/E2AB CD.2024-05-01-10.a1+b2.gz",
                "d41d8cd98f00b204e9800998ecf8427e", "v1", 1024, "2024-05-01T10:00:00Z"))));
        assertThat(parser.parse(EVENTBRIDGE.replace("\"Object Created\"", "\"Object Deleted\"")))
                .isEqualTo(new Notification.OtherEvents(List.of("Object Deleted")));
        assertThat(parser.parse(EVENTBRIDGE.replace("\"name\":\"mattermost-cloudfront-logs\"", "\"name\":\"\"")))
                .isEqualTo(new Notification.NotAnEvent(
                        "an EventBridge Object Created event has no bucket name or object key"));
    }

    @Test
    void recognisesTheTestEventAndOtherEvents() {
        assertThat(parser.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2024-05-01T10:00:00Z\","
                + "\"Bucket\":\"b\",\"RequestId\":\"r\",\"HostId\":\"h\"}")).isEqualTo(new Notification.TestEvent());
        assertThat(parser.parse(EVENT.replace("ObjectCreated:Put", "ObjectRemoved:Delete")))
                .isEqualTo(new Notification.OtherEvents(List.of("ObjectRemoved:Delete")));
    }

    @Test
    void anythingElseIsNotAnEventWithAReason() {
        assertThat(parser.parse("hello")).isInstanceOf(Notification.NotAnEvent.class);
        assertThat(parser.parse("[1,2]")).isEqualTo(new Notification.NotAnEvent("the message body is not a JSON object"));
        assertThat(parser.parse("{\"Records\":[]}"))
                .isEqualTo(new Notification.NotAnEvent("the message has no S3 event Records"));
        assertThat(parser.parse(EVENT.replace("aws:s3", "aws:sqs")))
                .isEqualTo(new Notification.NotAnEvent("a record's eventSource is 'aws:sqs', not aws:s3"));
        assertThat(parser.parse(EVENT.replace("a1%2Bb2", "a1%zz")))
                .isEqualTo(new Notification.NotAnEvent(
                        "object key 'security-update-check/E2AB+CD.2024-05-01-10.a1%zz.gz' has bad percent-encoding"));
    }
}
