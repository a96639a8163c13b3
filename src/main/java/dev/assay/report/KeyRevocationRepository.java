package dev.assay.report;

import java.util.List;
import java.util.Optional;

/** Revoked signing keys: added once, never changed or removed (a revocation cannot be undone). */
public interface KeyRevocationRepository {

    Optional<KeyRevocation> find(String keyId);

    void add(KeyRevocation revocation);

    List<KeyRevocation> all();
}
