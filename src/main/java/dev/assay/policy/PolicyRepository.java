package dev.assay.policy;

import java.util.List;
import java.util.Optional;

public interface PolicyRepository {

    Optional<StoredPolicy> bySha(String sha256);

    /** The newest stored version of a pack. */
    Optional<StoredPolicy> latest(String policyId);

    /** The newest version of every pack. */
    List<StoredPolicy> latestOfEach();

    void add(StoredPolicy policy);

    /** Every stored version of a pack, newest first. */
    List<StoredPolicy> versions(String policyId);
}
