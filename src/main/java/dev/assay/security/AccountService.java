package dev.assay.security;

import dev.assay.failure.Conflict;
import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import dev.assay.infrastructure.AssayConfig;
import dev.assay.infrastructure.Clocks;
import dev.assay.infrastructure.Hashing;
import dev.assay.infrastructure.KeptValues;
import dev.assay.ledger.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.Json;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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

    @Inject
    Identity identity;

    Clock clock = Clocks.UTC_MICROS;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    /**
     * How long a token's check is kept at most: the bound on another server's revocation or disabling
     * being seen here (this server's own changes are seen at once).
     */
    static final Duration KEPT_FOR = Duration.ofSeconds(1);

    /** A checked token: who it acts for, until when. */
    private record CheckedToken(Caller caller, Instant expiresAt) {
    }

    /**
     * Token checks kept by the token's hash (never the secret), so the gate CI fleets hammer does not read
     * the token and two accounts per call. Only accepted tokens are kept; a revocation or a disabled account
     * forgets them all (see {@link KeptValues} for why no request is answered with a forgotten check).
     */
    private final KeptValues<String, CheckedToken> checkedTokens = new KeptValues<>(10_000, KEPT_FOR, clock,
            CheckedToken::expiresAt);

    /** Fired inside a transaction that revokes a token or disables an account. */
    public record CredentialsChanged() {
    }

    void credentialsChanging(@Observes CredentialsChanged change) {
        checkedTokens.changingAll();
    }

    void credentialsChangedAll(@Observes(during = TransactionPhase.AFTER_COMPLETION) CredentialsChanged change) {
        checkedTokens.changedAll();
    }

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

    /**
     * The person a token acts for, with the token's roles and name. A token ends with its person: in local
     * mode its owner must be an enabled account, and it stops at once when the account that minted it is
     * disabled too (so a disabled person's tokens cannot act, nor mint more).
     */
    @Transactional
    public Optional<Caller> authenticateToken(String secret) {
        String hash = Hashing.sha256Hex(secret);
        return Optional.ofNullable(checkedTokens.get(hash, h -> tokens.withHash(h).stream()
                .filter(t -> MessageDigest.isEqual(t.tokenHash().getBytes(StandardCharsets.US_ASCII),
                        h.getBytes(StandardCharsets.US_ASCII)))
                .filter(t -> t.isUsableAt(clock.instant()))
                .filter(t -> !isDisabled(t.owner()) && !isDisabled(t.createdBy()))
                .findFirst()
                .map(t -> new CheckedToken(new Caller(t.owner(), t.roles(), t.name()), t.expiresAt()))
                .orElse(null))).map(CheckedToken::caller);
    }

    /** A local account that exists and is disabled; people of the identity provider have no account here. */
    private boolean isDisabled(String username) {
        return accounts.find(username).map(user -> user.disabledAt() != null).orElse(false);
    }

    /**
     * Issues a new token for {@code owner}; the secret is returned once and only its hash is stored.
     * A person mints for themselves with at most their own roles; only an admin mints for someone else,
     * and in local mode that someone is an enabled account holding every role the token gets (in oidc
     * mode the provider holds people's roles: the admin's word stands, and the ledger records it).
     *
     * @throws InvalidInput a role the owner does not hold, or another person named by a non-admin
     * @throws Conflict     the owner has a token of that name already (names are unique per person)
     */
    @Transactional
    public IssuedToken issueToken(Caller issuer, String owner, String name, Set<Role> roles, Instant expiresAt) {
        String person = owner == null ? issuer.name() : owner;
        boolean admin = issuer.roles().contains(Role.ADMIN);
        if (!person.equals(issuer.name())) {
            if (!admin) {
                throw new InvalidInput("The token request has 1 problem(s)",
                        List.of(FieldError.at("/user", "only an admin mints tokens for another person")));
            }
            if (!identity.oidc()) {
                UserAccount account = accounts.find(person).filter(u -> u.disabledAt() == null).orElseThrow(() -> new InvalidInput(
                        "The token request has 1 problem(s)", List.of(FieldError.at("/user", "no enabled account '" + person + "'"))));
                requireHeld(roles, account.roles(), "'" + person + "'");
            }
        } else if (!admin) {
            requireHeld(roles, issuer.roles(), "you");
        }
        if (tokens.ofOwner(person).stream().anyMatch(t -> t.name().equals(name))) {
            throw new Conflict("'" + person + "' has a token named '" + name + "' already; token names are unique per person");
        }
        String secret = TOKEN_PREFIX + randomSecret(32);
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), name, Hashing.sha256Hex(secret), roles, person,
                issuer.actor(), clock.instant(), expiresAt);
        tokens.add(token);
        ledger.append("token.issued", token.id(), issuer.actor(), Json.createObjectBuilder().add("name", name)
                .add("owner", person)
                .add("roles", Json.createArrayBuilder(roles.stream().map(Role::id).sorted().toList()))
                .add("expiresAt", expiresAt == null ? "never" : expiresAt.toString()).build());
        return new IssuedToken(token.id(), name, person, secret, roles, expiresAt);
    }

    private static void requireHeld(Set<Role> asked, Set<Role> held, String who) {
        List<String> missing = asked.stream().filter(r -> !held.contains(r)).map(Role::id).sorted().toList();
        if (!missing.isEmpty()) {
            throw new InvalidInput("The token request has 1 problem(s)", List.of(FieldError.at("/roles",
                    "a token has at most its person's roles: " + who + " do" + (who.equals("you") ? "" : "es") + " not hold "
                            + String.join(", ", missing))));
        }
    }

    /** A new local account; with no password given, one is generated and answered once. */
    @Transactional
    public CreatedUser createUser(Caller admin, String username, Set<Role> roles, String password) {
        if (accounts.find(username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' exists");
        }
        String secret = password == null ? randomSecret(18) : password;
        accounts.add(new UserAccount(username, PasswordHasher.hash(secret.toCharArray()), roles, clock.instant(), admin.actor()));
        ledger.append("user.created", username, admin.actor(), Json.createObjectBuilder()
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
            credentialsChanged.fire(new CredentialsChanged());
            user.disable(clock.instant());
            // Its sessions end at their next request and its tokens at once (authenticateToken checks the account).
            ledger.append("user.disabled", username, admin.actor(), Json.createObjectBuilder().build());
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
            credentialsChanged.fire(new CredentialsChanged());
            token.revoke(clock.instant(), admin.actor());
            ledger.append("token.revoked", id, admin.actor(), Json.createObjectBuilder().add("name", token.name()).build());
        }
        return true;
    }

    public record IssuedToken(String id, String name, String owner, String token, Set<Role> roles, Instant expiresAt) {
    }

    private static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());
}
