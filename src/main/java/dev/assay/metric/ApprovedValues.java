package dev.assay.metric;

import java.util.Map;
import java.util.Optional;

/**
 * The whole-dataset metric values of the model's last approved version, as its latest finished audit
 * reported them: what a new version's performance is compared with.
 *
 * @param version the approved version
 * @param audit   the audit whose values these are
 * @param overall value by metric id (scope and group null, defined values only)
 */
public record ApprovedValues(String version, String audit, Map<String, Double> overall) {

    /** No approved version to compare with. */
    public static final ApprovedValues NONE = new ApprovedValues(null, null, Map.of());

    public ApprovedValues {
        overall = Map.copyOf(overall);
    }

    public boolean exists() {
        return version != null;
    }

    public Optional<Double> value(String metric) {
        return Optional.ofNullable(overall.get(metric));
    }
}
