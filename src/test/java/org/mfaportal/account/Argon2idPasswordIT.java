package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalDeployment;

/**
 * A deployment configured with {@code mfa.password.algorithm=argon2id}: new passwords get Argon2id at the shipped cost,
 * and the PBKDF2 hashes already stored keep signing in and become Argon2id at their next successful sign-in.
 */
@ExtendWith(ArquillianExtension.class)
class Argon2idPasswordIT {

    private static final String PASSWORD = "lantern orchard ferry";

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(Argon2idPasswordIT.class)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config-argon2id.jar")
                        .addAsManifestResource("config-argon2id/microprofile-config.properties", "microprofile-config.properties"));
    }

    @Inject
    UserAccountService accounts;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Test
    void aNewPasswordIsHashedWithArgon2idAtTheConfiguredCost() {
        UserAccount user = newUser();

        String stored = storedHash(user);
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertTrue(accounts.authenticate(user.getUsername(), PASSWORD.toCharArray()).isPresent());
        assertFalse(accounts.authenticate(user.getUsername(), (PASSWORD + "!").toCharArray()).isPresent());
        assertEquals(stored, storedHash(user), "already what is configured: not re-hashed");
    }

    @Test
    void aStoredPbkdf2HashSignsInAndBecomesArgon2id() throws Exception {
        UserAccount user = newUser();
        pbkdf2.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512", "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32", "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        String pbkdf2Hash = pbkdf2.generate(PASSWORD.toCharArray());
        replaceHash(user, pbkdf2Hash);

        assertFalse(accounts.authenticate(user.getUsername(), "not the password".toCharArray()).isPresent());
        assertEquals(pbkdf2Hash, storedHash(user), "a wrong password upgrades nothing");

        assertTrue(accounts.authenticate(user.getUsername(), PASSWORD.toCharArray()).isPresent());

        String upgraded = storedHash(user);
        assertTrue(upgraded.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), upgraded);
        assertTrue(accounts.authenticate(user.getUsername(), PASSWORD.toCharArray()).isPresent(), "the password still works");
        assertFalse(accounts.authenticate(user.getUsername(), "not the password".toCharArray()).isPresent());
        assertEquals(upgraded, storedHash(user), "upgraded once");
    }

    private UserAccount newUser() {
        return accounts.create("argon-" + UUID.randomUUID(), "Argon Tester", null, PASSWORD.toCharArray(), Set.of("sales"));
    }

    private void replaceHash(UserAccount user, String hash) throws Exception {
        transaction.begin();
        em.createQuery("update UserAccount u set u.passwordHash = :hash where u.id = :id")
                .setParameter("hash", hash).setParameter("id", user.getId()).executeUpdate();
        transaction.commit();
    }

    private String storedHash(UserAccount user) {
        return em.createQuery("select u.passwordHash from UserAccount u where u.id = :id", String.class)
                .setParameter("id", user.getId()).getSingleResult();
    }
}
