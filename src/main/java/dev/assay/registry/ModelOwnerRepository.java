package dev.assay.registry;

import java.util.List;

/** Who owns which model. */
public interface ModelOwnerRepository {

    /** The owners of a model, by name; empty for a model nobody registered. */
    List<String> owners(String model);

    /** The models a person owns. */
    List<String> modelsOf(String person);

    void add(ModelOwner owner);

    void remove(String model, String person);
}
