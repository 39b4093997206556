package io.rawpipeline.formats.license;

import io.rawpipeline.formats.FieldProperty;
import io.rawpipeline.raw.License;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/** What the header row of an export says: for each cell of a row, the record field it fills, or none (extra). */
final class CsvHeader {

    private static final Set<String> NOT_COLUMNS = Set.of("extra", "source_file", "source_line", "ingested_at");
    private static final Map<String, Schema.Field> FIELDS_BY_COLUMN = new HashMap<>();

    static {
        for (Schema.Field field : License.getClassSchema().getFields()) {
            if (!NOT_COLUMNS.contains(field.name())) {
                FIELDS_BY_COLUMN.put(field.name(), field);
            }
        }
    }

    final String[] names;
    /** Record field for each cell; null for a column the schema does not know yet. */
    final Schema.Field[] fields;
    final Schema.Type[] types;
    final boolean hasExtra;
    /** Why rows under this header cannot be read, or null. */
    final String problem;

    private CsvHeader(String[] names, Schema.Field[] fields, Schema.Type[] types, boolean hasExtra, String problem) {
        this.names = names;
        this.fields = fields;
        this.types = types;
        this.hasExtra = hasExtra;
        this.problem = problem;
    }

    static CsvHeader of(List<String> cells) {
        String[] names = cells.toArray(String[]::new);
        if (names.length > 0 && names[0].startsWith("\uFEFF")) {
            names[0] = names[0].substring(1);
        }
        Schema.Field[] fields = new Schema.Field[names.length];
        Schema.Type[] types = new Schema.Type[names.length];
        Set<String> seen = new HashSet<>();
        boolean hasExtra = false;
        for (int i = 0; i < names.length; i++) {
            String column = names[i].trim().toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                return invalid("header column " + (i + 1) + " has no name");
            }
            if (!seen.add(column)) {
                return invalid("header names column " + column + " twice");
            }
            fields[i] = FIELDS_BY_COLUMN.get(column);
            types[i] = fields[i] == null ? null : FieldProperty.valueType(fields[i]);
            hasExtra |= fields[i] == null;
        }
        return new CsvHeader(names, fields, types, hasExtra, null);
    }

    static CsvHeader invalid(String problem) {
        return new CsvHeader(new String[0], new Schema.Field[0], new Schema.Type[0], false, problem);
    }
}
