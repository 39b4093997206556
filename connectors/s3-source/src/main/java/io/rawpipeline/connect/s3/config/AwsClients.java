package io.rawpipeline.connect.s3.config;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The S3 and SQS clients the settings describe, with the SDK's own retry policy. */
public final class AwsClients {

    private AwsClients() {
    }

    public static S3Client s3(S3SourceConfig config) {
        boolean whenRequired = AwsConfig.CHECKSUM_WHEN_REQUIRED.equals(config.getString(AwsConfig.CHECKSUM_MODE_CONFIG));
        var builder = S3Client.builder()
                .region(Region.of(config.getString(AwsConfig.REGION_CONFIG)))
                .credentialsProvider(credentials(config))
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .forcePathStyle(config.getBoolean(AwsConfig.S3_PATH_STYLE_CONFIG))
                .requestChecksumCalculation(whenRequired ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(whenRequired ? ResponseChecksumValidation.WHEN_REQUIRED
                        : ResponseChecksumValidation.WHEN_SUPPORTED);
        String endpoint = config.getString(AwsConfig.S3_ENDPOINT_CONFIG);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public static SqsClient sqs(S3SourceConfig config) {
        int waitSeconds = config.getInt(QueueConfig.WAIT_SECONDS_CONFIG);
        var builder = SqsClient.builder()
                .region(Region.of(config.getString(AwsConfig.REGION_CONFIG)))
                .credentialsProvider(credentials(config))
                // a long poll must not be cut by the socket timeout
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(waitSeconds + 20L)));
        String endpoint = config.getString(AwsConfig.SQS_ENDPOINT_CONFIG);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3SourceConfig config) {
        if (config.getPassword(AwsConfig.ACCESS_KEY_ID_CONFIG) == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                config.getPassword(AwsConfig.ACCESS_KEY_ID_CONFIG).value(),
                config.getPassword(AwsConfig.SECRET_ACCESS_KEY_CONFIG).value()));
    }
}
