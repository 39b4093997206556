package io.rawpipeline.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * An S3 API in this JVM: S3Proxy over an in-memory store, on a free loopback port, path-style addressing, SigV4 with
 * fixed dummy credentials. Objects can be made unreadable ({@link #denyReads}) to exercise access-denied handling.
 */
public final class S3Server implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private final S3Proxy proxy;
    private final ReadDenyingBlobStore store;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, ReadDenyingBlobStore store, URI endpoint) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
    }

    /** S3 in memory: what it holds is gone when it stops. */
    public static S3Server start() throws Exception {
        return start(new TransientNio2BlobStore());
    }

    /** S3 kept in {@code dir}: a second start there finds the same buckets and objects. */
    public static S3Server start(Path dir) throws Exception {
        Files.createDirectories(dir);
        return start(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()));
    }

    private static S3Server start(BlobStore blobs) throws Exception {
        long started = System.nanoTime();
        ReadDenyingBlobStore store = new ReadDenyingBlobStore(blobs);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            proxy.stop();
            throw e;
        }
        S3Server server = new S3Server(proxy, store, URI.create("http://127.0.0.1:" + proxy.getPort()));
        LOG.info("S3 (S3Proxy) at {} started in {} ms", server.endpoint, (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    // Jetty binds in start(), but S3Proxy reports readiness through its state only.
    private static void awaitStarted(S3Proxy proxy) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("S3Proxy not started after " + START_TIMEOUT + ": " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** A client configured for this server; the caller closes it. */
    public S3Client client() {
        return client(ACCESS_KEY, SECRET_KEY);
    }

    /** A client signing with other credentials: S3Proxy answers 403 InvalidAccessKeyId or SignatureDoesNotMatch. */
    public S3Client client(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                // The SDK's default CRC32 trailers work against S3Proxy 4.1 too; WHEN_REQUIRED keeps requests plain.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates the bucket; one kept from an earlier start on the same folder is fine. */
    public void createBucket(String bucket) {
        try {
            store.createContainer(bucket);
        } catch (BucketAlreadyOwnedByYouException keptFromAnEarlierStart) {
            // nothing to do
        }
    }

    /** A bucket whose PutObject answers carry a version id, as do the event notifications of versioned buckets. */
    public void createVersionedBucket(String bucket) {
        store.createContainer(bucket);
        store.putBucketVersioning(bucket, BucketVersioningStatus.ENABLED);
    }

    /** GetObject and HeadObject of this object answer 403 AccessDenied until {@link #allowReads}. */
    public void denyReads(String bucket, String key) {
        store.deny(bucket, key);
    }

    public void allowReads(String bucket, String key) {
        store.allow(bucket, key);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
