package io.rawpipeline.local.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.formats.ObjectParser;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.formats.ping.CloudFrontPings;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The samples hold what they claim: the end-to-end counts stand on these numbers. */
class SampleObjectsTest {

    private static final CloudFrontPings CLOUDFRONT_PINGS = new CloudFrontPings();

    private static final Map<String, SourceFormat> FORMATS = Map.of(
            SampleObjects.DIAGNOSTICS, SourceFormat.CLOUDFRONT, SampleObjects.RELEASES, SourceFormat.CLOUDFRONT,
            SampleObjects.PUSH_PROXY_US, SourceFormat.ALB, SampleObjects.PUSH_PROXY_EU, SourceFormat.ALB,
            SampleObjects.PUSH_PROXY_TEST, SourceFormat.ALB, SampleObjects.LICENSES, SourceFormat.LICENSE);

    @Test
    void eachObjectParsesIntoItsRowsAndItsOneBadLineIsRejectedForTheReasonItWasWrittenFor() throws Exception {
        List<SampleObjects.Sample> samples = SampleObjects.objects("t", 2, 25);
        assertThat(samples).hasSize(12);
        for (SampleObjects.Sample sample : samples) {
            List<String> reasons = new ArrayList<>();
            List<Object> pingsOf = new ArrayList<>();
            ObjectParser.Summary summary = new ObjectParser(FORMATS.get(sample.table())).parse(
                    new ByteArrayInputStream(sample.bytes()), Origin.of("s3://" + sample.bucket() + "/" + sample.key(),
                            Instant.EPOCH), new ObjectParser.Listener() {
                        @Override
                        public void record(SpecificRecord record) {
                            if (record instanceof CloudFrontLogEntry entry
                                    && sample.table().equals(SampleObjects.DIAGNOSTICS)
                                    && CLOUDFRONT_PINGS.of(entry) instanceof ParseResult.Parsed<?> ping) {
                                pingsOf.add(ping.record());
                            }
                        }

                        @Override
                        public void reject(long line, String reason, byte[] bytes, int offset, int length) {
                            reasons.add(reason);
                        }
                    });
            assertThat(summary.records()).as(sample.key()).isEqualTo(sample.rows());
            assertThat(pingsOf.size()).as("pings of " + sample.key()).isEqualTo(sample.pings());
            assertThat(summary.rejects()).as(sample.key()).isEqualTo(sample.badLines());
            assertThat(reasons.get(0)).containsAnyOf("sc-bytes", "elb_status_code", "issuedat");
        }
    }

    @Test
    void everyPingButTheLastParses() {
        List<String> pings = SampleObjects.pings("t", 5);
        List<String> rejects = new ArrayList<>();
        for (int i = 0; i < pings.size(); i++) {
            byte[] bytes = pings.get(i).getBytes(StandardCharsets.UTF_8);
            if (SourceFormat.PING.newParser().parse(new io.rawpipeline.formats.Line(Origin.of("kafka:raw.telemetry/0",
                    Instant.EPOCH), i + 1, null, bytes, 0, bytes.length))
                    instanceof io.rawpipeline.formats.ParseResult.Rejected<?> rejected) {
                rejects.add(rejected.reason());
            }
        }
        assertThat(rejects).singleElement().asString().contains("uc");
    }

    @Test
    void expectedCountsAddUpPerTable() {
        List<SampleObjects.Sample> samples = SampleObjects.objects("t", 3, 10);
        List<String> pings = SampleObjects.pings("t", 4);
        long derived = samples.stream().mapToLong(SampleObjects.Sample::pings).sum();
        assertThat(derived).as("most generated diagnostics lines are pings").isGreaterThan(15);
        assertThat(samples.stream().filter(s -> !s.table().equals(SampleObjects.DIAGNOSTICS))
                .mapToInt(SampleObjects.Sample::pings)).containsOnly(0);
        assertThat(SampleObjects.expectedRows(samples, pings)).containsEntry(SampleObjects.DIAGNOSTICS, 30L)
                .containsEntry(SampleObjects.LICENSES, 30L).containsEntry(SampleObjects.SECURITY_PINGS, 3L + derived)
                .hasSize(7);
        assertThat(SampleObjects.expectedDeadLetters(samples, pings)).isEqualTo(19);
    }
}
