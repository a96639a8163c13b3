package dev.assay.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaKeyRevocationRepository implements KeyRevocationRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<KeyRevocation> find(String keyId) {
        return Optional.ofNullable(em.find(KeyRevocation.class, keyId));
    }

    @Override
    public void add(KeyRevocation revocation) {
        em.persist(revocation);
        em.flush();
    }

    @Override
    public List<KeyRevocation> all() {
        return em.createQuery("select r from KeyRevocation r", KeyRevocation.class).getResultList();
    }
}
