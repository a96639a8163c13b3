package dev.assay.security;

import java.util.List;
import java.util.Optional;

/** API tokens as stored (the SHA-256 of each secret, never the secret). A token is revoked, never deleted. */
public interface ApiTokenRepository {

    Optional<ApiToken> find(String id);

    /** The tokens whose secret hashes to {@code tokenHash} (at most one: the column is unique). */
    List<ApiToken> withHash(String tokenHash);

    void add(ApiToken token);

    /** The tokens of one person, revoked ones included (their names stay taken). */
    List<ApiToken> ofOwner(String owner);

    /** Every token, oldest first. */
    List<ApiToken> all();
}
