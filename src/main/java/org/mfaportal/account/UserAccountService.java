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

    /** The local record of a directory entry, by the directory's stable key. */
    public Optional<UserAccount> findByExternalId(String externalId) {
        return em.createNamedQuery(UserAccount.BY_EXTERNAL_ID, UserAccount.class)
                .setParameter("source", AccountSource.DIRECTORY)
                .setParameter("externalId", externalId)
                .getResultStream()
                .findFirst();
    }

    /** The local record of a directory user's first sign-in: no local password. */
    public UserAccount createFromDirectory(String username, String externalId, String displayName, String email, Set<String> groups) {
        var account = UserAccount.fromDirectory(username, externalId, displayName, email, groups, clock.instant());
        em.persist(account);
        return account;
    }

    /** Name, e-mail and groups as the directory has them now. */
    public UserAccount refreshFromDirectory(UserAccount account, String displayName, String email, Set<String> groups) {
        UserAccount managed = em.merge(account);
        managed.refreshFromDirectory(displayName, email, groups, clock.instant());
        return managed;
    }

    /** Records what the directory said about the account (disabled, removed, or active again). */
    public UserAccount markInDirectory(UserAccount account, DirectoryStatus status) {
        UserAccount managed = em.merge(account);
        managed.markInDirectory(status, clock.instant());
        return managed;
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
