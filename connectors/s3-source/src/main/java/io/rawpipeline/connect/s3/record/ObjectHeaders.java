package io.rawpipeline.connect.s3.record;

/** Headers the connector adds to every line record besides the pipeline's own {@code RawLineHeaders}. */
public final class ObjectHeaders {

    public static final String BUCKET = "rawpipeline.s3.bucket";
    public static final String KEY = "rawpipeline.s3.key";
    public static final String ETAG = "rawpipeline.s3.etag";
    public static final String VERSION_ID = "rawpipeline.s3.version-id";
    public static final String EVENT_TIME = "rawpipeline.s3.event-time";

    private ObjectHeaders() {
    }
}
