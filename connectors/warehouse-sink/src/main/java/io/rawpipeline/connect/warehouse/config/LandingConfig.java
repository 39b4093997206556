package io.rawpipeline.connect.warehouse.config;

import io.rawpipeline.connect.warehouse.table.TopicTables;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Which table a topic lands in, and how a landed line is keyed. */
public final class LandingConfig {

    public static final String TOPIC2TABLE_MAP_CONFIG = "topic2table.map";
    public static final String UPSERT_ON_PROVENANCE_CONFIG = "upsert.on.provenance";

    public static final String DEFAULT_TOPIC2TABLE_MAP = "";
    public static final boolean DEFAULT_UPSERT_ON_PROVENANCE = true;

    private static final String GROUP = "Landing";

    private LandingConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(TOPIC2TABLE_MAP_CONFIG, Type.STRING, DEFAULT_TOPIC2TABLE_MAP, LandingConfig::validateMap,
                        Importance.MEDIUM, "Tables of topics that do not land in the default one, as in the "
                                + "Snowflake connector: topic:SCHEMA.TABLE,… By default a <schema>.<table> topic "
                                + "lands in table <SCHEMA>.<TABLE>.",
                        GROUP, ++order, Width.LONG, "Topic to table map")
                .define(UPSERT_ON_PROVENANCE_CONFIG, Type.BOOLEAN, DEFAULT_UPSERT_ON_PROVENANCE, Importance.MEDIUM,
                        "Whether the tables this connector creates for records with SOURCE_FILE and SOURCE_LINE get "
                                + "them as primary key: a record then replaces the whole row of its line, so a "
                                + "replayed line updates its row instead of landing twice. A table that already "
                                + "has a primary key is always upserted.",
                        GROUP, ++order, Width.SHORT, "Upsert on provenance");
    }

    private static void validateMap(String name, Object value) {
        try {
            TopicTables.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
