package io.rawpipeline.formats;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Reads the mapping from source names to record fields out of the schemas themselves ({@code cloudfront.field},
 * {@code alb.position}, {@code query.parameter} in the {@code .avsc} files), so the contract lives in one place.
 */
public final class FieldProperty {

    private FieldProperty() {
    }

    /** The record's fields by the value of their property {@code property}. */
    public static Map<Object, Schema.Field> fieldsBy(Schema schema, String property) {
        Map<Object, Schema.Field> fields = new HashMap<>();
        for (Schema.Field field : schema.getFields()) {
            Object value = field.getObjectProp(property);
            if (value != null) {
                fields.put(value, field);
            }
        }
        return Map.copyOf(fields);
    }

    /** The type of a field, with a nullable union unwrapped. */
    public static Schema.Type valueType(Schema.Field field) {
        Schema schema = field.schema();
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch.getType();
                }
            }
        }
        return schema.getType();
    }
}
