package dev.assay.dataset;

import java.util.List;
import java.util.Optional;

public interface DatasetRepository {

    Optional<Dataset> find(String id);

    void add(Dataset dataset);

    /** The datasets of one model version, newest first. */
    List<Dataset> ofVersion(String modelVersionId);

    /** The SHA-256 of every dataset recorded: the Parquet files of the store that have their row. */
    java.util.Set<String> allSha256();
}
