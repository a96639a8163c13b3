package dev.assay.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaLedgerRepository implements LedgerRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    /** Mandatory: a lock taken in a transaction of its own would be released before the append it guards. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerHead lockHead() {
        return em.find(LedgerHead.class, 1, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(LedgerEntry entry) {
        em.persist(entry);
        em.flush();
    }

    @Override
    public List<LedgerEntry> page(long after, int limit) {
        return em.createQuery("select e from LedgerEntry e where e.seq > :after order by e.seq", LedgerEntry.class)
                .setParameter("after", after).setMaxResults(limit).getResultList();
    }

    @Override
    public Stream<LedgerEntry> inOrder() {
        return em.createQuery("select e from LedgerEntry e order by e.seq", LedgerEntry.class).getResultStream();
    }

    @Override
    public Stream<LedgerEntry> matching(LedgerFilter filter, long after, long before, boolean newestFirst, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        where.add("e.seq > :after");
        params.put("after", after);
        if (before > 0) {
            where.add("e.seq < :before");
            params.put("before", before);
        }
        if (filter.kind() != null) {
            // A family (no dot) is every kind under it; the filter admits no LIKE wildcards, so none needs escaping.
            where.add(filter.kindIsFamily() ? "e.kind like :kind" : "e.kind = :kind");
            params.put("kind", filter.kindIsFamily() ? filter.kind() + ".%" : filter.kind());
        }
        if (filter.subject() != null) {
            where.add("e.subject = :subject");
            params.put("subject", filter.subject());
        }
        if (filter.actor() != null) {
            where.add("e.actor = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.from() != null) {
            where.add("e.recordedAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.before() != null) {
            where.add("e.recordedAt < :until");
            params.put("until", filter.before());
        }
        TypedQuery<LedgerEntry> q = em.createQuery("select e from LedgerEntry e where " + String.join(" and ", where)
                + " order by e.seq" + (newestFirst ? " desc" : ""), LedgerEntry.class);
        params.forEach(q::setParameter);
        if (limit > 0) {
            q.setMaxResults(limit);
        }
        return q.getResultStream();
    }

    @Override
    public List<String> kinds() {
        return em.createQuery("select distinct e.kind from LedgerEntry e order by e.kind", String.class).getResultList();
    }

    @Override
    public List<LedgerEntry> about(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from LedgerEntry e where e.subject in :subjects order by e.seq desc", LedgerEntry.class)
                .setParameter("subjects", subjects).getResultList();
    }
}
