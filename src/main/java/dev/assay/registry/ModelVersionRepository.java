package dev.assay.registry;

import java.util.List;
import java.util.Optional;

public interface ModelVersionRepository {

    Optional<ModelVersion> find(String model, String version);

    Optional<ModelVersion> findById(String id);

    void add(ModelVersion version);

    /** The versions whose card names the artifact {@code digest} (at most one per model). */
    List<ModelVersion> byArtifact(String digest);

    /** Every version, newest first within each model. */
    List<ModelVersion> all();

    /** The versions of one model, newest first. */
    List<ModelVersion> ofModel(String model);
}
