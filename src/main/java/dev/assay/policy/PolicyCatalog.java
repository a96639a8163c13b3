package dev.assay.policy;

import dev.assay.api.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** The policy packs Assay knows: built-in ones (policies/ in the repository) and stored ones. */
@ApplicationScoped
public class PolicyCatalog {

    /** The built-in packs, read from {@code policies/<id>.yaml} on the class path. */
    public static final List<String> BUILT_IN = List.of("eeoc-four-fifths");

    @Inject
    PolicyRepository policies;

    Clock clock = dev.assay.infrastructure.Clocks.UTC_MICROS;

    /** Stores the built-in packs of this build; a changed pack becomes a new version. */
    @Transactional
    public void registerBuiltIns() {
        for (String id : BUILT_IN) {
            Policy policy = PolicyParser.parse(readBuiltIn(id));
            if (policies.bySha(policy.sha256()).isEmpty()) {
                policies.add(new StoredPolicy(policy, true, "assay-system", clock.instant()));
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

    /** The newest version of a pack, by id. */
    public StoredPolicy latest(String id) {
        return policies.latest(id).orElseThrow(() -> Problem.notFound("No policy '" + id + "'"));
    }

    public StoredPolicy bySha(String sha256) {
        return policies.bySha(sha256).orElseThrow(() -> Problem.notFound("No policy version " + sha256));
    }

    public List<StoredPolicy> all() {
        return policies.latestOfEach();
    }
}
