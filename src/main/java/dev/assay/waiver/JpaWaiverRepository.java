package dev.assay.waiver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaWaiverRepository implements WaiverRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<Waiver> find(String id) {
        return Optional.ofNullable(em.find(Waiver.class, id));
    }

    @Override
    public Optional<WaiverDecision> decision(String waiverId) {
        return Optional.ofNullable(em.find(WaiverDecision.class, waiverId));
    }

    @Override
    public List<Waiver> expiringBetween(java.time.Instant from, java.time.Instant to) {
        return em.createQuery("select w from Waiver w where w.expiresAt > :from and w.expiresAt <= :to order by w.expiresAt, w.id",
                Waiver.class).setParameter("from", from).setParameter("to", to).getResultList();
    }

    @Override
    public List<Waiver> ofVersion(String modelVersionId) {
        return em.createQuery("select w from Waiver w where w.modelVersionId = :v order by w.requestedAt desc, w.id desc",
                Waiver.class).setParameter("v", modelVersionId).getResultList();
    }

    @Override
    public void add(Waiver waiver) {
        em.persist(waiver);
        em.flush();
    }

    @Override
    public void decide(WaiverDecision decision) {
        em.persist(decision);
        em.flush();
    }
}
