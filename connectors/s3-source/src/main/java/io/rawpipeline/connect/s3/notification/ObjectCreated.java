package io.rawpipeline.connect.s3.notification;

/**
 * One object an S3 notification announces.
 *
 * @param key       decoded (S3 form-encodes keys in events: '+' is a space)
 * @param eTag      without quotes, as events carry it
 * @param versionId null for buckets without versioning
 * @param eventTime as the event wrote it (ISO-8601)
 */
public record ObjectCreated(String bucket, String key, String eTag, String versionId, long size, String eventTime) {

    /** {@code s3://bucket/key}: how the pipeline names the object everywhere (source_file). */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * What identifies this version of the object: its version id where the bucket keeps versions, else its ETag
     * (empty if an event had neither).
     */
    public String version() {
        return versionId != null ? versionId : eTag != null ? eTag : "";
    }
}
