package io.rawpipeline.bench;

import io.rawpipeline.local.samples.CloudFrontLogGenerator;

/** A generated log object as S3 holds it (gzip), with the lines and bytes it decompresses to and its raw topic. */
public record LogObject(String bucket, String key, String topic, byte[] gzip, long lines, long bytes) {

    /** The rows it lands: every line but a CloudFront log's header lines. */
    public long rows() {
        return topic.equals(LogObjects.CLOUDFRONT_TOPIC) ? lines - CloudFrontLogGenerator.HEADER_LINES : lines;
    }

    /** The table (parsed topic) its rows land in. */
    public String table() {
        return topic.equals(LogObjects.CLOUDFRONT_TOPIC) ? LogObjects.CLOUDFRONT_TABLE : LogObjects.ALB_TABLE;
    }

    /** Its rows' SOURCE_FILE. */
    public String sourceFile() {
        return "s3://" + bucket + "/" + key;
    }
}
