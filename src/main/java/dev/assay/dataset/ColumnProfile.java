package dev.assay.dataset;

import dev.assay.infrastructure.ColumnTypes;
import dev.assay.infrastructure.Figures;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of a stored dataset: its name (as stored), DuckDB type, number of missing values, of
 * which {@code nonFinite} were written in the upload as NaN or an infinity (they are missing in the
 * stored dataset: see {@link MissingValues}), for a numeric column with values its summary (null
 * otherwise), and for a categorical column its most frequent categories with their counts (null for other
 * columns, for a column with too many distinct values to count, and in profiles stored before they were kept).
 */
public record ColumnProfile(String name, String type, long nulls, long nonFinite, Numeric numeric, Categories categories) {

    /** Looked up once: the static factories of {@code jakarta.json.Json} look the provider up on every call, a class-path scan each. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** At most this many categories are kept per column, the most frequent; the rest are one count. */
    public static final int TOP_CATEGORIES = 10;

    public ColumnProfile(String name, String type, long nulls) {
        this(name, type, nulls, 0, null, null);
    }

    public ColumnProfile(String name, String type, long nulls, long nonFinite, Numeric numeric) {
        this(name, type, nulls, nonFinite, numeric, null);
    }

    /** The same column with its categories counted. */
    public ColumnProfile withCategories(Categories counted) {
        return new ColumnProfile(name, type, nulls, nonFinite, numeric, counted);
    }

    /** One category of a column and its rows. */
    public record Category(String value, long count) {
    }

    /**
     * A categorical column's values: the {@link #TOP_CATEGORIES} most frequent with their rows (most rows first, ties
     * by value), how many distinct values the column has (missing values are not a category), and the rows of the
     * categories not listed.
     */
    public record Categories(List<Category> top, long distinct, long others) {

        public Categories {
            top = List.copyOf(top);
        }

        /** "Female 3,012 · Male 2,988 · 2 more categories: 140 rows", as the portal and the PDF show it. */
        public String text() {
            List<String> parts = new ArrayList<>();
            for (Category c : top) {
                parts.add(c.value() + " " + Figures.count(c.count()));
            }
            long more = distinct - top.size();
            if (more > 0) {
                parts.add(Figures.count(more) + " more categor" + (more == 1 ? "y" : "ies") + ": " + Figures.count(others) + " rows");
            }
            return String.join(" \u00b7 ", parts);
        }
    }

    /** A profile figure: an integer column's whole values as counts ("1,200"), any other as {@link Figures#number}. */
    public String figure(Double v) {
        return v != null && ColumnTypes.isInteger(type) && v == Math.rint(v) && Math.abs(v) < 1e15
                ? Figures.count(v.longValue()) : Figures.number(v);
    }

    /**
     * Mean, sample standard deviation (undefined, so null, with fewer than two values), extremes and
     * quartiles (linear interpolation, numpy's default) of the non-null values. The quartiles are exact
     * up to {@code ParquetIngest.EXACT_QUARTILE_ROWS} rows; above, they are those of a repeatable
     * pseudo-random sample of about {@code ParquetIngest.QUARTILE_SAMPLE_ROWS} rows, and
     * {@code quartileSample} says the size aimed at (null when exact). Everything else is exact.
     */
    public record Numeric(double mean, Double std, double min, Double p25, Double median, Double p75, double max,
                          Long quartileSample) {

        public boolean hasQuartiles() {
            return median != null;
        }

        public boolean sampledQuartiles() {
            return quartileSample != null;
        }
    }

    /** The missing values as a reader sees them: "12", or "12 (4 NaN/inf)" when the upload wrote some so. */
    public String missingText() {
        return missingText(nulls, nonFinite);
    }

    /** The one wording of a column's missing values, for the portal and the PDF alike. */
    public static String missingText(long nulls, long nonFinite) {
        return nonFinite == 0 ? Figures.count(nulls) : Figures.count(nulls) + " (" + Figures.count(nonFinite) + " NaN/inf)";
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", name).add("type", type).add("nulls", nulls)
                .add("nonFinite", nonFinite);
        if (numeric != null) {
            JsonObjectBuilder n = JSON.createObjectBuilder().add("mean", numeric.mean())
                    .add("std", nullable(numeric.std()))
                    .add("min", numeric.min()).add("p25", nullable(numeric.p25())).add("median", nullable(numeric.median()))
                    .add("p75", nullable(numeric.p75())).add("max", numeric.max());
            if (numeric.sampledQuartiles()) {
                n.add("quartileSample", numeric.quartileSample());
            }
            b.add("numeric", n);
        }
        if (categories != null) {
            // Only for a column whose categories were counted: other profiles keep the shape they always had.
            var top = JSON.createArrayBuilder();
            categories.top().forEach(c -> top.add(JSON.createObjectBuilder().add("value", c.value()).add("count", c.count())));
            b.add("categories", JSON.createObjectBuilder().add("top", top).add("distinct", categories.distinct())
                    .add("others", categories.others()));
        }
        return b.build();
    }

    public static ColumnProfile fromJson(JsonObject o) {
        Numeric numeric = null;
        if (o.get("numeric") instanceof JsonObject n) {
            numeric = new Numeric(n.getJsonNumber("mean").doubleValue(),
                    number(n.get("std")), n.getJsonNumber("min").doubleValue(),
                    number(n.get("p25")), number(n.get("median")), number(n.get("p75")), n.getJsonNumber("max").doubleValue(),
                    n.get("quartileSample") instanceof JsonNumber sample ? sample.longValue() : null);
        }
        // Profiles stored before non-finite values were counted have no such field: none were removed then.
        long nonFinite = o.get("nonFinite") instanceof JsonNumber count ? count.longValue() : 0;
        Categories categories = null;
        if (o.get("categories") instanceof JsonObject c) {
            categories = new Categories(c.getJsonArray("top").getValuesAs(JsonObject.class).stream()
                    .map(t -> new Category(t.getString("value"), t.getJsonNumber("count").longValue())).toList(),
                    c.getJsonNumber("distinct").longValue(), c.getJsonNumber("others").longValue());
        }
        return new ColumnProfile(o.getString("name"), o.getString("type"), o.getJsonNumber("nulls").longValue(), nonFinite,
                numeric, categories);
    }

    private static JsonValue nullable(Double v) {
        return v == null ? JsonValue.NULL : JSON.createValue(v);
    }

    private static Double number(JsonValue v) {
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
