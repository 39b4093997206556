package io.rawpipeline.registry.compatibility;

import org.apache.avro.Schema;

/**
 * An earlier version of a subject's schema.
 *
 * @param origin  {@code released} (the committed history, schemas/released) or {@code registry}
 * @param version its version number there
 * @param schema  the schema
 */
public record PastVersion(String origin, int version, Schema schema) {

    public String label() {
        return origin + " v" + version;
    }
}
