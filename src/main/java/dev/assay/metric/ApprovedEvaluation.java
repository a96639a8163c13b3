package dev.assay.metric;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The model's last approved version as the changes from it read it: the version, the audit its approval
 * rests on, and that audit's pinned evaluation dataset read with the approved version's own model card (its
 * outcome columns and id column). The values "before" are computed from it by the same code as the values
 * now, so they are the values that audit reported (its dataset is pinned by hash and never changes); the
 * paired tests join it with this audit's dataset by id.
 *
 * @param parquet  the approved audit's evaluation dataset as stored
 * @param outcomes its outcome columns, by the approved version's card, with that dataset's column types
 * @param id       the approved card's id column, if it names one
 */
public record ApprovedEvaluation(String version, String audit, Path parquet, OutcomeColumns outcomes, Optional<String> id) {

    /** No approved version to compare with. */
    public static final ApprovedEvaluation NONE = new ApprovedEvaluation(null, null, null, null, Optional.empty());

    public boolean exists() {
        return version != null;
    }
}
