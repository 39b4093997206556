package io.rawpipeline.registry.compatibility;

import java.nio.file.Path;
import org.apache.avro.Schema;

/** A registry subject ({@code <topic>-value}) and its current schema, read from {@code file}. */
public record SubjectSchema(String subject, Path file, Schema schema) {
}
