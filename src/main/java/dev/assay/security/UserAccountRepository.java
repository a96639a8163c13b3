package dev.assay.security;

import java.util.List;
import java.util.Optional;

/** Local accounts, by user name. An account is disabled, never deleted: the ledger names its actions. */
public interface UserAccountRepository {

    Optional<UserAccount> find(String username);

    void add(UserAccount account);

    /** Every account, by user name. */
    List<UserAccount> all();
}
