package io.rawpipeline.connect.warehouse.table;

import java.util.List;
import java.util.Map;

/**
 * A table's columns in table order with their DuckDB types, and its primary key (empty when rows never replace
 * each other).
 */
public record TableShape(Map<String, String> types, List<String> key) {

    public boolean keyed() {
        return !key.isEmpty();
    }
}
