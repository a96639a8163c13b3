package dev.assay.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaDatasetRepository implements DatasetRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<Dataset> find(String id) {
        return Optional.ofNullable(em.find(Dataset.class, id));
    }

    @Override
    public void add(Dataset dataset) {
        em.persist(dataset);
        em.flush();
    }

    @Override
    public List<Dataset> ofVersion(String modelVersionId) {
        return em.createQuery("select d from Dataset d where d.modelVersionId = :v order by d.createdAt desc, d.id desc",
                Dataset.class).setParameter("v", modelVersionId).getResultList();
    }

    @Override
    public java.util.Set<String> allSha256() {
        return java.util.Set.copyOf(em.createQuery("select distinct d.sha256 from Dataset d", String.class).getResultList());
    }
}
