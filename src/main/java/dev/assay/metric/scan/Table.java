package dev.assay.metric.scan;

/**
 * A dataset as a relation a scan's SQL can read from, supplied by the engine that will run the scan:
 * {@code read_parquet('…/ab12….parquet')} on DuckDB, a registered view's name on Spark SQL.
 *
 * @param sql the relation as it goes after FROM (or into a subquery): never user input, already quoted
 */
public record Table(String sql) {

    /** {@code " FROM <relation>"}, the clause most scans end with. */
    public String from() {
        return " FROM " + sql;
    }
}
