package dev.assay.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One owner of a model: a person who may read it, upload to it, register its versions and ask for waivers on it. */
@Entity
@Table(name = "model_owner")
@IdClass(ModelOwner.Key.class)
public class ModelOwner {

    @Id
    @Column(name = "model_name")
    private String modelName;

    @Id
    private String owner;

    @Column(name = "assigned_by", nullable = false)
    private String assignedBy;

    @Column(name = "assigned_at", nullable = false)
    private Instant assignedAt;

    protected ModelOwner() {
    }

    public ModelOwner(String modelName, String owner, String assignedBy, Instant assignedAt) {
        this.modelName = modelName;
        this.owner = owner;
        this.assignedBy = assignedBy;
        this.assignedAt = assignedAt;
    }

    public String modelName() {
        return modelName;
    }

    public String owner() {
        return owner;
    }

    /** The primary key: a model and a person. */
    public static class Key implements Serializable {
        private String modelName;
        private String owner;

        public Key() {
        }

        public Key(String modelName, String owner) {
            this.modelName = modelName;
            this.owner = owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(modelName, k.modelName) && Objects.equals(owner, k.owner);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelName, owner);
        }
    }
}
