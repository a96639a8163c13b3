package dev.assay.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
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
}
