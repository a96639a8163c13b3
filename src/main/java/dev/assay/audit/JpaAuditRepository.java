package dev.assay.audit;

import dev.assay.policy.Decision;
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
public class JpaAuditRepository implements AuditRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<AuditRun> find(String id) {
        return Optional.ofNullable(em.find(AuditRun.class, id));
    }

    @Override
    public Optional<AuditResult> result(String auditId) {
        return Optional.ofNullable(em.find(AuditResult.class, auditId));
    }

    @Override
    public Optional<Decision.Verdict> verdict(String auditId) {
        return em.createQuery("select r.decision from AuditResult r where r.auditId = :id", String.class)
                .setParameter("id", auditId).getResultStream().findFirst().map(Decision.Verdict::valueOf);
    }

    @Override
    public void add(AuditRun run) {
        em.persist(run);
        em.flush();
    }

    @Override
    public void addResult(AuditResult result) {
        em.persist(result);
        em.flush();
    }

    @Override
    public List<AuditRun> ofVersion(String modelVersionId) {
        return em.createQuery("select a from AuditRun a where a.modelVersionId = :v order by a.createdAt desc, a.id desc",
                AuditRun.class).setParameter("v", modelVersionId).getResultList();
    }

    @Override
    public Optional<AuditRun> latestDone(String modelVersionId) {
        // A production window's audit judges the deployment, not the release candidate: it never moves the gate.
        return em.createQuery("select a from AuditRun a where a.modelVersionId = :v and a.status = 'DONE'"
                        + " and a.datasetId not in (select d.id from Dataset d where d.role = 'window')"
                        + " order by a.finishedAt desc, a.id desc", AuditRun.class)
                .setParameter("v", modelVersionId).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public List<Expiring> expiringBetween(Instant from, Instant to) {
        return em.createQuery("select r.auditId, a.modelVersionId, r.expiresAt from AuditResult r, AuditRun a"
                        + " where a.id = r.auditId and r.expiresAt > :from and r.expiresAt <= :to order by r.expiresAt, r.auditId",
                        Object[].class).setParameter("from", from).setParameter("to", to).getResultStream()
                .map(row -> new Expiring((String) row[0], (String) row[1], (Instant) row[2])).toList();
    }

    @Override
    public Optional<AuditRun> byInputs(String inputsSha256) {
        // The newest: an expired audit renewed with the same inputs leaves the earlier run behind it.
        return em.createQuery("select a from AuditRun a where a.inputsSha256 = :h and a.status <> 'ERROR'"
                        + " order by a.createdAt desc, a.id desc", AuditRun.class)
                .setParameter("h", inputsSha256).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public Optional<byte[]> pdf(String auditId) {
        ReportPdf rendered = em.find(ReportPdf.class, auditId);
        if (rendered != null) {
            return Optional.of(rendered.bytes());
        }
        return em.createQuery("select r.reportPdf from AuditResult r where r.auditId = :id and r.reportPdf is not null",
                        String.class).setParameter("id", auditId).getResultStream().findFirst()
                .map(java.util.Base64.getDecoder()::decode);
    }

    @Override
    public void addPdf(ReportPdf pdf) {
        em.persist(pdf);
        em.flush();
    }

    @Override
    public List<String> withoutPdf() {
        return em.createQuery("select r.auditId from AuditResult r where r.reportPdf is null"
                + " and not exists (select p.auditId from ReportPdf p where p.auditId = r.auditId) order by r.createdAt",
                String.class).getResultList();
    }
}
