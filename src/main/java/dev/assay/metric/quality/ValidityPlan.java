package dev.assay.metric.quality;

import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.OutcomeColumns;
import dev.assay.infrastructure.ValueMatch;
import dev.assay.infrastructure.ColumnTypes;
import dev.assay.metric.quality.ValidityState.CheckCount;
import dev.assay.metric.quality.ValidityState.ColumnCheck;
import dev.assay.metric.quality.ValidityState.NamedColumn;
import dev.assay.metric.quality.ValidityState.PredictionCount;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.assay.metric.scan.ScanEngine;
import dev.assay.metric.scan.SqlDialect;
import dev.assay.metric.scan.Table;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validity scan: every declared column check, the non-null values of every column the card
 * names, and the valid predictions and scores, counted in one statement over the dataset.
 */
public final class ValidityPlan {

    /** A label with more distinct values than this is not a class label: the prediction domain is then unknown. */
    static final int MAX_LABEL_VALUES = 1000;

    /** A column the card names, by role; a role that computes with numbers needs a numeric column. */
    public record NamedRole(String name, String role, boolean needsNumbers) {
    }

    private final List<ColumnCheck> checks;
    private final List<NamedRole> named;
    private final OutcomeColumns outcomes;
    private final boolean predictions;
    private final boolean regression;

    /**
     * @param predictions whether to count valid predictions and scores
     * @param regression  whether a valid prediction is any finite number (a regression) rather than a label value
     */
    public ValidityPlan(List<ColumnCheck> checks, List<NamedRole> named, OutcomeColumns outcomes, boolean predictions,
                        boolean regression) {
        this.checks = List.copyOf(checks);
        this.named = List.copyOf(named);
        this.outcomes = outcomes;
        this.predictions = predictions;
        this.regression = regression;
    }

    public ValidityState execute(ScanEngine engine, Table table) throws SQLException {
        Map<String, String> types = outcomes.columnTypes();
        List<ColumnCheck> present = checks.stream().filter(k -> types.containsKey(k.column())).toList();
        List<NamedRole> presentNamed = named.stream().filter(n -> types.containsKey(n.name())).toList();
        SqlDialect d = engine.dialect();
        StringBuilder sql = new StringBuilder("SELECT count(*) AS n");
        for (int i = 0; i < present.size(); i++) {
            ColumnCheck check = present.get(i);
            String col = d.identifier(check.column());
            sql.append(", count(").append(col).append(") AS nn").append(i)
                    .append(", count(*) FILTER (WHERE ").append(col).append(" IS NOT NULL AND (")
                    .append(condition(d, check, types.get(check.column()))).append(")) AS m").append(i);
        }
        for (int i = 0; i < presentNamed.size(); i++) {
            sql.append(", count(").append(d.identifier(presentNamed.get(i).name())).append(") AS c").append(i);
        }
        String domainText = null;
        String undefined = null;
        if (predictions) {
            Optional<Domain> domain = regression ? Optional.empty() : domain(engine, table);
            if (!regression && domain.isEmpty()) {
                undefined = outcomes.label().isEmpty() ? "needs a label column: its values are the valid predictions"
                        : "the label has more than " + MAX_LABEL_VALUES + " distinct values: not a class label";
            } else {
                String prediction = regression ? numericSql(d, outcomes.prediction(), types)
                        : domain.orElseThrow().sql(d, outcomes.prediction(), types.get(outcomes.prediction()));
                domainText = regression ? "finite numbers" : domain.orElseThrow().text();
                String score = outcomes.score().filter(types::containsKey)
                        .map(s -> "TRY_CAST(" + d.identifier(s) + " AS DOUBLE) BETWEEN 0 AND 1").orElse("TRUE");
                sql.append(", count(*) FILTER (WHERE coalesce(").append(prediction).append(", FALSE)) AS pv")
                        .append(", count(*) FILTER (WHERE coalesce(").append(score).append(", FALSE)) AS sv")
                        .append(", count(*) FILTER (WHERE coalesce(").append(prediction).append(", FALSE) AND coalesce(")
                        .append(score).append(", FALSE)) AS bv");
            }
        }
        sql.append(table.from());
        String why = undefined;
        String domainValues = domainText;
        return engine.one(sql.toString(), r -> {
            long rows = r.getLong("n");
            Map<ColumnCheck, CheckCount> counts = new LinkedHashMap<>();
            for (int i = 0; i < present.size(); i++) {
                counts.put(present.get(i), new CheckCount(r.getLong("nn" + i), r.getLong("m" + i)));
            }
            List<NamedColumn> columns = new ArrayList<>();
            for (NamedRole role : named) {
                int i = presentNamed.indexOf(role);
                columns.add(new NamedColumn(role.name(), role.role(), types.get(role.name()), role.needsNumbers(),
                        i < 0 ? 0 : r.getLong("c" + i)));
            }
            PredictionCount p = null;
            if (predictions) {
                boolean scored = outcomes.score().filter(types::containsKey).isPresent();
                p = why != null ? new PredictionCount(0, 0, 0, scored, null, why)
                        : new PredictionCount(r.getLong("pv"), r.getLong("sv"), r.getLong("bv"), scored, domainValues, null);
            }
            return new ValidityState(rows, counts, columns, p);
        });
    }

