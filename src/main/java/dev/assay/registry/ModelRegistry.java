package dev.assay.registry;

import dev.assay.failure.Conflict;
import dev.assay.failure.Malformed;
import dev.assay.failure.NotFound;
import dev.assay.failure.NotPermitted;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.KeptValues;
import dev.assay.security.Caller;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Registers model versions (immutable), finds them, and says who reaches which model: a model belongs to
 * the person who registered its first version and to whom an admin assigns; a model owner reaches their
 * own models only, while auditors, admins and the {@code ci-gate} service role reach every model
 * ({@link Caller#reachesEveryModel()}). A model out of reach answers 404, as a model that does not exist
 * (names do not leak), except to a registration under its name: 403, the name is taken.
 */
@ApplicationScoped
public class ModelRegistry {

    /** Names that are safe in URLs, file names and reports. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Inject
    ModelVersionRepository versions;

    @Inject
    ModelOwnerRepository owners;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    @Inject
    Event<OwnersChanged> ownersChanged;

    /**
     * Versions by model and version name, kept: a version never changes once registered, and the gate CI
     * fleets ask for finds one per call. (An absent version is never kept.)
     */
    private final KeptValues<String, ModelVersion> knownVersions = new KeptValues<>(10_000, Duration.ofHours(1), clock, null);

    /**
     * Each model's owners, kept for a model owner's every call; forgotten by a change here, and kept at most
     * a second (the bound on seeing another server's change).
     */
    private final KeptValues<String, List<String>> knownOwners = new KeptValues<>(10_000, Duration.ofSeconds(1), clock, null);

    /** Fired inside a transaction that changes who owns {@code model}. */
    public record OwnersChanged(String model) {
    }

    void ownersChanging(@Observes OwnersChanged change) {
        knownOwners.changing(change.model());
    }

    void ownersChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) OwnersChanged change) {
        knownOwners.changed(change.model());
    }

    public record Registration(ModelVersion version, boolean created) {
    }

    @Transactional
    public Registration register(ModelCard card, Caller caller) {
        checkName("model", card.model());
        checkName("version", card.version());
        String canonical = CanonicalJson.string(card.document());
        String sha = CanonicalJson.sha256(card.document());
        List<String> owning = owners.owners(card.model());
        boolean newModel = versions.ofModel(card.model()).isEmpty();
        if (!newModel && !caller.reachesEveryModel() && !owning.contains(caller.name())) {
            throw new NotPermitted("Model " + card.model() + " belongs to its owners; an admin can add you as one");
        }
        var existing = versions.find(card.model(), card.version());
        if (existing.isPresent()) {
            if (existing.get().cardSha256().equals(sha)) {
                return new Registration(existing.get(), false);
            }
            throw new Conflict("Version " + card.version() + " of " + card.model()
                    + " exists with a different model card; versions are immutable, register a new version");
        }
        if (card.artifactDigest().isPresent()) {
            // The gate certifies the artifact: one file cannot pass as two versions of the model.
            versions.byArtifact(card.artifactDigest().get()).stream().filter(o -> o.modelName().equals(card.model())).findFirst()
                    .ifPresent(other -> {
                        throw new Conflict("The artifact " + card.artifactDigest().get() + " belongs to version " + other.version()
                                + " of " + card.model() + " already; a new version is a new artifact");
                    });
        }
        ModelVersion v = new ModelVersion(UUID.randomUUID().toString(), card.model(), card.version(), canonical, sha,
                caller.actor(), clock.instant());
        versions.add(v);
        if (newModel && !owning.contains(caller.name())) {
            ownersChanged.fire(new OwnersChanged(card.model()));
            owners.add(new ModelOwner(card.model(), caller.name(), caller.actor(), clock.instant()));
        }
        ledger.append("version.registered", card.model() + "@" + card.version(), caller.actor(),
                artifactPayload(Json.createObjectBuilder().add("modelVersion", v.id()).add("cardSha256", sha), card).build());
        return new Registration(v, true);
    }

    public ModelVersion get(String model, String version) {
        // Names cannot hold a line break (NAME), so the key is unambiguous.
        ModelVersion v = knownVersions.get(model + "\n" + version, k -> versions.find(model, version).orElse(null));
        if (v == null) {
            throw new NotFound("No version " + version + " of model " + model);
        }
        return v;
    }

    private static jakarta.json.JsonObjectBuilder artifactPayload(jakarta.json.JsonObjectBuilder b, ModelCard card) {
        card.artifactDigest().ifPresent(d -> b.add("artifact", d));
        return b;
    }

    /** The versions whose card names the artifact {@code digest}, among those {@code caller} reaches. */
    public List<ModelVersion> byArtifact(String digest, Caller caller) {
        return versions.byArtifact(digest).stream().filter(v -> reaches(caller, v.modelName())).toList();
    }

    /** Whether {@code caller} reaches {@code model}: one of its owners, or a role that reaches every model. */
    public boolean reaches(Caller caller, String model) {
        return caller.reachesEveryModel() || knownOwners.get(model, m -> List.copyOf(owners.owners(m))).contains(caller.name());
    }

    /**
     * A version for {@code caller} to read or change (as their roles allow): 404 when it is absent or its model
     * is out of their reach, the same answer, so a model owner cannot learn other owners' model names.
     */
    public ModelVersion get(String model, String version, Caller caller) {
        if (!reaches(caller, model)) {
            throw new NotFound("No version " + version + " of model " + model);
        }
        return get(model, version);
    }

    /** The versions {@code caller} reaches, newest first within each model. */
    public List<ModelVersion> all(Caller caller) {
        if (caller.reachesEveryModel()) {
            return all();
        }
        Set<String> own = Set.copyOf(owners.modelsOf(caller.name()));
        return all().stream().filter(v -> own.contains(v.modelName())).toList();
    }

    /** The owners of a model, by name. */
    public List<String> owners(String model) {
        return owners.owners(model);
    }

    /**
     * Makes {@code people} the owners of {@code model} (an admin's act, recorded in the ledger): those not
     * named stop owning it, those named start. A model no version of which is registered is not found.
     */
    @Transactional
    public List<String> assignOwners(String model, List<String> people, Caller admin) {
        if (versions.ofModel(model).isEmpty()) {
            throw new NotFound("No model " + model);
        }
        ownersChanged.fire(new OwnersChanged(model));
        List<String> before = owners.owners(model);
        before.stream().filter(p -> !people.contains(p)).forEach(p -> owners.remove(model, p));
        people.stream().distinct().filter(p -> !before.contains(p))
                .forEach(p -> owners.add(new ModelOwner(model, p, admin.actor(), clock.instant())));
        List<String> after = owners.owners(model);
        ledger.append("model.owners", model, admin.actor(), Json.createObjectBuilder()
                .add("before", Json.createArrayBuilder(before)).add("after", Json.createArrayBuilder(after)).build());
        return after;
    }

    public ModelVersion byId(String id) {
        return versions.findById(id).orElseThrow(() -> new NotFound("No model version " + id));
    }

    public List<ModelVersion> all() {
        return versions.all();
    }

    /** The versions of one model, newest first. */
    public List<ModelVersion> versionsOf(String model) {
        return versions.ofModel(model);
    }

    private static void checkName(String what, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new Malformed("The " + what + " name '" + name
                    + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
