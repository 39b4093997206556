package io.rawpipeline.connect.warehouse.table;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table each topic lands in: {@code <schema>.<table>} topics land in {@code <SCHEMA>.<TABLE>}, unless the
 * {@code topic2table.map} (Snowflake connector style: {@code topic:SCHEMA.TABLE,…}) names another.
 */
public final class TopicTables {

    private final Map<String, TableName> mapped;
    private final Map<String, Optional<TableName>> resolved = new HashMap<>();

    private TopicTables(Map<String, TableName> mapped) {
        this.mapped = Map.copyOf(mapped);
    }

    /** Parses {@code topic:SCHEMA.TABLE,…}; blank means no overrides. */
    public static TopicTables parse(String map) {
        Map<String, TableName> mapped = new HashMap<>();
        for (String entry : map.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String topic = colon < 0 ? "" : entry.substring(0, colon).trim();
            Optional<TableName> table = colon < 0 ? Optional.empty() : TableName.parse(entry.substring(colon + 1));
            if (topic.isEmpty() || table.isEmpty()) {
                throw new IllegalArgumentException("entry '" + entry.trim() + "' is not topic:SCHEMA.TABLE");
            }
            if (mapped.put(topic, table.get()) != null) {
                throw new IllegalArgumentException("topic " + topic + " is mapped twice");
            }
        }
        return new TopicTables(mapped);
    }

    /** The topic's table, or empty when it is neither mapped nor named {@code <schema>.<table>}. */
    public Optional<TableName> tableOf(String topic) {
        return resolved.computeIfAbsent(topic,
                t -> mapped.containsKey(t) ? Optional.of(mapped.get(t)) : TableName.parse(t));
    }
}
