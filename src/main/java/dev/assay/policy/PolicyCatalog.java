package dev.assay.policy;

import dev.assay.failure.Conflict;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.failure.NotFound;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.SchemaCheck;
import dev.assay.infrastructure.Yaml;
import dev.assay.infrastructure.YamlPositions;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The policy packs Assay knows: built-in ones (policies/ in the repository) and stored ones. */
@ApplicationScoped
public class PolicyCatalog {

    /** The built-in packs, read from {@code policies/<id>.yaml} on the class path. */
    public static final List<String> BUILT_IN = List.of("eeoc-four-fifths", "nyc-ll144", "model-performance", "gdpr-data-protection",
            "eu-ai-act-high-risk", "data-quality-baseline");

    /**
     * The built-in packs for production windows of a deployment (monitoring), kept apart from {@link #BUILT_IN}:
     * their label rules pass undefined while labels are delayed, so they are not held to "fails on bad
     * pre-release data" as the release packs are (BuiltInPacksIT).
     */
    public static final List<String> MONITORING = List.of("post-market-monitoring");

    @Inject
    PolicyRepository policies;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    /** Stores the built-in packs of this build; a changed pack becomes a new version. */
    @Transactional
    public void registerBuiltIns() {
        for (String id : java.util.stream.Stream.concat(BUILT_IN.stream(), MONITORING.stream()).toList()) {
            Policy policy = PolicyParser.parse(readBuiltIn(id));
            if (policies.bySha(policy.sha256()).isEmpty()) {
                record(policies, ledger, new StoredPolicy(policy, true, "assay-system", clock.instant()));
            }
        }
    }

    public static String readBuiltIn(String id) {
        try (InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream("policies/" + id + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in policy missing from the class path: " + id);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What storing a pack did. */
    public record Stored(StoredPolicy policy, boolean created) {
    }

    /**
     * Stores a new version of a pack. The same content again is accepted as it is; a different content
     * under a version number already stored is refused: a stored version never changes.
     */
    @Transactional
    public Stored store(String id, String yaml, String storedBy) {
        JsonValue json = Yaml.readJson(yaml, "The policy");
        String resolved = null;
        Policy policy;
        if (json instanceof JsonObject pack && pack.containsKey("extends")) {
            // Every mistake of the extending document at once: its shape, the meaning of what it adds
            // and overrides, a pack to extend that is not stored, overrides of rules it does not have.
            List<FieldError> errors = new ArrayList<>(PolicyParser.problemsOfExtension(pack));
            StoredPolicy base = null;
            if (pack.get("extends") instanceof JsonString parent) {
                base = policies.latest(parent.getString()).orElse(null);
                if (base == null) {
                    errors.add(FieldError.at("/extends", "no stored policy '" + parent.getString() + "'"));
                } else {
                    errors.addAll(PolicyInheritance.unknownOverrides(pack, base));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput("The policy has " + errors.size() + " problem(s)",
                        SchemaCheck.placed(errors, YamlPositions.of(yaml)));
            }
            JsonObject merged = PolicyInheritance.resolve(pack, base);
            Policy parsed = PolicyParser.parse(merged, null);
            policy = new Policy(parsed.id(), parsed.version(), parsed.title(), parsed.description(), parsed.rules(),
                    parsed.sha256(), yaml, parsed.validFor());
            resolved = CanonicalJson.string(merged);
        } else {
            policy = PolicyParser.parse(json, yaml);
        }
        if (!policy.id().equals(id)) {
            throw new InvalidInput("The pack's id must equal the id in the path",
                    List.of(FieldError.at("/id", "is '" + policy.id() + "', the path says '" + id + "'")));
        }
        var existing = policies.bySha(policy.sha256());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        if (policies.versions(id).stream().anyMatch(p -> p.version().equals(policy.version()))) {
            throw new Conflict("Version " + policy.version() + " of policy '" + id
                    + "' is stored with other content; packs are immutable, give the change a new version");
        }
        StoredPolicy stored = new StoredPolicy(policy, resolved, false, storedBy, clock.instant());
        record(policies, ledger, stored);
        return new Stored(stored, true);
    }

    private static void record(PolicyRepository policies, Ledger ledger, StoredPolicy stored) {
        policies.add(stored);
        ledger.append("policy.stored", stored.policyId() + "@" + stored.version(), stored.createdBy(),
                Json.createObjectBuilder().add("sha256", stored.sha256()).add("builtIn", stored.builtIn()).build());
    }

    public List<StoredPolicy> versions(String id) {
        List<StoredPolicy> all = policies.versions(id);
        if (all.isEmpty()) {
            throw new NotFound("No policy '" + id + "'");
        }
        return all;
    }

    /** The newest version of a pack, by id: for a caller who asked for this pack. */
    public StoredPolicy latest(String id) {
        return findLatest(id).orElseThrow(() -> new NotFound("No policy '" + id + "'"));
    }

    /** The newest version of a pack, if one is stored: for a caller who only wonders whether it is. */
    public Optional<StoredPolicy> findLatest(String id) {
        return policies.latest(id);
    }

    public StoredPolicy bySha(String sha256) {
        return policies.bySha(sha256).orElseThrow(() -> new NotFound("No policy version " + sha256));
    }

    public List<StoredPolicy> all() {
        return policies.latestOfEach();
    }
}
