package io.rawpipeline.streams;

import io.rawpipeline.formats.BadValueException;
import io.rawpipeline.formats.Line;
import io.rawpipeline.formats.LineParser;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.ParseResult;
import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.formats.Values;
import io.rawpipeline.formats.ping.CloudFrontPings;
import io.rawpipeline.raw.CloudFrontLogEntry;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.raw.SecurityPing;
import io.rawpipeline.streams.config.SourceConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses one raw line record of a source: a parsed record (with the table it goes to in its
 * {@link RawLineHeaders#TABLE} header) or a {@link DeadLetter}. Directive lines forward nothing: what they say
 * travels in the headers of the lines after them.
 */
final class LineProcessor implements Processor<byte[], byte[], byte[], SpecificRecord> {

    static final String STAGE = "parse";

    private final SourceConfig source;
    private final Clock clock;
    private ProcessorContext<byte[], SpecificRecord> context;
    private LineParser<? extends SpecificRecord> parser;
    private CloudFrontPings pings;
    private Sensor lineDeadLetters;
    private Sensor pingDeadLetters;
    private Sensor recordDeadLetters;

    LineProcessor(SourceConfig source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.parser = source.format().newParser();
        this.pings = source.pingsTable() == null ? null : new CloudFrontPings();
        this.lineDeadLetters = deadLetterCount("line", "lines that do not parse");
        this.pingDeadLetters = deadLetterCount("ping", "pings in CloudFront lines that do not parse");
        this.recordDeadLetters = deadLetterCount("record", "records that carry no line or no provenance");
    }

    /**
     * Dead letters of this source of one kind, counted per stream thread in a Kafka Streams metric (on /metrics:
     * {@code kafka_streams_stream_parse_metrics_dead_letters_total{source, kind, thread_id}}), for the alerts and
     * the dashboard; Kafka Streams has no count of what a processor sends where.
     */
    private Sensor deadLetterCount(String kind, String what) {
        String thread = Thread.currentThread().getName();
        Sensor sensor = context.metrics().addSensor(
                String.join(".", "dead-letters", source.name(), kind, thread), Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName("dead-letters-total", "stream-parse-metrics", "Dead letters: " + what,
                Map.of("source", source.name(), "kind", kind, "thread-id", thread)), new CumulativeCount());
        return sensor;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        Headers headers = record.headers();
        Origin origin = null;
        long lineNumber = 0;
        try {
            origin = origin(headers, where, record.timestamp());
            lineNumber = lineNumber(headers, where);
            if (record.value() == null) {
                throw new BadValueException("the record has no value (a tombstone), so no line to parse");
            }
            String table = table(headers);
            Line line = new Line(origin, lineNumber, text(headers, RawLineHeaders.COLUMNS), record.value(), 0,
                    record.value().length);
            ParseResult<? extends SpecificRecord> result = parser.parse(line);
            if (result instanceof ParseResult.Parsed<? extends SpecificRecord> parsed) {
                context.forward(record.withValue((SpecificRecord) parsed.record())
                        .withHeaders(rowHeaders(origin, lineNumber, table)));
                if (pings != null && parsed.record() instanceof CloudFrontLogEntry entry) {
                    forwardPing(record, where, origin, lineNumber, entry);
                }
            } else if (result instanceof ParseResult.Rejected<?> rejected) {
                forwardDeadLetter(record, where, origin, lineNumber, rejected.reason());
                lineDeadLetters.record();
            }
        } catch (BadValueException e) {
            forwardDeadLetter(record, where, origin, lineNumber, e.getMessage());
            recordDeadLetters.record();
        }
    }

    /** The ping a CloudFront line records, if it requests /security: a row of the pings table or a dead letter. */
    private void forwardPing(Record<byte[], byte[]> record, RecordMetadata where, Origin origin, long lineNumber,
                             CloudFrontLogEntry entry) {
        ParseResult<SecurityPing> ping = pings.of(entry);
        if (ping instanceof ParseResult.Parsed<SecurityPing> parsed) {
            context.forward(record.withValue((SpecificRecord) parsed.record())
                    .withHeaders(rowHeaders(origin, lineNumber, source.pingsTable())));
        } else if (ping instanceof ParseResult.Rejected<SecurityPing> rejected) {
            forwardDeadLetter(record, where, origin, lineNumber, "the line requests " + CloudFrontPings.PATH
                    + " but its ping does not parse (the log line itself landed): " + rejected.reason());
            pingDeadLetters.record();
        }
    }

    private void forwardDeadLetter(Record<byte[], byte[]> record, RecordMetadata where, Origin origin,
                                   long lineNumber, String reason) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(STAGE)
                .setSource(source.name())
                .setReason(reason)
                .setRaw(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
                .setRawHeaders(asMap(record.headers()))
                .setTopic(where == null ? null : where.topic())
                .setPartition(where == null ? null : where.partition())
                .setOffset(where == null ? null : where.offset())
                .setSourceFile(origin == null ? null : origin.sourceFile())
                .setSourceLine(origin == null ? null : lineNumber)
                .setIngestedAt(origin == null ? null : origin.ingestedAt())
                .setRejectedAt(clock.instant())
                .build();
        context.forward(record.withValue((SpecificRecord) letter).withHeaders(new RecordHeaders()));
    }

    /**
     * Provenance from the headers. A record without them (produced by hand) is identified by where it sits in the
     * raw topic, which is as stable as the topic itself.
     */
    private static Origin origin(Headers headers, RecordMetadata where, long timestamp) {
        String file = text(headers, RawLineHeaders.SOURCE_FILE);
        if (file == null) {
            file = where == null ? "kafka:unknown" : "kafka:" + where.topic() + "/" + where.partition();
        }
        String ingestedAt = text(headers, RawLineHeaders.INGESTED_AT);
        Instant at = Instant.ofEpochMilli(ingestedAt == null ? timestamp
                : Values.parseLong(ingestedAt, "header " + RawLineHeaders.INGESTED_AT));
        return new Origin(file, at, text(headers, RawLineHeaders.CLIENT_IP), text(headers, RawLineHeaders.USER_AGENT));
    }

    private static long lineNumber(Headers headers, RecordMetadata where) {
        String line = text(headers, RawLineHeaders.SOURCE_LINE);
        if (line != null) {
            return Values.parseLong(line, "header " + RawLineHeaders.SOURCE_LINE);
        }
        return where == null ? 0 : where.offset() + 1;
    }

    private String table(Headers headers) {
        List<String> tables = source.tables();
        String table = text(headers, RawLineHeaders.TABLE);
        if (table == null) {
            if (tables.size() == 1) {
                return tables.get(0);
            }
            throw new BadValueException("no " + RawLineHeaders.TABLE + " header, and source " + source.name()
                    + " feeds several tables: " + String.join(", ", tables));
        }
        if (!tables.contains(table)) {
            throw new BadValueException("header " + RawLineHeaders.TABLE + ": '" + table + "' is not a table of source "
                    + source.name() + " (" + String.join(", ", tables) + ")");
        }
        return table;
    }

    private static Headers rowHeaders(Origin origin, long lineNumber, String table) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawLineHeaders.SOURCE_FILE, origin.sourceFile().getBytes(StandardCharsets.UTF_8));
        headers.add(RawLineHeaders.SOURCE_LINE, Long.toString(lineNumber).getBytes(StandardCharsets.UTF_8));
        headers.add(RawLineHeaders.TABLE, table.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> asMap(Headers headers) {
        Map<String, String> map = new HashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }
}
