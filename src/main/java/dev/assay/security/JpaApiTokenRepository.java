package dev.assay.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaApiTokenRepository implements ApiTokenRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public Optional<ApiToken> find(String id) {
        return Optional.ofNullable(em.find(ApiToken.class, id));
    }

    @Override
    public List<ApiToken> withHash(String tokenHash) {
        return em.createQuery("select t from ApiToken t where t.tokenHash = :h", ApiToken.class)
                .setParameter("h", tokenHash).getResultList();
    }

    @Override
    public void add(ApiToken token) {
        em.persist(token);
        em.flush();
    }

    @Override
    public List<ApiToken> all() {
        return em.createQuery("select t from ApiToken t order by t.createdAt", ApiToken.class).getResultList();
    }

    @Override
    public List<ApiToken> ofOwner(String owner) {
        return em.createQuery("select t from ApiToken t where t.owner = :o order by t.createdAt", ApiToken.class)
                .setParameter("o", owner).getResultList();
    }
}
