package dev.assay.dataset;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * One column of a stored dataset: its name (as stored), DuckDB type, number of nulls, and for a
 * numeric column with values its summary (null otherwise).
 */
public record ColumnProfile(String name, String type, long nulls, Numeric numeric) {

    public ColumnProfile(String name, String type, long nulls) {
        this(name, type, nulls, null);
    }

    /**
     * Mean, sample standard deviation (undefined, so null, with fewer than two values), extremes and
     * exact quartiles (linear interpolation, as numpy's default) of the non-null values.
     */
    public record Numeric(double mean, Double std, double min, double p25, double median, double p75, double max) {
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("name", name).add("type", type).add("nulls", nulls);
        if (numeric != null) {
            JsonObjectBuilder n = Json.createObjectBuilder().add("mean", numeric.mean())
                    .add("std", numeric.std() == null ? JsonValue.NULL : Json.createValue(numeric.std()))
                    .add("min", numeric.min()).add("p25", numeric.p25()).add("median", numeric.median())
                    .add("p75", numeric.p75()).add("max", numeric.max());
            b.add("numeric", n);
        }
        return b.build();
    }

    public static ColumnProfile fromJson(JsonObject o) {
        Numeric numeric = null;
        if (o.get("numeric") instanceof JsonObject n) {
            numeric = new Numeric(n.getJsonNumber("mean").doubleValue(),
                    n.get("std") instanceof JsonNumber s ? s.doubleValue() : null, n.getJsonNumber("min").doubleValue(),
                    n.getJsonNumber("p25").doubleValue(), n.getJsonNumber("median").doubleValue(),
                    n.getJsonNumber("p75").doubleValue(), n.getJsonNumber("max").doubleValue());
        }
        return new ColumnProfile(o.getString("name"), o.getString("type"), o.getJsonNumber("nulls").longValue(), numeric);
    }
}
