package org.mfaportal.account;

import java.time.Instant;
import java.util.Set;

/**
 * Benchmark seeding only (this class lives in the bench's web-fragment jar, in the portal's package so that it may
 * call the entity's package-private constructor): a {@link UserAccount} entity with a password hash the caller
 * already computed through the portal's {@link PasswordHasher}. {@link UserAccountService#create} would compute one
 * PBKDF2 hash per account, about 170 ms of CPU each, i.e. five hours for the 100,000 accounts the admin-page
 * benchmarks need. Bulk accounts therefore share one hash of one password; the row is otherwise exactly what the
 * service makes. No SQL writes password hashes.
 */
public final class BenchAccountFactory {

    private BenchAccountFactory() {
    }

    public static UserAccount withPrecomputedHash(String username, String displayName, String email, String passwordHash,
            Set<String> groups, Instant createdAt) {
        return new UserAccount(username, displayName, email, passwordHash, groups, createdAt);
    }
}
