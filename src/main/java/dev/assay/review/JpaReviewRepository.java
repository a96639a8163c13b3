package dev.assay.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaReviewRepository implements ReviewRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<ReviewComment> comment(String id) {
        return Optional.ofNullable(em.find(ReviewComment.class, id));
    }

    @Override
    public List<ReviewComment> comments(String auditId) {
        return em.createQuery("select c from ReviewComment c where c.auditId = :a order by c.createdAt, c.id", ReviewComment.class)
                .setParameter("a", auditId).getResultList();
    }

    @Override
    public void add(ReviewComment comment) {
        em.persist(comment);
        em.flush();
    }

    @Override
    public List<SignOff> signOffs(String auditId) {
        return em.createQuery("select s from SignOff s where s.auditId = :a order by s.signedAt, s.id", SignOff.class)
                .setParameter("a", auditId).getResultList();
    }

    @Override
    public List<SignOff> signOffsOfVersion(String modelVersionId) {
        return em.createQuery("select s from SignOff s where s.modelVersionId = :v order by s.signedAt, s.id", SignOff.class)
                .setParameter("v", modelVersionId).getResultList();
    }

    @Override
    public void add(SignOff signOff) {
        em.persist(signOff);
        em.flush();
    }
}
