package dev.assay.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The audit runs waiting for a server, and the claims servers hold on them, in the database every server
 * shares: what lets more than one Assay run the audits of one database, each audit once.
 */
public interface AuditQueue {

    /**
     * The oldest run a server may claim now (QUEUED, or RUNNING with its lease past or absent: its server
     * stopped), locked for the caller's transaction; rows another transaction holds locked are skipped, so
     * two servers claiming at once take different runs. Mandatory transaction.
     */
    Optional<AuditRun> nextClaimable(Instant now);

    /** The run, locked for the caller's transaction (mandatory), so its claim cannot move until it ends. */
    Optional<AuditRun> locked(String id);

    /** Extends to {@code until} the leases {@code server} holds on the runs {@code ids} (those it is running); how many. */
    int renew(String server, Collection<String> ids, Instant until);

    /**
     * Queues again the runs {@code server} holds: called as it starts, when nothing of its earlier life runs any
     * more, so they are claimable at once instead of after their lease (their attempts still count). How many.
     */
    int release(String server);

    /**
     * Locks the version's row for the caller's transaction (mandatory): audits of one version are created,
     * and finished, one at a time across servers, so the same inputs asked twice at once make one audit and
     * a gate change is judged against the gate before it.
     */
    void lockVersion(String modelVersionId);
}
