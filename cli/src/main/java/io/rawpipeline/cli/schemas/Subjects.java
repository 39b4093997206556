package io.rawpipeline.cli.schemas;

import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.raw.DeadLetter;
import io.rawpipeline.registry.compatibility.ReleasedSchemas;
import io.rawpipeline.registry.compatibility.SubjectSchema;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The subjects the pipeline writes and the {@code .avsc} file of each, derived rather than listed: the parse app's
 * default sources ({@link SourceConfig}) say which topics it writes and in which format, the format
 * ({@link SourceFormat}) says which record schema that is, and the record's full name finds its {@code .avsc} file.
 * The dead-letter topic carries {@link DeadLetter}; a CloudFront source's pings table carries the ping format's
 * record. A topic added to the parse app is checked and registered without touching this class.
 */
public final class Subjects {

    public static final String SUBJECT_SUFFIX = "-value";

    private Subjects() {
    }

    /** Topic → record full name, for the parse app with its default settings, in the order of its sources. */
    public static Map<String, String> topicRecords() {
        ParseAppConfig app = new ParseAppConfig(Map.of());
        Map<String, String> topics = new LinkedHashMap<>();
        for (SourceConfig source : app.sources()) {
            for (String table : source.tables()) {
                put(topics, table, source.format().schema());
            }
            if (source.pingsTable() != null) {
                put(topics, source.pingsTable(), SourceFormat.PING.schema());
            }
        }
        put(topics, app.deadLetterTopic(), DeadLetter.getClassSchema());
        return topics;
    }

    /** Each subject with its current schema read from the {@code .avsc} files in {@code schemasDir}. */
    public static List<SubjectSchema> current(Path schemasDir) {
        Map<String, Path> files = filesByRecord(schemasDir);
        List<SubjectSchema> subjects = new ArrayList<>();
        topicRecords().forEach((topic, record) -> {
            Path file = files.get(record);
            if (file == null) {
                throw new IllegalArgumentException("no .avsc file in " + schemasDir + " defines record " + record
                        + ", the schema of topic " + topic);
            }
            subjects.add(new SubjectSchema(topic + SUBJECT_SUFFIX, file, ReleasedSchemas.parse(file)));
        });
        return List.copyOf(subjects);
    }

    private static void put(Map<String, String> topics, String topic, Schema schema) {
        String previous = topics.putIfAbsent(topic, schema.getFullName());
        if (previous != null && !previous.equals(schema.getFullName())) {
            throw new IllegalStateException("topic " + topic + " would carry both " + previous + " and "
                    + schema.getFullName());
        }
    }

    private static Map<String, Path> filesByRecord(Path schemasDir) {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(schemasDir)) {
            for (Path file : list.filter(f -> f.getFileName().toString().endsWith(".avsc")).sorted().toList()) {
                Path previous = files.put(ReleasedSchemas.parse(file).getFullName(), file);
                if (previous != null) {
                    throw new IllegalArgumentException(previous + " and " + file + " define the same record");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + schemasDir, e);
        }
        return files;
    }
}
