package io.rawpipeline.bench.parse;

import io.rawpipeline.formats.ObjectParser;
import io.rawpipeline.formats.Origin;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.registry.serde.EncodingBuffer;
import io.rawpipeline.registry.serde.PlannedRecordWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * This project's parser over the whole file on one thread; optionally each record is also Avro-encoded the way the
 * Streams serde does it (its writer, its reused encoding buffer; without the wire header and the copy out), which is
 * the work per line of the real pipeline.
 */
final class ParserContender implements Contender {

    private final SourceFormat format;
    private final boolean encode;

    ParserContender(SourceFormat format, boolean encode) {
        this.format = format;
        this.encode = encode;
    }

    @Override
    public String name() {
        return encode ? "parse + Avro encode" : "parse (ObjectParser)";
    }

    @Override
    public long run(Path file) throws IOException {
        Counter counter = encode ? new EncodingCounter() : new Counter();
        try (InputStream in = Files.newInputStream(file)) {
            new ObjectParser(format).parse(in, Origin.of(file.toString(), Instant.now()), counter);
        }
        if (counter.rejects > 0) {
            throw new IllegalStateException(counter.rejects + " lines of the benchmark file were rejected");
        }
        // the sum keeps the JIT from dropping the encoding as dead code
        if (encode && ((EncodingCounter) counter).encodedBytes <= 0) {
            throw new IllegalStateException("nothing was encoded");
        }
        return counter.records;
    }

    private static class Counter implements ObjectParser.Listener {
        long records;
        long rejects;

        @Override
        public void record(SpecificRecord record) {
            records++;
        }

        @Override
        public void reject(long lineNumber, String reason, byte[] bytes, int offset, int length) {
            rejects++;
        }
    }

    private static final class EncodingCounter extends Counter {
        private final EncodingBuffer buffer = new EncodingBuffer();
        private PlannedRecordWriter<SpecificRecord> writer;
        long encodedBytes;

        @Override
        public void record(SpecificRecord record) {
            super.record(record);
            if (writer == null) {
                writer = PlannedRecordWriter.forRecord(record);
            }
            buffer.restart();
            try {
                buffer.encode(writer, record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            encodedBytes += buffer.size();
        }
    }
}
