package dev.assay.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaMonitoringRepository implements MonitoringRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(em.find(Deployment.class, id));
    }

    @Override
    public List<Deployment> deploymentsOf(String modelName) {
        return em.createQuery("select d from Deployment d where d.modelName = :m order by d.since desc, d.id desc",
                Deployment.class).setParameter("m", modelName).getResultList();
    }

    @Override
    public List<Deployment> activeLocked(String modelName, String environment) {
        return em.createQuery("select d from Deployment d where d.modelName = :m and d.environment = :e and d.until is null",
                        Deployment.class).setParameter("m", modelName).setParameter("e", environment)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    @Override
    public List<Deployment> active() {
        return em.createQuery("select d from Deployment d where d.until is null order by d.since", Deployment.class)
                .getResultList();
    }

    @Override
    public void add(Deployment deployment) {
        em.persist(deployment);
        em.flush();
    }

    @Override
    public Optional<MonitoringBatch> batch(String key) {
        return Optional.ofNullable(em.find(MonitoringBatch.class, key));
    }

    @Override
    public void add(MonitoringBatch batch, List<BatchPartition> partitions) {
        em.persist(batch);
        em.flush();
        partitions.forEach(em::persist);
        em.flush();
    }

    @Override
    public List<MonitoringBatch> batches(String deploymentId, MonitoringBatch.Kind kind) {
        return em.createQuery("select b from MonitoringBatch b where b.deploymentId = :d and b.kind = :k"
                        + " order by b.createdAt, b.id", MonitoringBatch.class)
                .setParameter("d", deploymentId).setParameter("k", kind.id()).getResultList();
    }

    @Override
    public Set<String> batchKeys() {
        return new HashSet<>(em.createQuery("select b.id from MonitoringBatch b", String.class).getResultList());
    }

    @Override
    public List<BatchPartition> partitions(String deploymentId) {
        return em.createQuery("select p from BatchPartition p where p.deploymentId = :d order by p.windowStart, p.batchKey",
                BatchPartition.class).setParameter("d", deploymentId).getResultList();
    }

    @Override
    public void add(WindowAudit window) {
        em.persist(window);
        em.flush();
    }

    @Override
    public List<WindowAudit> windows(String deploymentId) {
        return em.createQuery("select w from WindowAudit w where w.deploymentId = :d order by w.start, w.createdAt, w.id",
                WindowAudit.class).setParameter("d", deploymentId).getResultList();
    }

    @Override
    public boolean lease(String name, String holder, Instant now, Instant until) {
        return em.createNativeQuery("UPDATE monitoring_lease SET holder = ?1, expires_at = ?2"
                        + " WHERE name = ?3 AND (holder = ?1 OR expires_at < ?4)")
                .setParameter(1, holder).setParameter(2, until).setParameter(3, name).setParameter(4, now)
                .executeUpdate() == 1;
    }
}
