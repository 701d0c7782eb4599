package org.mfaportal.account;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Staff accounts: lookup, creation, password checks. */
@Stateless
public class UserAccountService {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    Clock clock;

    public Optional<UserAccount> findByUsername(String username) {
        return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", UserAccount.normalizeUsername(username))
                .getResultStream()
                .findFirst();
    }

    public UserAccount create(String username, String displayName, String email, char[] password, Set<String> groups) {
        var account = new UserAccount(username, displayName, email, passwordHasher.hash(password), groups, clock.instant());
        em.persist(account);
        return account;
    }

    /** An account without a password (it gets one through its invitation link); the username must be free. */
    public UserAccount createWithoutPassword(String username, String displayName, String email, Set<String> groups) {
        var account = new UserAccount(username, displayName, email, null, groups, clock.instant());
        em.persist(account);
        return account;
    }

    /**
     * The enabled account with this username and password, or empty. An unknown username costs as much time as a
     * wrong password, so timing reveals nothing about which usernames exist.
     */
    public Optional<UserAccount> authenticate(String username, char[] password) {
        Optional<UserAccount> account = findByUsername(username).filter(UserAccount::isEnabled).filter(UserAccount::hasLocalPassword);
        if (account.isEmpty()) {
            passwordHasher.verifyAgainstDecoy(password);
            return Optional.empty();
        }
        return account.filter(found -> passwordHasher.verify(password, found.getPasswordHash()));
    }
}
