package dev.assay.registry;

import java.util.List;
import java.util.Optional;

public interface ModelVersionRepository {

    Optional<ModelVersion> find(String model, String version);

    Optional<ModelVersion> findById(String id);

    void add(ModelVersion version);

    /** Every version, newest first within each model. */
    List<ModelVersion> all();

    /** The versions of one model, newest first. */
    List<ModelVersion> ofModel(String model);
}
