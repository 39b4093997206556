package io.rawpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rawpipeline.connect.s3.config.QueueConfig;
import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.config.S3SourceConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LogObjectsTest {

    @Test
    void alternatesCloudFrontAndAlbObjectsUntilTheBudgetIsSpentEachUnderItsOwnKey() throws IOException {
        List<LogObject> objects = LogObjects.generate(2_500_000, 1_000_000, 4);

        assertThat(objects).extracting(LogObject::topic).containsExactly(LogObjects.CLOUDFRONT_TOPIC,
                LogObjects.ALB_TOPIC, LogObjects.CLOUDFRONT_TOPIC);
        assertThat(objects).extracting(LogObject::key).doesNotHaveDuplicates();
        assertThat(objects.stream().mapToLong(LogObject::bytes).sum()).isBetween(2_400_000L, 2_600_000L);
        LogObject first = objects.get(0);
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(first.gzip()))) {
            plain = in.readAllBytes();
        }
        assertThat((long) plain.length).isEqualTo(first.bytes());
        assertThat(new String(plain, 0, 13)).isEqualTo("#Version: 1.0");
        assertThat(first.lines()).isEqualTo(plain.length == 0 ? 0
                : new String(plain).chars().filter(c -> c == '\n').count());
        assertThat(LogObjects.generate(2_500_000, 1_000_000, 7).get(0).key()).isNotEqualTo(
                LogObjects.generate(2_500_000, 1_000_000, 8).get(0).key());
    }

    @Test
    void putsEveryObjectWhereTheConnectorsDefaultRoutesSendItsLinesToItsTopic() {
        S3SourceConfig config = new S3SourceConfig(Map.of(QueueConfig.QUEUE_URL_CONFIG, "http://localhost/queue"));

        for (LogObject object : LogObjects.generate(300_000, 100_000, 0)) {
            assertThat(config.routeOf(object.bucket(), object.key())).as(object.key())
                    .map(Route::topic).contains(object.topic());
        }
    }
}
