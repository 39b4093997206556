package io.rawpipeline.connect.s3.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rawpipeline.formats.SourceFormat;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class S3SourceConfigTest {

    static final String QUEUE = "http://127.0.0.1:9324/000000000000/notifications";

    @Test
    void defaultRoutesFollowTheTeamsLayout() {
        S3SourceConfig config = new S3SourceConfig(Map.of(QueueConfig.QUEUE_URL_CONFIG, QUEUE));

        assertThat(config.routeOf("mattermost-cloudfront-logs", "security-update-check/E2.2024-05-01-10.a.gz"))
                .hasValueSatisfying(r -> {
                    assertThat(r.topic()).isEqualTo("raw.diagnostics");
                    assertThat(r.format()).isEqualTo(SourceFormat.CLOUDFRONT);
                });
        assertThat(config.routeOf("mattermost-push-proxy-logs",
                "AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2024/05/01/x.log.gz"))
                .hasValueSatisfying(r -> assertThat(r.table()).isEqualTo("push_proxy.logs_eu_new"));
        assertThat(config.routeOf("mattermost-push-proxy-logs",
                "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/05/01/x.log.gz"))
                .hasValueSatisfying(r -> assertThat(r.table()).isEqualTo("push_proxy.logs_us_new"));
        assertThat(config.routeOf("mattermost-license-exports", "2024-05-01.csv"))
                .hasValueSatisfying(r -> assertThat(r.format()).isEqualTo(SourceFormat.LICENSE));
        assertThat(config.routeOf("mattermost-cloudfront-logs", "elsewhere/x.gz")).isEmpty();
    }

    @Test
    void routesAreConfigurationAndTriedInOrder() {
        Map<String, String> props = new HashMap<>(Map.of(QueueConfig.QUEUE_URL_CONFIG, QUEUE,
                S3SourceConfig.ROUTES_CONFIG, "special,everything",
                "route.special.bucket", "logs", "route.special.key.regex", "special/.*",
                "route.special.topic", "raw.special", "route.special.format", "alb",
                "route.everything.bucket", "*", "route.everything.topic", "raw.diagnostics",
                "route.everything.format", "cloudfront"));

        S3SourceConfig config = new S3SourceConfig(props);

        assertThat(config.routeOf("logs", "special/a.log")).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("special"));
        assertThat(config.routeOf("other", "special/a.log")).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("everything"));
    }

    @Test
    void badSettingsNameTheKeyAndTheProblem() {
        assertThatThrownBy(() -> new S3SourceConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(QueueConfig.QUEUE_URL_CONFIG);
        assertThatThrownBy(() -> new S3SourceConfig(Map.of(QueueConfig.QUEUE_URL_CONFIG, QUEUE,
                S3SourceConfig.ROUTES_CONFIG, "mine", "route.mine.bucket", "b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("route mine (keys route.mine.*)");
        assertThatThrownBy(() -> new S3SourceConfig(Map.of(QueueConfig.QUEUE_URL_CONFIG, QUEUE,
                "route.licenses.key.regex", "(")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key.regex");
        assertThatThrownBy(() -> new S3SourceConfig(Map.of(QueueConfig.QUEUE_URL_CONFIG, QUEUE,
                AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
    }

    @Test
    void secretsAreNotShownByTheConfig() {
        S3SourceConfig config = new S3SourceConfig(Map.of(QueueConfig.QUEUE_URL_CONFIG, QUEUE,
                AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE", AwsConfig.SECRET_ACCESS_KEY_CONFIG, "s3cr3t-value"));

        assertThat(config.values().toString()).doesNotContain("s3cr3t-value").doesNotContain("AKIAEXAMPLE");
        assertThat(config.getPassword(AwsConfig.SECRET_ACCESS_KEY_CONFIG).value()).isEqualTo("s3cr3t-value");
    }
}
