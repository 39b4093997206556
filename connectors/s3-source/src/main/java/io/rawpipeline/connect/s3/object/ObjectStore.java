package io.rawpipeline.connect.s3.object;

import io.rawpipeline.connect.s3.notification.ObjectCreated;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Opens the exact object version a notification announced, as a stream (never whole in memory). */
public final class ObjectStore implements AutoCloseable {

    private final S3Client s3;

    public ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    public InputStream open(ObjectCreated object) throws ReadFailure {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
        if (object.versionId() != null) {
            request.versionId(object.versionId());
        } else if (object.eTag() != null && !object.eTag().isEmpty()) {
            // without versions, only the ETag tells the announced object from a later one under the same key
            request.ifMatch("\"" + object.eTag() + "\"");
        }
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ReadFailure("the object no longer exists (404 " + e.awsErrorDetails().errorCode() + ")",
                    true, e);
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
            if (status == 412) {
                throw new ReadFailure("the object was replaced after the notification (ETag " + object.eTag()
                        + " no longer matches); the new object's own notification brings it", true, e);
            }
            if (status == 404) {
                throw new ReadFailure("the object no longer exists (404" + code + ")", true, e);
            }
            throw new ReadFailure("S3 refused to read the object (" + status + code + ": "
                    + e.awsErrorDetails().errorMessage() + ")", false, e);
        } catch (SdkClientException e) {
            throw new ReadFailure("could not reach S3: " + e.getMessage(), false, e);
        } catch (SdkException e) {
            throw new ReadFailure("S3 call failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
