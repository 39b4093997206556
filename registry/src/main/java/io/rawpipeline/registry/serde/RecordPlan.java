package io.rawpipeline.registry.serde;

import java.time.Instant;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * What {@link PlannedRecordWriter} does with each field of one record schema, decided once: the field's kind and, for
 * a {@code ["null", X]} union, the branch indexes to write. A field of any other shape is {@link #UNPLANNED} and left
 * to Avro's own writer.
 */
final class RecordPlan {

    static final byte UNPLANNED = 0;
    static final byte STRING = 1;
    static final byte LONG = 2;
    static final byte INT = 3;
    static final byte DOUBLE = 4;
    static final byte FLOAT = 5;
    static final byte BOOLEAN = 6;
    static final byte BYTES = 7;
    static final byte TIMESTAMP_MILLIS = 8;
    static final byte STRING_MAP = 9;
    static final byte NULLABLE_STRING_MAP = 10;

    /** Union index meaning "not a union": nothing is written before the value. */
    static final int NO_INDEX = -1;

    final Schema schema;
    final Schema.Field[] fields;
    final byte[] kinds;
    /** Branch index of null, or {@link #NO_INDEX} when the field is not nullable. */
    final int[] nullIndexes;
    /** Branch index of the value, or {@link #NO_INDEX} when the field is not a union. */
    final int[] valueIndexes;
    /** For the map kinds: the branch indexes of null and of the string inside a map of {@code ["null","string"]}. */
    final int[] mapNullIndexes;
    final int[] mapValueIndexes;
    /** For the map kinds: the schema of the map's values, for values Avro has to write. */
    final Schema[] mapValueTypes;

    private RecordPlan(Schema schema, SpecificData model) {
        this.schema = schema;
        List<Schema.Field> list = schema.getFields();
        int n = list.size();
        fields = list.toArray(new Schema.Field[0]);
        kinds = new byte[n];
        nullIndexes = new int[n];
        valueIndexes = new int[n];
        mapNullIndexes = new int[n];
        mapValueIndexes = new int[n];
        mapValueTypes = new Schema[n];
        for (int i = 0; i < n; i++) {
            Schema type = fields[i].schema();
            nullIndexes[i] = NO_INDEX;
            valueIndexes[i] = NO_INDEX;
            mapNullIndexes[i] = NO_INDEX;
            mapValueIndexes[i] = NO_INDEX;
            if (type.getType() == Schema.Type.UNION) {
                int nullAt = nullBranch(type);
                if (nullAt == NO_INDEX) {
                    kinds[i] = UNPLANNED;
                    continue;
                }
                nullIndexes[i] = nullAt;
                valueIndexes[i] = 1 - nullAt;
                type = type.getTypes().get(1 - nullAt);
            }
            kinds[i] = kindOf(type, model);
            if (kinds[i] == STRING_MAP) {
                mapValueTypes[i] = type.getValueType();
            }
            if (kinds[i] == STRING_MAP && type.getValueType().getType() == Schema.Type.UNION) {
                int nullAt = nullBranch(type.getValueType());
                kinds[i] = NULLABLE_STRING_MAP;
                mapNullIndexes[i] = nullAt;
                mapValueIndexes[i] = 1 - nullAt;
            }
        }
    }

    /**
     * The plan for a record schema, or null when there is none. Only Avro's own {@link SpecificData} is
     * planned for: a subclass may resolve unions or convert values differently, which the plan would not follow.
     */
    static RecordPlan of(Schema schema, SpecificData model) {
        if (schema == null || schema.getType() != Schema.Type.RECORD || model.getClass() != SpecificData.class) {
            return null;
        }
        return new RecordPlan(schema, model);
    }

    /** The index of the null branch of a two-branch union with exactly one null, else {@link #NO_INDEX}. */
    private static int nullBranch(Schema union) {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2) {
            return NO_INDEX;
        }
        boolean first = branches.get(0).getType() == Schema.Type.NULL;
        boolean second = branches.get(1).getType() == Schema.Type.NULL;
        return first == second ? NO_INDEX : first ? 0 : 1;
    }

    private static byte kindOf(Schema type, SpecificData model) {
        LogicalType logical = type.getLogicalType();
        if (logical != null) {
            // only the conversion whose raw value is Instant.toEpochMilli(); any other logical type goes to Avro
            boolean millis = logical instanceof LogicalTypes.TimestampMillis && type.getType() == Schema.Type.LONG
                    && model.getConversionByClass(Instant.class, logical)
                            instanceof TimeConversions.TimestampMillisConversion;
            return millis ? TIMESTAMP_MILLIS : UNPLANNED;
        }
        switch (type.getType()) {
            case STRING:
                return STRING;
            case LONG:
                return LONG;
            case INT:
                return INT;
            case DOUBLE:
                return DOUBLE;
            case FLOAT:
                return FLOAT;
            case BOOLEAN:
                return BOOLEAN;
            case BYTES:
                return BYTES;
            case MAP:
                return isPlainString(type.getValueType()) || isNullableString(type.getValueType())
                        ? STRING_MAP : UNPLANNED;
            default:
                return UNPLANNED;
        }
    }

    private static boolean isPlainString(Schema type) {
        return type.getType() == Schema.Type.STRING && type.getLogicalType() == null;
    }

    private static boolean isNullableString(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return false;
        }
        int nullAt = nullBranch(type);
        return nullAt != NO_INDEX && isPlainString(type.getTypes().get(1 - nullAt));
    }
}
