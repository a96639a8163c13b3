package dev.assay.dataset;

import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.ValueMatch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The profile of a dataset by reference, computed where it lives in two aggregate scans (only these figures
 * come back): rows; per column its missing values (non-finite ones included, as {@link MissingValues} makes
 * them missing) and how many of those were non-finite; for a numeric column with values, mean, sample
 * standard deviation, minimum and maximum. No quartiles: exact ones would sort every value of every numeric
 * column on the cluster, and a sample's would not be the uploads' figures ({@link ColumnProfile.Numeric}
 * allows them to be absent).
 */
final class ReferenceProfile {

    private ReferenceProfile() {
    }

    /**
     * @param data  the reference as audits read it ({@link MissingValues#canonical})
     * @param raw   the same relation before that, to count what was not finite
     * @param types every column with its type, in order
     */
    static ParquetIngest.Profile of(DatasetScan data, String raw, Map<String, String> types) throws SQLException {
        ValueMatch.Spelling sql = data.sql();
        List<String> names = List.copyOf(types.keySet());
        StringBuilder select = new StringBuilder("SELECT count(*)");
        for (String name : names) {
            String col = sql.identifier(name);
            select.append(", count(").append(col).append(")");
            if (ColumnTypes.isNumeric(types.get(name))) {
                String x = "CAST(" + col + " AS DOUBLE)";
                select.append(", avg(").append(x).append("), stddev_samp(").append(x).append("), min(").append(x)
                        .append("), max(").append(x).append(")");
            }
        }
        List<String> r = data.rows(select.append(" FROM ").append(data.relation()).toString()).get(0);
        List<String> mayBeNonFinite = names.stream().filter(n -> List.of("DOUBLE", "FLOAT", "REAL", "VARCHAR")
                .contains(types.get(n).toUpperCase(Locale.ROOT))).toList();
        List<String> rawCounts = mayBeNonFinite.isEmpty() ? List.of() : data.rows("SELECT " + String.join(", ",
                mayBeNonFinite.stream().map(n -> "count(" + sql.identifier(n) + ")").toList()) + " FROM " + raw).get(0);
        long rows = Long.parseLong(r.get(0));
        List<ColumnProfile> columns = new ArrayList<>();
        int at = 1;
        for (String name : names) {
            long values = Long.parseLong(r.get(at++));
            int k = mayBeNonFinite.indexOf(name);
            long nonFinite = k < 0 ? 0 : Long.parseLong(rawCounts.get(k)) - values;
            ColumnProfile.Numeric numeric = null;
            if (ColumnTypes.isNumeric(types.get(name))) {
                String mean = r.get(at);
                String std = r.get(at + 1);
                if (mean != null) {
                    Double sampleStd = std == null || Double.isNaN(Double.parseDouble(std)) ? null : Double.parseDouble(std);
                    numeric = new ColumnProfile.Numeric(Double.parseDouble(mean), sampleStd, Double.parseDouble(r.get(at + 2)),
                            null, null, null, Double.parseDouble(r.get(at + 3)), null);
                }
                at += 4;
            }
            columns.add(new ColumnProfile(name, types.get(name), rows - values, nonFinite, numeric));
        }
        return new ParquetIngest.Profile(rows, columns);
    }
}
