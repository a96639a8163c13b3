package dev.assay.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaPolicyRepository implements PolicyRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<StoredPolicy> bySha(String sha256) {
        return Optional.ofNullable(em.find(StoredPolicy.class, sha256));
    }

    @Override
    public Optional<StoredPolicy> latest(String policyId) {
        return em.createQuery("select p from StoredPolicy p where p.policyId = :id order by p.createdAt desc",
                        StoredPolicy.class)
                .setParameter("id", policyId).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public List<StoredPolicy> latestOfEach() {
        Map<String, StoredPolicy> latest = new LinkedHashMap<>();
        em.createQuery("select p from StoredPolicy p order by p.policyId, p.createdAt desc", StoredPolicy.class)
                .getResultStream().forEach(p -> latest.putIfAbsent(p.policyId(), p));
        return List.copyOf(latest.values());
    }

    @Override
    public List<StoredPolicy> versions(String policyId) {
        return em.createQuery("select p from StoredPolicy p where p.policyId = :id order by p.createdAt desc", StoredPolicy.class)
                .setParameter("id", policyId).getResultList();
    }

    @Override
    public void add(StoredPolicy policy) {
        em.persist(policy);
        em.flush();
    }
}
