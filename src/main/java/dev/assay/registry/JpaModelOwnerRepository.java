package dev.assay.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/** Every call in a transaction: container-managed sessions outside one trip Liberty's local transaction containment. */
@ApplicationScoped
@Transactional
public class JpaModelOwnerRepository implements ModelOwnerRepository {

    @PersistenceContext(unitName = "assay")
    EntityManager em;

    @Override
    public List<String> owners(String model) {
        return em.createQuery("select o.owner from ModelOwner o where o.modelName = :m order by o.owner", String.class)
                .setParameter("m", model).getResultList();
    }

    @Override
    public List<String> modelsOf(String person) {
        return em.createQuery("select o.modelName from ModelOwner o where o.owner = :p order by o.modelName", String.class)
                .setParameter("p", person).getResultList();
    }

    @Override
    public void add(ModelOwner owner) {
        em.persist(owner);
        em.flush();
    }

    @Override
    public void remove(String model, String person) {
        em.createQuery("delete from ModelOwner o where o.modelName = :m and o.owner = :p")
                .setParameter("m", model).setParameter("p", person).executeUpdate();
    }
}
