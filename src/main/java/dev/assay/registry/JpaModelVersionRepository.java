package dev.assay.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaModelVersionRepository implements ModelVersionRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<ModelVersion> find(String model, String version) {
        return em.createQuery("select v from ModelVersion v where v.modelName = :m and v.version = :v", ModelVersion.class)
                .setParameter("m", model).setParameter("v", version)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<ModelVersion> findById(String id) {
        return Optional.ofNullable(em.find(ModelVersion.class, id));
    }

    @Override
    public void add(ModelVersion version) {
        em.persist(version);
        em.flush();
    }

    @Override
    public List<ModelVersion> all() {
        return em.createQuery("select v from ModelVersion v order by v.modelName, v.createdAt desc, v.id desc",
                ModelVersion.class).getResultList();
    }

    @Override
    public List<ModelVersion> ofModel(String model) {
        return em.createQuery("select v from ModelVersion v where v.modelName = :model order by v.createdAt desc, v.id desc",
                ModelVersion.class).setParameter("model", model).getResultList();
    }

    @Override
    public List<ModelVersion> byArtifact(String digest) {
        return em.createQuery("select v from ModelVersion v where v.artifactDigest = :d order by v.modelName", ModelVersion.class)
                .setParameter("d", digest).getResultList();
    }
}
