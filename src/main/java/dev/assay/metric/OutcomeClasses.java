package dev.assay.metric;

import dev.assay.infrastructure.ValueMatch;
import dev.assay.metric.scan.SqlDialect;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes of a multiclass model, as its card names them, and the favorable ones among them. A label or
 * prediction value is one class when it means that class ({@link ValueMatch}: {@code 1}, {@code 1.0},
 * {@code "1"} and {@code true} are class {@code 1}); a non-null value that means none of them is
 * <em>outside</em> the classes: counted and reported as such (index {@link #outside()}), never dropped.
 *
 * @param values    the classes, in the card's order (strings or numbers), distinct by meaning
 * @param favorable the favorable classes (a subset of {@code values}); empty when the card names none
 */
public record OutcomeClasses(List<JsonValue> values, List<JsonValue> favorable) {

    /** How a value outside the classes is named where a class would be (the confusion matrix's last row and column). */
    public static final String OUTSIDE = "(outside the classes)";

    public OutcomeClasses {
        values = List.copyOf(values);
        favorable = List.copyOf(favorable);
    }

    /** K, the number of classes. */
    public int size() {
        return values.size();
    }

    /** The index of values outside the classes in a class index's range (K); a missing value has none (SQL NULL). */
    public int outside() {
        return values.size();
    }

    /** Each class's name as reported ({@code class}): a string as written, a number as its JSON text. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v instanceof JsonString s ? s.getString() : v.toString()));
        return names;
    }

    public boolean hasFavorable() {
        return !favorable.isEmpty();
    }

    /** Whether class {@code index} (0 to K-1) is favorable; the outside index never is. */
    public boolean isFavorable(int index) {
        return index >= 0 && index < values.size() && favorable.stream().anyMatch(f -> ValueMatch.sameMeaning(f, values.get(index)));
    }

    /**
     * The class index of a column's value as SQL: 0 to K-1 for the class it means (the first, in the card's order;
     * classes are distinct by meaning, so at most one matches), K for a value outside the classes, NULL for a
     * missing value. Written in the dialect of the engine that runs it.
     */
    public String indexSql(SqlDialect sql, String column, String columnType) {
        StringBuilder b = new StringBuilder("CASE WHEN ").append(sql.identifier(column)).append(" IS NULL THEN NULL");
        for (int i = 0; i < values.size(); i++) {
            b.append(" WHEN ").append(ValueMatch.equalsSql(sql, column, columnType, values.get(i))).append(" THEN ").append(i);
        }
        return b.append(" ELSE ").append(outside()).append(" END").toString();
    }

    /** Whether a column's value is one of the favorable classes, as SQL (NULL for a missing value); FALSE without any. */
    public String favorableSql(SqlDialect sql, String column, String columnType) {
        if (favorable.isEmpty()) {
            return "FALSE";
        }
        List<String> any = new ArrayList<>();
        favorable.forEach(f -> any.add("(" + ValueMatch.equalsSql(sql, column, columnType, f) + ")"));
        return "(" + String.join(" OR ", any) + ")";
    }
}
