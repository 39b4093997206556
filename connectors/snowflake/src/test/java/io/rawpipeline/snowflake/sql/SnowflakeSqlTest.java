package io.rawpipeline.snowflake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rawpipeline.formats.SourceFormat;
import io.rawpipeline.streams.config.ParseAppConfig;
import io.rawpipeline.streams.config.SourceConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The SQL of {@code sql/}, parsed, against the parse app's tables and their Avro schemas: rename a field, a column
 * or a table in one place and a test here fails. (SnowflakeRowsIT holds create-tables.sql's types to the
 * connector's own schema resolver.)
 */
class SnowflakeSqlTest {

    /** The Avro → Snowflake types of schematization, as docs/snowflake.md lists them. */
    private static final Map<String, String> TYPES = Map.of("string", "VARCHAR", "long", "BIGINT", "int", "INT",
            "double", "DOUBLE", "boolean", "BOOLEAN", "timestamp-millis", "TIMESTAMP(6)", "map", "VARIANT");
    /** The types INFORMATION_SCHEMA.COLUMNS reports for them. */
    private static final Map<String, String> FAMILIES = Map.of("VARCHAR", "TEXT", "BIGINT", "NUMBER", "INT",
            "NUMBER", "DOUBLE", "FLOAT", "BOOLEAN", "BOOLEAN", "TIMESTAMP(6)", "TIMESTAMP_NTZ", "VARIANT", "VARIANT");
    private static final String ROLE = "KAFKA_CONNECTOR";
    /** Snowflake's SHOW, which JSqlParser does not parse. */
    private static final Pattern NOT_PARSED = Pattern.compile("(?s)SHOW .*");

    @Test
    void everyTableIsCreatedWithTheColumnsOfItsSchemaAndSchemaEvolutionOn() {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (SourceConfig source : new ParseAppConfig(Map.of()).sources()) {
            source.tables().forEach(topic -> expected.put(table(topic), columns(source.format().schema())));
            if (source.pingsTable() != null) {
                expected.put(table(source.pingsTable()), columns(SourceFormat.PING.schema()));
            }
        }
        Map<String, Map<String, String>> tables = SnowflakeSql.tables();
        assertThat(new TreeMap<>(tables)).isEqualTo(expected);
        for (Statement statement : SnowflakeSql.statements(SnowflakeSql.CREATE_TABLES)) {
            assertThat(String.join(" ", ((CreateTable) statement).getTableOptionsStrings()))
                    .as(statement.toString()).isEqualTo("ENABLE_SCHEMA_EVOLUTION = TRUE");
        }
    }

    @Test
    void theSwitchOverAddsEveryColumnWithItsTypeAndTurnsSchemaEvolutionOn() {
        Map<String, Map<String, String>> added = new TreeMap<>();
        Set<String> evolving = new TreeSet<>();
        for (Statement statement : SnowflakeSql.statements(SnowflakeSql.SWITCH_OVER)) {
            Alter alter = (Alter) statement;
            String table = alter.getTable().getFullyQualifiedName();
            for (AlterExpression expression : alter.getAlterExpressions()) {
                if (expression.getColDataTypeList() != null) {
                    expression.getColDataTypeList().forEach(column -> added.computeIfAbsent(table,
                            t -> new LinkedHashMap<>()).put(column.getColumnName(),
                            SnowflakeSql.type(column.getColDataType())));
                } else {
                    assertThat(expression.toString()).as(table).isEqualTo("SET ENABLE_SCHEMA_EVOLUTION = TRUE");
                    evolving.add(table);
                }
            }
        }
        assertThat(added).isEqualTo(new TreeMap<>(SnowflakeSql.tables()));
        assertThat(evolving).isEqualTo(SnowflakeSql.tables().keySet());
    }

    @Test
    void everyTableHasALatestViewOverItsProvenanceAndTheConnectorsMetadata() {
        Map<String, Map<String, String>> tables = SnowflakeSql.tables();
        Set<String> viewed = new TreeSet<>();
        for (Statement statement : SnowflakeSql.statements(SnowflakeSql.LATEST_VIEWS)) {
            CreateView view = (CreateView) statement;
            PlainSelect select = view.getSelect().getPlainSelect();
            String table = select.getFromItem().toString();
            assertThat(view.getView().getFullyQualifiedName()).isEqualTo(table + "_LATEST");
            AnalyticExpression latest = (AnalyticExpression) ((EqualsTo) select.getQualify()).getLeftExpression();
            Set<String> columns = new TreeSet<>();
            latest.getPartitionExpressionList().forEach(e -> columns.add(((Column) e).getColumnName()));
            latest.getOrderByElements().forEach(e -> columns.add(e.getExpression().toString().split(":")[0]));
            assertThat(columns).as(table).isNotEmpty();
            assertThat(tables.get(table)).as("the columns %s reads", view.getView()).containsKeys(
                    columns.toArray(String[]::new));
            viewed.add(table);
        }
        assertThat(viewed).isEqualTo(tables.keySet());
    }

    @Test
    void theChecksExpectTheColumnsOfCreateTables() {
        List<Statement> statements = SnowflakeSql.statements(SnowflakeSql.CHECKS);
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Matcher row = Pattern.compile("\\('(\\w+)', '(\\w+)', '(\\w+)', '(\\w+)'\\)")
                .matcher(statements.get(statements.size() - 1).toString());
        while (row.find()) {
            expected.computeIfAbsent("RAW." + row.group(1) + "." + row.group(2), t -> new LinkedHashMap<>())
                    .put(row.group(3), row.group(4));
        }
        Map<String, Map<String, String>> families = new TreeMap<>();
        SnowflakeSql.tables().forEach((table, columns) -> {
            Map<String, String> family = new LinkedHashMap<>();
            columns.forEach((column, type) -> family.put(column, FAMILIES.get(type)));
            families.put(table, family);
        });
        assertThat(expected).isEqualTo(families);
    }

    @Test
    void theConnectorsRoleMayInsertAndEvolveEveryTableAndNothingElseAndRolesYmlAgrees() throws Exception {
        Set<String> tables = new TreeSet<>(SnowflakeSql.tables().keySet());
        Set<String> schemas = tables.stream().map(t -> t.substring(0, t.lastIndexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> insert = new TreeSet<>();
        Set<String> usage = new TreeSet<>();
        for (String sql : commands(SnowflakeSql.text(SnowflakeSql.CONNECTOR_USER))) {
            Matcher grant = Pattern.compile("GRANT (.+) ON (TABLE|SCHEMA|DATABASE) (\\S+) TO ROLE (\\w+)")
                    .matcher(sql);
            if (grant.matches()) {
                assertThat(grant.group(4)).isEqualTo(ROLE);
                switch (grant.group(2)) {
                    case "TABLE" -> {
                        assertThat(grant.group(1)).as(sql).isEqualTo("INSERT, EVOLVE SCHEMA");
                        insert.add(grant.group(3));
                    }
                    case "SCHEMA", "DATABASE" -> {
                        assertThat(grant.group(1)).as(sql).isEqualTo("USAGE");
                        usage.add(grant.group(3));
                    }
                    default -> throw new AssertionError(sql);
                }
            }
        }
        assertThat(insert).isEqualTo(tables);
        Set<String> expectedUsage = new TreeSet<>(schemas);
        expectedUsage.add("RAW");
        assertThat(usage).isEqualTo(expectedUsage);

        JsonNode roles = new ObjectMapper(new YAMLFactory()).readTree(SnowflakeSql.text("roles.yml"));
        JsonNode privileges = roles.path("roles").get(0).path(ROLE.toLowerCase(Locale.ROOT)).path("privileges");
        assertThat(names(privileges.path("tables").path("write"))).isEqualTo(lower(tables));
        assertThat(names(privileges.path("schemas").path("read"))).isEqualTo(lower(schemas));
        assertThat(names(privileges.path("databases").path("read"))).containsExactly("raw");
        assertThat(names(roles.path("users").get(0).path(ROLE.toLowerCase(Locale.ROOT)).path("member_of")))
                .containsExactly(ROLE.toLowerCase(Locale.ROOT));
    }

    @Test
    void everyStatementParsesOrIsSnowflakeAccessControlOrShow() {
        for (String file : List.of(SnowflakeSql.CREATE_TABLES, SnowflakeSql.SWITCH_OVER, SnowflakeSql.CHECKS,
                SnowflakeSql.LATEST_VIEWS)) {
            for (Statement statement : SnowflakeSql.statements(file)) {
                if (statement instanceof UnsupportedStatement) {
                    assertThat(statement.toString().trim()).as(file).matches(NOT_PARSED);
                }
            }
        }
    }

    /**
     * The statements of connector-user.sql. JSqlParser knows none of Snowflake's access control (GRANT … TO ROLE,
     * CREATE ROLE/USER), so they are split here and checked by pattern.
     */
    private static List<String> commands(String sql) {
        return Pattern.compile(";").splitAsStream(sql.replaceAll("--[^\n]*", ""))
                .map(command -> command.replaceAll("\\s+", " ").trim()).filter(command -> !command.isEmpty())
                .toList();
    }

    private static Map<String, String> columns(Schema schema) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Schema.Field field : schema.getFields()) {
            Schema type = field.schema().isNullable() ? field.schema().getTypes().stream()
                    .filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow() : field.schema();
            String name = type.getLogicalType() instanceof LogicalTypes.TimestampMillis ? "timestamp-millis"
                    : type.getType().getName();
            columns.put(field.name().toUpperCase(Locale.ROOT), TYPES.get(name));
        }
        columns.put("RECORD_METADATA", "VARIANT");
        return columns;
    }

    private static String table(String topic) {
        return "RAW." + topic.toUpperCase(Locale.ROOT);
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new TreeSet<>();
        list.forEach(node -> names.add(node.asText()));
        return names;
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }
}
