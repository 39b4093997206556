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
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;

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
        StreamsBuilder builder = new StreamsBuilder();
        Produced<byte[], SpecificRecord> produced = Produced.with(Serdes.ByteArray(), Serdes.serdeFrom(avro, NOT_READ));
        for (SourceConfig source : config.sources()) {
            String name = source.name();
            builder.stream(source.topic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-" + name))
                    .process(() -> new LineProcessor(source, clock), Named.as("parse-" + name))
                    .split(Named.as(name + "-"))
                    .branch((key, value) -> value instanceof DeadLetter,
                            Branched.withConsumer(letters -> letters.to(config.deadLetterTopic(),
                                    produced.withName("dead-letters-of-" + name)), "dead-letters"))
                    .defaultBranch(Branched.withConsumer(rows -> rows.to(TABLE_OF_RECORD,
                            produced.withName("rows-of-" + name)), "rows"));
        }
        return builder.build();
    }
}
