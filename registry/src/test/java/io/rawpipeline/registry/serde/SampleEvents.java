package io.rawpipeline.registry.serde;

import io.rawpipeline.registry.sample.SampleEvent;
import java.time.Instant;
import java.util.Map;

/** The record the serde tests write: every field shape of the RAW schemas, all set. */
final class SampleEvents {

    static final long EVENT_TIME_MILLIS = 1_700_000_000_123L;

    private SampleEvents() {
    }

    static SampleEvent sample() {
        return SampleEvent.newBuilder()
                .setSourceFile("s3://logs/a.gz")
                .setSourceLine(42L)
                .setHost("d111.cloudfront.net")
                .setBytesSent(1_234_567_890_123L)
                .setTimeTaken(0.25)
                .setStatus(200)
                .setCached(true)
                .setEventTime(Instant.ofEpochMilli(EVENT_TIME_MILLIS))
                .setTags(Map.of("edge", "FRA50", "protocol", "https"))
                .build();
    }
}
