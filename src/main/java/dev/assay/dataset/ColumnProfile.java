package dev.assay.dataset;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * One column of a stored dataset: its name (as stored), DuckDB type, number of missing values, of
 * which {@code nonFinite} were written in the upload as NaN or an infinity (they are missing in the
 * stored dataset: see {@link MissingValues}), and for a numeric column with values its summary (null
 * otherwise).
 */
public record ColumnProfile(String name, String type, long nulls, long nonFinite, Numeric numeric) {

    /** Looked up once: the static factories of {@code jakarta.json.Json} look the provider up on every call, a class-path scan each. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public ColumnProfile(String name, String type, long nulls) {
        this(name, type, nulls, 0, null);
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
        return nonFinite == 0 ? Long.toString(nulls) : nulls + " (" + nonFinite + " NaN/inf)";
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
        return new ColumnProfile(o.getString("name"), o.getString("type"), o.getJsonNumber("nulls").longValue(), nonFinite,
                numeric);
    }

    private static JsonValue nullable(Double v) {
        return v == null ? JsonValue.NULL : JSON.createValue(v);
    }

    private static Double number(JsonValue v) {
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
