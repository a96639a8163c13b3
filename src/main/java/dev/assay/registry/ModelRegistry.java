package dev.assay.registry;

import dev.assay.failure.Conflict;
import dev.assay.failure.Malformed;
import dev.assay.failure.NotFound;
import dev.assay.infrastructure.CanonicalJson;
import dev.assay.infrastructure.Clocks;
import dev.assay.security.Caller;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Registers model versions (immutable) and finds them. */
@ApplicationScoped
public class ModelRegistry {

    /** Names that are safe in URLs, file names and reports. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Inject
    ModelVersionRepository versions;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    public record Registration(ModelVersion version, boolean created) {
    }

    @Transactional
    public Registration register(ModelCard card, Caller caller) {
        checkName("model", card.model());
        checkName("version", card.version());
        String canonical = CanonicalJson.string(card.document());
        String sha = CanonicalJson.sha256(card.document());
        var existing = versions.find(card.model(), card.version());
        if (existing.isPresent()) {
            if (existing.get().cardSha256().equals(sha)) {
                return new Registration(existing.get(), false);
            }
            throw new Conflict("Version " + card.version() + " of " + card.model()
                    + " exists with a different model card; versions are immutable, register a new version");
        }
        ModelVersion v = new ModelVersion(UUID.randomUUID().toString(), card.model(), card.version(), canonical, sha,
                caller.name(), clock.instant());
        versions.add(v);
        ledger.append("version.registered", card.model() + "@" + card.version(), caller.name(),
                Json.createObjectBuilder().add("modelVersion", v.id()).add("cardSha256", sha).build());
        return new Registration(v, true);
    }

    public ModelVersion get(String model, String version) {
        return versions.find(model, version).orElseThrow(
                () -> new NotFound("No version " + version + " of model " + model));
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
