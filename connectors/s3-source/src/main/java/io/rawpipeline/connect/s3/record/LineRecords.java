package io.rawpipeline.connect.s3.record;

import io.rawpipeline.connect.s3.config.Route;
import io.rawpipeline.connect.s3.notification.ObjectCreated;
import io.rawpipeline.connect.s3.object.ObjectLine;
import io.rawpipeline.connect.s3.offset.ObjectOffset;
import io.rawpipeline.formats.RawLineHeaders;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records of one object's lines: key = the object ({@code s3://bucket/key}), value = the line's bytes, headers =
 * where it comes from and the columns line it needs, offset = the object version and the line. What is the same for
 * every line of the object is made once.
 */
public final class LineRecords {

    private final ObjectCreated object;
    private final String topic;
    private final String version;
    private final Map<String, String> partition;
    private final ConnectHeaders objectHeaders = new ConnectHeaders();

    public LineRecords(ObjectCreated object, Route route) {
        this.object = object;
        this.topic = route.topic();
        this.version = object.version();
        this.partition = ObjectOffset.partition(object.bucket(), object.key());
        objectHeaders.addString(RawLineHeaders.SOURCE_FILE, object.uri());
        if (route.table() != null) {
            objectHeaders.addString(RawLineHeaders.TABLE, route.table());
        }
        objectHeaders.addString(ObjectHeaders.BUCKET, object.bucket());
        objectHeaders.addString(ObjectHeaders.KEY, object.key());
        if (object.eTag() != null) {
            objectHeaders.addString(ObjectHeaders.ETAG, object.eTag());
        }
        if (object.versionId() != null) {
            objectHeaders.addString(ObjectHeaders.VERSION_ID, object.versionId());
        }
        if (object.eventTime() != null) {
            objectHeaders.addString(ObjectHeaders.EVENT_TIME, object.eventTime());
        }
    }

    public SourceRecord line(ObjectLine line, long ingestedAt) {
        ConnectHeaders headers = new ConnectHeaders();
        for (Header header : objectHeaders) {
            headers.add(header);
        }
        headers.addString(RawLineHeaders.SOURCE_LINE, Long.toString(line.number()));
        headers.addString(RawLineHeaders.INGESTED_AT, Long.toString(ingestedAt));
        if (line.columns() != null) {
            headers.addString(RawLineHeaders.COLUMNS, line.columns());
        }
        return new SourceRecord(partition, new ObjectOffset(version, line.number(), line.last()).toMap(), topic, null,
                Schema.STRING_SCHEMA, object.uri(), Schema.BYTES_SCHEMA, line.bytes(), ingestedAt, headers);
    }
}
