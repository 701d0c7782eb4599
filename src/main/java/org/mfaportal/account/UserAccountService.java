package org.mfaportal.account;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Staff accounts: lookup, creation, password checks (with hash upgrades), password changes. */
@Stateless
public class UserAccountService {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    Clock clock;

    /** Reads only: in the caller's transaction if there is one, else in none (no commit for a lookup). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<UserAccount> findByUsername(String username) {
        return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
                .setParameter("username", UserAccount.normalizeUsername(username))
                .getResultList()
                .stream()
                .findFirst();
    }

    /** The accounts with this e-mail address (case-insensitive); addresses are not unique. */
    public List<UserAccount> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        return em.createNamedQuery(UserAccount.BY_EMAIL, UserAccount.class)
                .setParameter("email", email.strip().toLowerCase(Locale.ROOT))
                .getResultList();
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

    /** The record of a person the identity provider signed in for the first time, when configuration allows it. */
    public UserAccount createFromIdentityProvider(String username, String displayName, String email, Set<String> groups) {
        var account = UserAccount.fromIdentityProvider(username, displayName, email, groups, clock.instant());
        em.persist(account);
        return account;
    }

    /** Name, e-mail and groups as the identity provider has them now (only for the accounts it created). */
    public UserAccount refreshFromIdentityProvider(UserAccount account, String displayName, String email, Set<String> groups) {
        UserAccount managed = em.merge(account);
        managed.refreshFromIdentityProvider(displayName, email, groups);
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
     * wrong password, so timing reveals nothing about which usernames exist. A hash made with fewer iterations than
     * {@code mfa.password.iterations} asks for is re-computed now that the password is known.
     */
    public Optional<UserAccount> authenticate(String username, char[] password) {
        Optional<UserAccount> account = findByUsername(username).filter(UserAccount::isEnabled).filter(UserAccount::hasLocalPassword);
        if (account.isEmpty()) {
            passwordHasher.verifyAgainstDecoy(password);
            return Optional.empty();
        }
        Optional<UserAccount> verified = account.filter(found -> passwordHasher.verify(password, found.getPasswordHash()));
        verified.filter(found -> passwordHasher.needsUpgrade(found.getPasswordHash())).ifPresent(found -> upgradeHash(found, password));
        return verified;
    }

    /**
     * Conditional on the old hash and without the version check: concurrent sign-ins of one user must not fail each
     * other; the first upgrade wins, the others change nothing.
     */
    private void upgradeHash(UserAccount account, char[] password) {
        em.createNamedQuery(UserAccount.REPLACE_PASSWORD_HASH)
                .setParameter("newHash", passwordHasher.hash(password))
                .setParameter("id", account.getId())
                .setParameter("oldHash", account.getPasswordHash())
                .executeUpdate();
    }

    /**
     * Stores a new local password (already accepted by {@link PasswordPolicy}). Only for accounts that have a local
     * password (changed by the user, reset by link) or are about to get their first one (an invitation).
     */
    public void setPassword(UserAccount user, char[] password) {
        UserAccount managed = em.find(UserAccount.class, user.getId());
        managed.replacePasswordHash(passwordHasher.hash(password));
    }
}
