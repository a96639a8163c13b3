package dev.assay.ledger;

import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Appends entries to the chain, in the caller's transaction, so an event and its entry commit
 * together or not at all. Each append locks the chain's head row until its transaction ends, so
 * concurrent appends (two audits finishing at once, two servers) line up instead of colliding.
 */
@ApplicationScoped
public class Ledger {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    Clock clock = Clocks.UTC_MICROS;

    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry append(String kind, String subject, String actor, JsonObject payload) {
        LedgerHead head = em.find(LedgerHead.class, 1, LockModeType.PESSIMISTIC_WRITE);
        long seq = head.seq() + 1;
        String prev = head.hash();
        Instant at = clock.instant();
        String body = CanonicalJson.string(payload);
        LedgerEntry entry = new LedgerEntry(seq, kind, subject, actor, at, body, prev,
                LedgerChain.hash(seq, kind, subject, actor, at, body, prev));
        em.persist(entry);
        head.advance(seq, entry.hash());
        em.flush();
        return entry;
    }

    @Transactional
    public List<LedgerEntry> page(long after, int limit) {
        return em.createQuery("select e from LedgerEntry e where e.seq > :after order by e.seq", LedgerEntry.class)
                .setParameter("after", after).setMaxResults(limit).getResultList();
    }

    /** Recomputes the whole chain, a page at a time so memory stays flat however long it is. */
    @Transactional
    public LedgerChain.Verification verify() {
        TypedQuery<LedgerEntry> q = em.createQuery("select e from LedgerEntry e order by e.seq", LedgerEntry.class);
        return LedgerChain.verify(q.getResultStream().iterator());
    }

    /** Every entry in chain order, streamed from the database in one transaction. */
    @Transactional
    public void forEach(java.util.function.Consumer<LedgerEntry> action) {
        em.createQuery("select e from LedgerEntry e order by e.seq", LedgerEntry.class).getResultStream().forEach(action);
    }
}
