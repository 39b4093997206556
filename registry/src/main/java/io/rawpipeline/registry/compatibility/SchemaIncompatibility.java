package io.rawpipeline.registry.compatibility;

import io.rawpipeline.registry.CompatibilityLevel;

/**
 * One rule the current schema of a subject breaks against one earlier version, as Avro's
 * {@link org.apache.avro.SchemaCompatibility} found it.
 *
 * @param subject  the registry subject, {@code <topic>-value}
 * @param against  which earlier version: {@code released v2} (schemas/released) or {@code registry v3}
 * @param level    the subject's compatibility mode
 * @param reader   who reads: {@code the current schema} or the earlier version
 * @param writer   who wrote: the earlier version or {@code the current schema}
 * @param rule     Avro's incompatibility type, e.g. {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param location where in the schema, a JSON pointer such as {@code /fields/3/type}
 * @param field    the field name(s) along the location, e.g. {@code sc_bytes}; empty when the location names none
 * @param message  Avro's message
 */
public record SchemaIncompatibility(String subject, String against, CompatibilityLevel level, String reader,
                                    String writer, String rule, String location, String field, String message) {

    /** One line a data engineer can act on. */
    public String describe() {
        String explanation = rule.equals("READER_FIELD_MISSING_DEFAULT_VALUE")
                ? reader + " has the field without a default, and records written by " + writer + " lack it"
                : reader + " cannot read records written by " + writer + ": " + message;
        return "subject " + subject + ", field " + (field.isEmpty() ? "(record)" : field) + ": " + rule + " — "
                + explanation + " (compared with " + against + " under " + level + ", at " + location + ")"
                + hint(rule);
    }

    private static String hint(String rule) {
        return switch (rule) {
            case "READER_FIELD_MISSING_DEFAULT_VALUE" ->
                    ". Give the field a default (for a new column: \"type\": [\"null\", …], \"default\": null)";
            case "TYPE_MISMATCH" -> ". Changing a field's type breaks old records; add a new field instead";
            case "MISSING_ENUM_SYMBOLS" -> ". Keep the enum symbols or give the enum a default";
            case "NAME_MISMATCH" -> ". Keep the record's name and namespace, or add an alias";
            default -> "";
        };
    }
}