    /** SQL true for a non-null value the check counts (see {@link CheckCount#counted()}). */
    static String condition(SqlDialect d, ColumnCheck check, String columnType) {
        String col = d.identifier(check.column());
        ColumnExpectation e = check.expectation();
        return switch (check.metric()) {
            case "type_validity" -> typeSql(d, col, columnType, e.type());
            case "allowed_values" -> String.join(" OR ", e.allowedValues().stream()
                    .map(v -> "(" + ValueMatch.equalsSql(d, check.column(), columnType, v) + ")").toList());
            case "value_range" -> {
                // Outside: not a finite number within the bounds (text that is no number is outside too).
                String x = ColumnTypes.isNumeric(columnType) ? "CAST(" + col + " AS DOUBLE)"
                        : "TRY_CAST(trim(" + d.text(col) + ") AS DOUBLE)";
                StringBuilder inside = new StringBuilder(d.isFinite(x));
                if (e.minimum() != null) {
                    inside.append(" AND ").append(x).append(" >= ").append(BigDecimal.valueOf(e.minimum()).toPlainString());
                }
                if (e.maximum() != null) {
                    inside.append(" AND ").append(x).append(" <= ").append(BigDecimal.valueOf(e.maximum()).toPlainString());
                }
                yield "NOT coalesce(" + inside + ", FALSE)";
            }
            case "pattern_match" -> d.regexMatches(d.text(col), e.pattern());
            default -> throw new IllegalArgumentException("not a column check: " + check.metric());
        };
    }

    /** A value is of the declared type when it is stored as it, or when its text reads as it. */
    private static String typeSql(SqlDialect d, String col, String columnType, ColumnExpectation.DeclaredType type) {
        String text = "trim(" + d.text(col) + ")";
        return switch (type) {
            case STRING -> "TRUE";
            case BOOLEAN -> ColumnTypes.is(columnType, "BOOLEAN") ? "TRUE" : "TRY_CAST(" + text + " AS BOOLEAN) IS NOT NULL";
            // DuckDB rounds '1.5' to 2 when casting text to an integer: whole numbers are recognized by their digits.
            case INTEGER -> ColumnTypes.isInteger(columnType) ? "TRUE"
                    : ColumnTypes.isNumeric(columnType)
                    ? d.isFinite("CAST(" + col + " AS DOUBLE)") + " AND " + d.isWhole("CAST(" + col + " AS DOUBLE)")
                    : d.regexFullMatch(text, "[+-]?[0-9]+");
            case NUMBER -> ColumnTypes.isNumeric(columnType) ? d.isFinite("CAST(" + col + " AS DOUBLE)")
                    : "coalesce(" + d.isFinite("TRY_CAST(" + text + " AS DOUBLE)") + ", FALSE)";
            case DATE -> ColumnTypes.is(columnType, "DATE") ? "TRUE" : "TRY_CAST(" + text + " AS DATE) IS NOT NULL";
            case TIMESTAMP -> ColumnTypes.is(columnType, "TIMESTAMP") || ColumnTypes.is(columnType, "DATE") ? "TRUE"
                    : "TRY_CAST(" + text + " AS TIMESTAMP) IS NOT NULL";
        };
    }

    private static String numericSql(SqlDialect d, String column, Map<String, String> types) {
        String col = d.identifier(column);
        return ColumnTypes.isNumeric(types.get(column)) ? d.isFinite("CAST(" + col + " AS DOUBLE)")
                : d.isFinite("TRY_CAST(trim(" + d.text(col) + ") AS DOUBLE)");
    }

    /** The values a classifier's prediction may take: the label's values, the favorable outcome and the positive predictions. */
    private record Domain(Set<JsonValue> values) {

        String sql(SqlDialect d, String prediction, String predictionType) {
            return String.join(" OR ", values.stream()
                    .map(v -> "(" + ValueMatch.equalsSql(d, prediction, predictionType, v) + ")").toList());
        }

        String text() {
            return String.join(", ", values.stream().map(v -> v instanceof JsonString s ? s.getString()
                    : v.toString()).toList());
        }
    }

    private Optional<Domain> domain(ScanEngine engine, Table table) throws SQLException {
        if (outcomes.classes().isPresent()) {
            // A multiclass model's predictions are valid when they are one of its card's classes, whatever the labels hold.
            return Optional.of(new Domain(new LinkedHashSet<>(outcomes.classes().get().values())));
        }
        if (outcomes.label().isEmpty() || !outcomes.columnTypes().containsKey(outcomes.label().get())) {
            return Optional.empty();
        }
        String label = outcomes.label().get();
        String type = outcomes.columnTypes().get(label);
        Set<JsonValue> values = new LinkedHashSet<>();
        String col = engine.dialect().identifier(label);
        engine.scan("SELECT DISTINCT " + col + table.from() + " WHERE " + col
                + " IS NOT NULL ORDER BY 1 LIMIT " + (MAX_LABEL_VALUES + 1), r -> {
            values.add(ColumnTypes.isNumeric(type) ? Json.createValue(new BigDecimal(r.getString(1)))
                    : ColumnTypes.is(type, "BOOLEAN") ? (r.getBoolean(1) ? JsonValue.TRUE : JsonValue.FALSE)
                    : Json.createValue(r.getString(1)));
            return true;
        });
        if (values.size() > MAX_LABEL_VALUES) {
            return Optional.empty();
        }
        outcomes.favorableOutcome().ifPresent(values::add);
        values.addAll(outcomes.positivePrediction());
        return Optional.of(new Domain(values));
    }
}
