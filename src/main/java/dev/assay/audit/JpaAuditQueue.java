package dev.assay.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The queue on the audit_run table. The claim is one native statement, {@code FOR UPDATE SKIP LOCKED} after
 * {@code FETCH FIRST 1 ROWS ONLY}: standard SQL that PostgreSQL and H2 2.x both accept as written, so no dialect
 * rewrites it (PostgreSQL locks the first row no other transaction holds; H2 locks every row it read, which on
 * H2's single server only lines up that server's own claims, already taken one at a time by {@link AuditWorker}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JpaAuditQueue implements AuditQueue {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<AuditRun> nextClaimable(Instant now) {
        // What this transaction changed (a run failed as abandoned) is what the statement must see.
        em.flush();
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT id FROM audit_run WHERE status = 'QUEUED'"
                        + " OR (status = 'RUNNING' AND (lease_until IS NULL OR lease_until < ?1))"
                        + " ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).getResultList();
        // Locked by the statement above for this transaction: the entity read now is the row as locked.
        return ids.stream().findFirst().map(id -> em.find(AuditRun.class, id.toString()));
    }

    @Override
    public Optional<AuditRun> locked(String id) {
        return Optional.ofNullable(em.find(AuditRun.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    @Transactional
    public int renew(String server, Collection<String> ids, Instant until) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("update AuditRun a set a.leaseUntil = :until where a.id in :ids and a.claimedBy = :server"
                        + " and a.status = 'RUNNING'")
                .setParameter("until", until).setParameter("ids", ids).setParameter("server", server).executeUpdate();
    }

    @Override
    @Transactional
    public int release(String server) {
        return em.createQuery("update AuditRun a set a.status = 'QUEUED', a.claimedBy = null, a.leaseUntil = null"
                        + " where a.claimedBy = :server and a.status = 'RUNNING'")
                .setParameter("server", server).executeUpdate();
    }

    @Override
    public void lockVersion(String modelVersionId) {
        em.createNativeQuery("SELECT id FROM model_version WHERE id = ?1 FOR UPDATE").setParameter(1, modelVersionId)
                .getResultList();
    }
}
