package dev.assay.metric.performance;

import dev.assay.metric.OutcomeColumns;
import jakarta.json.Json;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Two sides of a paired comparison as Parquet files with their outcome columns: id, g, y, p, s and w. */
final class PairedTables {

    private PairedTables() {
    }

    /** A side's Parquet file: its id column of {@code idType} (INTEGER or VARCHAR: ids pair by meaning). */
    static Path write(Path dir, List<PairedReference.Row> rows, String idType) throws Exception {
        StringBuilder csv = new StringBuilder("id,g,y,p,s,w\n");
        for (PairedReference.Row r : rows) {
            csv.append(text(r.id())).append(',').append(text(r.group())).append(',').append(text(r.y())).append(',')
                    .append(text(r.p())).append(',').append(text(r.s())).append(',').append(r.w()).append('\n');
        }
        return dev.assay.metric.Tables.toParquet(dir, csv.toString(), "{'id': '" + idType
                + "', 'g': 'VARCHAR', 'y': 'INTEGER', 'p': 'INTEGER', 's': 'DOUBLE', 'w': 'BIGINT'}");
    }

    /** Label y and prediction p with 1 positive, score s, weight w when {@code weighted}. */
    static OutcomeColumns outcomes(String idType, boolean weighted) {
        return new OutcomeColumns("p", Optional.of(Json.createValue(1)), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.of(Json.createValue(1)), Optional.of("s"), Map.of("id", idType, "g", "VARCHAR", "y", "INTEGER", "p", "INTEGER",
                "s", "DOUBLE", "w", "BIGINT"), weighted ? Optional.of("w") : Optional.empty());
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
