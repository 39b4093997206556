package io.rawpipeline.connect.s3.record;

import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.notification.ObjectCreated;
import io.rawpipeline.connect.s3.object.ObjectLine;
import io.rawpipeline.connect.s3.offset.ObjectOffset;
import io.rawpipeline.formats.RawLineHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The record of one line: key = the object ({@code s3://bucket/key}), value = the line's bytes, headers = where it
 * comes from and the columns line it needs, offset = the object version and this line.
 */
public final class LineRecords {

    private LineRecords() {
    }

    public static SourceRecord line(ObjectCreated object, Route route, ObjectLine line, long ingestedAt) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RawLineHeaders.SOURCE_FILE, object.uri());
        headers.addString(RawLineHeaders.SOURCE_LINE, Long.toString(line.number()));
        headers.addString(RawLineHeaders.INGESTED_AT, Long.toString(ingestedAt));
        if (line.columns() != null) {
            headers.addString(RawLineHeaders.COLUMNS, line.columns());
        }
        if (route.table() != null) {
            headers.addString(RawLineHeaders.TABLE, route.table());
        }
        headers.addString(ObjectHeaders.BUCKET, object.bucket());
        headers.addString(ObjectHeaders.KEY, object.key());
        if (object.eTag() != null) {
            headers.addString(ObjectHeaders.ETAG, object.eTag());
        }
        if (object.versionId() != null) {
            headers.addString(ObjectHeaders.VERSION_ID, object.versionId());
        }
        if (object.eventTime() != null) {
            headers.addString(ObjectHeaders.EVENT_TIME, object.eventTime());
        }
        return new SourceRecord(ObjectOffset.partition(object.bucket(), object.key()),
                new ObjectOffset(object.version(), line.number(), line.last()).toMap(),
                route.topic(), null, Schema.STRING_SCHEMA, object.uri(), Schema.BYTES_SCHEMA, line.bytes(),
                ingestedAt, headers);
    }
}
