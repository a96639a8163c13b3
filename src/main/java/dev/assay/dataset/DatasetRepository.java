package dev.assay.dataset;

import java.util.List;
import java.util.Optional;

public interface DatasetRepository {

    Optional<Dataset> find(String id);

    void add(Dataset dataset);

    /** The datasets of one model version, newest first. */
    List<Dataset> ofVersion(String modelVersionId);
}
