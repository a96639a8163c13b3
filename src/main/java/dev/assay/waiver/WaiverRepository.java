package dev.assay.waiver;

import java.util.List;
import java.util.Optional;

public interface WaiverRepository {

    Optional<Waiver> find(String id);

    Optional<WaiverDecision> decision(String waiverId);

    List<Waiver> ofVersion(String modelVersionId);

    /** Waivers whose expiry falls in {@code (from, to]}, soonest first. */
    List<Waiver> expiringBetween(java.time.Instant from, java.time.Instant to);

    void add(Waiver waiver);

    void decide(WaiverDecision decision);
}
