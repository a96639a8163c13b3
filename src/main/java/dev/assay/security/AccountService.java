package dev.assay.security;

import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.Hashing;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/** Local-mode accounts and API tokens. */
@ApplicationScoped
public class AccountService {

    public static final String BOOTSTRAP_ADMIN = "admin";
    /** Every API token starts with this, so a bearer value is told apart from a JWT without parsing. */
    public static final String TOKEN_PREFIX = "assay_";
    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    UserAccountRepository accounts;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    AssayConfig config;

    @Inject
    Ledger ledger;

    Clock clock = Clocks.UTC_MICROS;

    /**
     * Creates the bootstrap admin on first start. The password comes from ASSAY_ADMIN_PASSWORD, or is
     * generated and written to the log exactly once; it is never hard-coded.
     */
    @Transactional
    public void ensureBootstrapAdmin() {
        if (accounts.find(BOOTSTRAP_ADMIN).isPresent()) {
            return;
        }
        Optional<String> configured = config.env("ASSAY_ADMIN_PASSWORD");
        String password = configured.orElseGet(() -> randomSecret(18));
        accounts.add(new UserAccount(BOOTSTRAP_ADMIN, PasswordHasher.hash(password.toCharArray()),
                EnumSet.of(Role.ADMIN), clock.instant(), Caller.SYSTEM.name()));
        if (configured.isEmpty()) {
            LOG.warning("Assay bootstrap admin created. User: " + BOOTSTRAP_ADMIN + "  Password: " + password
                    + "  (shown once; set ASSAY_ADMIN_PASSWORD to choose it)");
        } else {
            LOG.info("Assay bootstrap admin created with the password from ASSAY_ADMIN_PASSWORD");
        }
    }

    @Transactional
    public Optional<Caller> authenticatePassword(String username, String password) {
        UserAccount user = accounts.find(username).orElse(null);
        if (user == null || user.disabledAt() != null) {
            // Same work as a real check, so timing does not reveal which user names exist.
            PasswordHasher.matches(password.toCharArray(), DUMMY_HASH);
            return Optional.empty();
        }
        return PasswordHasher.matches(password.toCharArray(), user.passwordHash())
                ? Optional.of(new Caller(user.username(), user.roles()))
                : Optional.empty();
    }

    @Transactional
    public Optional<Caller> authenticateToken(String secret) {
        String hash = Hashing.sha256Hex(secret);
        return tokens.withHash(hash).stream()
                .filter(t -> MessageDigest.isEqual(t.tokenHash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(t -> t.isUsableAt(clock.instant()))
                .findFirst()
                .map(t -> new Caller("token:" + t.name(), t.roles()));
    }

    /** Issues a new token; the secret is returned once and only its hash is stored. */
    @Transactional
    public IssuedToken issueToken(Caller issuer, String name, Set<Role> roles, Instant expiresAt) {
        String secret = TOKEN_PREFIX + randomSecret(32);
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), name, Hashing.sha256Hex(secret), roles,
                issuer.name(), clock.instant(), expiresAt);
        tokens.add(token);
        ledger.append("token.issued", token.id(), issuer.name(), Json.createObjectBuilder().add("name", name)
                .add("roles", Json.createArrayBuilder(roles.stream().map(Role::id).sorted().toList()))
                .add("expiresAt", expiresAt == null ? "never" : expiresAt.toString()).build());
        return new IssuedToken(token.id(), name, secret, roles, expiresAt);
    }

    /** A new local account; with no password given, one is generated and answered once. */
    @Transactional
    public CreatedUser createUser(Caller admin, String username, Set<Role> roles, String password) {
        if (accounts.find(username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' exists");
        }
        String secret = password == null ? randomSecret(18) : password;
        accounts.add(new UserAccount(username, PasswordHasher.hash(secret.toCharArray()), roles, clock.instant(), admin.name()));
        ledger.append("user.created", username, admin.name(), Json.createObjectBuilder()
                .add("roles", Json.createArrayBuilder(roles.stream().map(Role::id).sorted().toList())).build());
        return new CreatedUser(username, roles, password == null ? secret : null);
    }

    public record CreatedUser(String username, Set<Role> roles, String generatedPassword) {
    }

    public List<UserAccount> users() {
        return accounts.all();
    }

    /** Whether a signed-in local account may still act: it exists and is not disabled. */
    public boolean isActive(String username) {
        return accounts.find(username).map(user -> user.disabledAt() == null).orElse(false);
    }

    /** False when there is no such user. Disabling twice is harmless; the last enabled admin stays. */
    @Transactional
    public boolean disableUser(Caller admin, String username) {
        UserAccount user = accounts.find(username).orElse(null);
        if (user == null) {
            return false;
        }
        if (user.disabledAt() == null && user.roles().contains(Role.ADMIN) && users().stream()
                .filter(u -> u.disabledAt() == null && u.roles().contains(Role.ADMIN)).count() == 1) {
            throw new IllegalStateException("'" + username + "' is the last enabled admin");
        }
        if (user.disabledAt() == null) {
            user.disable(clock.instant());
            ledger.append("user.disabled", username, admin.name(), Json.createObjectBuilder().build());
        }
        return true;
    }

    public List<ApiToken> tokens() {
        return tokens.all();
    }

    /** False when there is no such token. */
    @Transactional
    public boolean revokeToken(Caller admin, String id) {
        ApiToken token = tokens.find(id).orElse(null);
        if (token == null) {
            return false;
        }
        if (token.revokedAt() == null) {
            token.revoke(clock.instant(), admin.name());
            ledger.append("token.revoked", id, admin.name(), Json.createObjectBuilder().add("name", token.name()).build());
        }
        return true;
    }

    public record IssuedToken(String id, String name, String token, Set<Role> roles, Instant expiresAt) {
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());
}
