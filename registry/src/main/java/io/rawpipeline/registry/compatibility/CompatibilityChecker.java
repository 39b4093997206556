package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks a subject's current schema against its earlier versions under a compatibility mode, with the rules of
 * Avro's {@link SchemaCompatibility} (the same rules Confluent's and Apicurio's registries apply):
 * <ul>
 * <li>BACKWARD: the current schema reads what the latest earlier version wrote; _TRANSITIVE: what every one wrote.
 * <li>FORWARD: the latest earlier version reads what the current schema writes; _TRANSITIVE: every one does.
 * <li>FULL: both; NONE: nothing is checked.
 * </ul>
 */
public final class CompatibilityChecker {

    private static final String CURRENT = "the current schema";

    private CompatibilityChecker() {
    }

    /** Every rule broken; empty when compatible. {@code earlier} in any order; the latest is the highest version. */
    public static List<SchemaIncompatibility> check(String subject, Schema current, List<PastVersion> earlier,
                                                    CompatibilityLevel level) {
        List<PastVersion> sorted = earlier.stream().sorted(Comparator.comparingInt(PastVersion::version)).toList();
        if (sorted.isEmpty() || level == CompatibilityLevel.NONE) {
            return List.of();
        }
        boolean transitive = level.name().endsWith("_TRANSITIVE");
        List<PastVersion> against = transitive ? sorted : List.of(sorted.get(sorted.size() - 1));
        boolean backward = level.name().startsWith("BACKWARD") || level.name().startsWith("FULL");
        boolean forward = level.name().startsWith("FORWARD") || level.name().startsWith("FULL");
        List<SchemaIncompatibility> found = new ArrayList<>();
        for (PastVersion version : against) {
            if (backward) {
                collect(found, subject, version, level, current, CURRENT, version.schema(), version.label());
            }
            if (forward) {
                collect(found, subject, version, level, version.schema(), version.label(), current, CURRENT);
            }
        }
        return List.copyOf(found);
    }

    private static void collect(List<SchemaIncompatibility> found, String subject, PastVersion version,
                                CompatibilityLevel level, Schema reader, String readerName, Schema writer,
                                String writerName) {
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            found.add(new SchemaIncompatibility(subject, version.label(), level, readerName, writerName,
                    incompatibility.getType().name(), incompatibility.getLocation(),
                    fieldAt(reader, incompatibility.getLocation()), incompatibility.getMessage()));
        }
    }

    /**
     * The dotted field path a location such as {@code /fields/3/type/fields/0} points at in the reader schema
     * ({@code request.uri}); empty when it names no field.
     */
    static String fieldAt(Schema reader, String location) {
        if (location == null || location.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        Schema schema = reader;
        String[] tokens = location.split("/");
        try {
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.isEmpty()) {
                    continue;
                }
                switch (token) {
                    case "fields" -> {
                        if (i + 1 < tokens.length && schema.getType() == Schema.Type.RECORD) {
                            Schema.Field field = schema.getFields().get(Integer.parseInt(tokens[++i]));
                            names.add(field.name());
                            schema = field.schema();
                        }
                    }
                    case "type", "name", "size", "symbols" -> {
                        // the field's type follows; the schema is already the field's
                    }
                    case "items" -> schema = schema.getType() == Schema.Type.ARRAY ? schema.getElementType() : schema;
                    case "values" -> schema = schema.getType() == Schema.Type.MAP ? schema.getValueType() : schema;
                    default -> {
                        if (schema.getType() == Schema.Type.UNION && token.chars().allMatch(Character::isDigit)) {
                            int branch = Integer.parseInt(token);
                            if (branch < schema.getTypes().size()) {
                                schema = schema.getTypes().get(branch);
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException unexpectedShape) {
            // a location this walk does not know: what was found so far still helps
        }
        return String.join(".", names);
    }
}
