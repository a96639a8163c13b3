package dev.assay.policy;

import jakarta.json.Json;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.io.StringReader;
import java.time.Instant;

/** One stored version of a policy pack, addressed by its hash; never changed once written. */
@Entity
@Table(name = "policy_version")
public class StoredPolicy {

    @Id
    private String sha256;

    @Column(name = "policy_id", nullable = false)
    private String policyId;

    @Column(nullable = false)
    private String version;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false, columnDefinition = "text")
    private String yaml;

    @Column(name = "resolved_json", columnDefinition = "text")
    private String resolvedJson;

    @Column(name = "built_in", nullable = false)
    private boolean builtIn;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredPolicy() {
    }

    public StoredPolicy(Policy policy, String resolvedJson, boolean builtIn, String createdBy, Instant createdAt) {
        this(policy, builtIn, createdBy, createdAt);
        this.resolvedJson = resolvedJson;
    }

    public StoredPolicy(Policy policy, boolean builtIn, String createdBy, Instant createdAt) {
        this.sha256 = policy.sha256();
        this.policyId = policy.id();
        this.version = policy.version();
        this.title = policy.title();
        this.yaml = policy.yaml();
        this.builtIn = builtIn;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String sha256() {
        return sha256;
    }

    public String policyId() {
        return policyId;
    }

    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    public String yaml() {
        return yaml;
    }

    public boolean builtIn() {
        return builtIn;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Packs parsed, by hash: a stored version never changes (insert-only), and parsing and checking its YAML
     * against the schema again was a tenth of a small audit's fixed cost. As many as versions were ever used.
     */
    private static final java.util.Map<String, Policy> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The pack as audits use it: resolved when it extends another. */
    public Policy policy() {
        Policy parsed = PARSED.get(sha256);
        if (parsed == null) {
            parsed = resolvedJson != null
                    ? PolicyParser.parse(Json.createReader(new StringReader(resolvedJson)).readValue(), null)
                    : PolicyParser.parse(yaml);
            PARSED.put(sha256, parsed);
        }
        return parsed;
    }

    /** The canonical JSON of the pack an audit uses (resolved when it extends another). */
    public String resolvedJson() {
        return resolvedJson;
    }
}
