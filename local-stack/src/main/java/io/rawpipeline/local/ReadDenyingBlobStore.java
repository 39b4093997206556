package io.rawpipeline.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Answers GetObject and HeadObject of chosen objects with 403 AccessDenied, as S3 does when a bucket policy or
 * KMS key withholds {@code s3:GetObject}. S3Proxy ignores ACLs for authenticated requests, so denial lives here.
 */
final class ReadDenyingBlobStore extends ForwardingBlobStore {

    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    ReadDenyingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    void deny(String bucket, String key) {
        denied.add(id(bucket, key));
    }

    void allow(String bucket, String key) {
        denied.remove(id(bucket, key));
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        checkReadable(request.bucket(), request.key());
        return super.getBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        checkReadable(request.bucket(), request.key());
        return super.blobMetadata(request);
    }

    private void checkReadable(String bucket, String key) {
        if (denied.contains(id(bucket, key))) {
            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
        }
    }

    private static String id(String bucket, String key) {
        return bucket + '/' + key;
    }
}
