package dev.assay.api;

import dev.assay.dataset.ColumnProfile;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One column of a dataset as the API shows it; {@code numeric} only for a numeric column with values. */
@JsonbPropertyOrder({"name", "type", "nulls", "nonFinite", "numeric"})
public record ColumnView(String name, String type, long nulls, long nonFinite, Numeric numeric) {

    /**
     * The summary of a numeric column. {@code Double}, not {@code double}: see {@link ViewJson} on doubles.
     * The undefined statistics are {@code null}, not left out, as they always were; {@code quartileSample}
     * is there only when the quartiles come from a sample.
     */
    @JsonbPropertyOrder({"mean", "std", "min", "p25", "median", "p75", "max", "quartileSample"})
    public record Numeric(Double mean, @JsonbNillable Double std, Double min, @JsonbNillable Double p25,
                          @JsonbNillable Double median, @JsonbNillable Double p75, Double max, Long quartileSample) {

        static Numeric of(ColumnProfile.Numeric n) {
            return n == null ? null : new Numeric(n.mean(), n.std(), n.min(), n.p25(), n.median(), n.p75(), n.max(),
                    n.quartileSample());
        }
    }

    static ColumnView of(ColumnProfile c) {
        return new ColumnView(c.name(), c.type(), c.nulls(), c.nonFinite(), Numeric.of(c.numeric()));
    }
}
