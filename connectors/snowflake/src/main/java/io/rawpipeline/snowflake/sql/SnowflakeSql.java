package io.rawpipeline.snowflake.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * The Snowflake SQL of {@code connectors/snowflake/sql/}, parsed with JSqlParser. Statements it does not know
 * (Snowflake's SHOW, GRANT, CREATE ROLE/USER) come back as {@code UnsupportedStatement}; any other statement that
 * does not parse is an error naming the file.
 */
public final class SnowflakeSql {

    public static final String CREATE_TABLES = "create-tables.sql";
    public static final String SWITCH_OVER = "switch-over.sql";
    public static final String CHECKS = "checks.sql";
    public static final String CONNECTOR_USER = "connector-user.sql";
    public static final String LATEST_VIEWS = "latest-views.sql";

    private SnowflakeSql() {
    }

    /** The statements of one file of {@code sql/}, in order. */
    public static List<Statement> statements(String file) {
        String sql = text(file);
        try {
            return CCJSqlParserUtil.parseStatements(sql, parser -> parser.withUnsupportedStatements(true));
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("sql/" + file + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The text of one file of {@code sql/}. */
    public static String text(String file) {
        try (InputStream in = SnowflakeSql.class.getResourceAsStream("/snowflake/" + file)) {
            return new String(Objects.requireNonNull(in, "sql/" + file).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables of {@code create-tables.sql}: {@code RAW.SCHEMA.TABLE} → column → type as written. */
    public static Map<String, Map<String, String>> tables() {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (Statement statement : statements(CREATE_TABLES)) {
            CreateTable create = (CreateTable) statement;
            Map<String, String> columns = new LinkedHashMap<>();
            create.getColumnDefinitions().forEach(column ->
                    columns.put(column.getColumnName(), type(column.getColDataType())));
            tables.put(create.getTable().getFullyQualifiedName().toUpperCase(Locale.ROOT), columns);
        }
        return tables;
    }

    /** A column type as Snowflake writes it: {@code TIMESTAMP(6)}, {@code NUMBER(38,0)}, {@code VARCHAR}. */
    public static String type(ColDataType type) {
        List<String> arguments = type.getArgumentsStringList();
        String name = type.getDataType().toUpperCase(Locale.ROOT).replace(" ", "");
        return arguments == null || arguments.isEmpty() ? name
                : name + arguments.stream().map(String::trim).collect(Collectors.joining(",", "(", ")"));
    }
}
