package io.rawpipeline.formats.cloudfront;

import io.rawpipeline.formats.FieldProperty;
import io.rawpipeline.raw.CloudFrontLogEntry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * What a file's {@code #Fields:} directive says: for each tab-separated value of a line, which record field it
 * goes to (or none, for fields AWS added that the schema does not know yet).
 */
final class FieldsDirective {

    static final String PREFIX = "#Fields:";

    private static final Map<Object, Schema.Field> FIELDS_BY_NAME =
            FieldProperty.fieldsBy(CloudFrontLogEntry.getClassSchema(), "cloudfront.field");

    final String[] names;
    /** Record field position for each value of a line; -1 for an unknown field. */
    final int[] positions;
    final Schema.Type[] types;
    /** Why lines under this directive cannot be read, or null. */
    final String problem;

    private FieldsDirective(String[] names, int[] positions, Schema.Type[] types, String problem) {
        this.names = names;
        this.positions = positions;
        this.types = types;
        this.problem = problem;
    }

    static FieldsDirective parse(String directive) {
        if (!directive.startsWith(PREFIX)) {
            return invalid("the columns directive does not start with " + PREFIX);
        }
        String[] names = directive.substring(PREFIX.length()).trim().split("\\s+");
        if (names.length == 1 && names[0].isEmpty()) {
            return invalid("the " + PREFIX + " directive names no fields");
        }
        int[] positions = new int[names.length];
        Schema.Type[] types = new Schema.Type[names.length];
        Set<String> seen = new HashSet<>();
        boolean anyKnown = false;
        for (int i = 0; i < names.length; i++) {
            if (!seen.add(names[i])) {
                return invalid("the " + PREFIX + " directive names " + names[i] + " twice");
            }
            Schema.Field field = FIELDS_BY_NAME.get(names[i]);
            positions[i] = field == null ? -1 : field.pos();
            types[i] = field == null ? null : FieldProperty.valueType(field);
            anyKnown |= field != null;
        }
        if (!anyKnown) {
            return invalid("the " + PREFIX + " directive names none of the CloudFront fields the schema knows");
        }
        return new FieldsDirective(names, positions, types, null);
    }

    private static FieldsDirective invalid(String problem) {
        return new FieldsDirective(new String[0], new int[0], new Schema.Type[0], problem);
    }
}
