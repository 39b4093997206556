package io.rawpipeline.bench;

/** A generated log object as S3 holds it (gzip), with the lines and bytes it decompresses to and its raw topic. */
public record LogObject(String bucket, String key, String topic, byte[] gzip, long lines, long bytes) {
}
