package dev.assay.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaAlertRepository implements AlertRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<AlertReceiver> receiver(String name) {
        return Optional.ofNullable(em.find(AlertReceiver.class, name));
    }

    @Override
    public List<AlertReceiver> receivers() {
        return em.createQuery("select r from AlertReceiver r order by r.name", AlertReceiver.class).getResultList();
    }

    @Override
    public void add(AlertReceiver receiver) {
        em.persist(receiver);
        em.flush();
    }

    @Override
    public void addIfNew(AlertDelivery delivery) {
        boolean told = !em.createQuery("select d.id from AlertDelivery d where d.receiver = :r and d.eventId = :e", String.class)
                .setParameter("r", delivery.receiver()).setParameter("e", delivery.eventId()).setMaxResults(1)
                .getResultList().isEmpty();
        if (!told) {
            em.persist(delivery);
            em.flush();
        }
    }

    @Override
    public List<AlertDelivery> deliveries(String receiver, int limit) {
        return em.createQuery("select d from AlertDelivery d where d.receiver = :r order by d.createdAt desc, d.id",
                AlertDelivery.class).setParameter("r", receiver).setMaxResults(limit).getResultList();
    }

    @Override
    public List<AlertDelivery> deliveriesAbout(String subject, int limit) {
        String escaped = subject.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return em.createQuery("select d from AlertDelivery d where d.payload like :p escape '!'"
                        + " order by d.createdAt desc, d.id", AlertDelivery.class)
                .setParameter("p", "%\"subject\":\"" + escaped + "\"%").setMaxResults(limit).getResultList();
    }

    @Override
    public List<AlertDelivery> due(Instant now, int limit) {
        return em.createQuery("select d from AlertDelivery d where d.status = 'RETRYING' and d.nextAttemptAt <= :now"
                + " order by d.nextAttemptAt, d.id", AlertDelivery.class).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    @Override
    public boolean claim(String id, Instant expectedNext, Instant leaseUntil) {
        return em.createQuery("update AlertDelivery d set d.nextAttemptAt = :lease where d.id = :id"
                        + " and d.status = 'RETRYING' and d.nextAttemptAt = :expected")
                .setParameter("lease", leaseUntil).setParameter("id", id).setParameter("expected", expectedNext)
                .executeUpdate() == 1;
    }

    @Override
    public void attempted(String id, AlertDelivery.Status status, int attempts, Instant at, Instant next, String error) {
        em.createQuery("update AlertDelivery d set d.status = :s, d.attempts = :a, d.lastAttemptAt = :at,"
                        + " d.nextAttemptAt = :next, d.lastError = :err where d.id = :id")
                .setParameter("s", status.name()).setParameter("a", attempts).setParameter("at", at)
                .setParameter("next", next).setParameter("err", error == null ? null
                        : error.substring(0, Math.min(1000, error.length())))
                .setParameter("id", id).executeUpdate();
    }
}
