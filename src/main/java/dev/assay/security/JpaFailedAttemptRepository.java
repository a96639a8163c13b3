package dev.assay.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaFailedAttemptRepository implements FailedAttemptRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public List<Instant> recent(String kind, String keySha256, Instant after, int limit) {
        return em.createQuery("select f.failedAt from FailedAttempt f where f.kind = :kind and f.keySha256 = :key"
                        + " and f.failedAt > :after order by f.failedAt desc", Instant.class)
                .setParameter("kind", kind).setParameter("key", keySha256).setParameter("after", after)
                .setMaxResults(limit).getResultList();
    }

    @Override
    public void add(FailedAttempt attempt) {
        em.persist(attempt);
    }

    @Override
    public int removeExpired(Instant now) {
        return em.createQuery("delete from FailedAttempt f where f.expiresAt <= :now").setParameter("now", now).executeUpdate();
    }
}
