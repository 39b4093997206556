package io.rawpipeline.streams;

import io.rawpipeline.formats.RawLineHeaders;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * For each source: {@code raw.<source>} (line bytes, directives and provenance in headers) → parse → the source's
 * table topic ({@code <schema>.<table>}, Avro) or the dead-letter topic. Keys pass through unchanged.
 */
public final class ParseTopology {

    /** The table a parsed record goes to, chosen by {@link LineProcessor}. */
    private static final TopicNameExtractor<byte[], SpecificRecord> TABLE_OF_RECORD = (key, value, context) ->
            new String(context.headers().lastHeader(RawLineHeaders.TABLE).value(), StandardCharsets.UTF_8);

    private static final Deserializer<SpecificRecord> NOT_READ = (topic, data) -> {
        throw new UnsupportedOperationException("the parse app only writes " + topic);
    };

    private ParseTopology() {
    }

    /**
     * @param avro writes the parsed records and dead letters (the Confluent-wire serializer in production); the
     *             app never reads them back
     */
    public static Topology build(ParseAppConfig config, Serializer<SpecificRecord> avro, Clock clock) {
        return build(config, avro, clock, null);
    }

    /**
     * @param replay null for the live app; for a replay, only the raw records whose timestamp is in the window are
     *               parsed (the others are read and dropped), and what is written is counted in it
     */
    public static Topology build(ParseAppConfig config, Serializer<SpecificRecord> avro, Clock clock,
            ReplayWindow replay) {
        StreamsBuilder builder = new StreamsBuilder();
        Produced<byte[], SpecificRecord> produced = Produced.with(Serdes.ByteArray(), Serdes.serdeFrom(avro, NOT_READ));
        for (SourceConfig source : config.sources()) {
            String name = source.name();
            KStream<byte[], byte[]> raw = builder.stream(source.topic(),
                    Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-" + name));
            if (replay != null) {
                raw = raw.processValues(() -> new WindowFilter(replay), Named.as("window-" + name));
            }
            raw.process(() -> new LineProcessor(source, clock), Named.as("parse-" + name))
                    .split(Named.as(name + "-"))
                    .branch((key, value) -> value instanceof DeadLetter,
                            Branched.withConsumer(letters -> counted(letters, replay, true, name)
                                    .to(config.deadLetterTopic(), produced.withName("dead-letters-of-" + name)),
                                    "dead-letters"))
                    .defaultBranch(Branched.withConsumer(rows -> counted(rows, replay, false, name)
                            .to(TABLE_OF_RECORD, produced.withName("rows-of-" + name)), "rows"));
        }
        return builder.build();
    }

    private static KStream<byte[], SpecificRecord> counted(KStream<byte[], SpecificRecord> records,
            ReplayWindow replay, boolean deadLetters, String name) {
        if (replay == null) {
            return records;
        }
        return records.peek((key, value) -> {
            if (deadLetters) {
                replay.countDeadLetter();
            } else {
                replay.countRow();
            }
        }, Named.as((deadLetters ? "count-dead-letters-of-" : "count-rows-of-") + name));
    }

    /** Forwards only the raw records whose timestamp is in the replay window. */
    private static final class WindowFilter implements FixedKeyProcessor<byte[], byte[], byte[]> {

        private final ReplayWindow window;
        private FixedKeyProcessorContext<byte[], byte[]> context;

        WindowFilter(ReplayWindow window) {
            this.window = window;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            if (window.contains(record.timestamp())) {
                context.forward(record);
            } else {
                window.countOutside();
            }
        }
    }
}
