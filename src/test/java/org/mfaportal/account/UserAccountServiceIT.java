package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalDeployment;

/** Accounts and password checks against the real database, inside the server. */
@ExtendWith(ArquillianExtension.class)
class UserAccountServiceIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(UserAccountServiceIT.class);
    }

    @Inject
    UserAccountService accounts;

    @PersistenceContext
    EntityManager em;

    private static String uniqueUsername() {
        return "user-" + UUID.randomUUID();
    }

    @Test
    void createdAccountSignsInWithItsPasswordOnly() {
        String username = uniqueUsername();
        accounts.create(username, "Test User", null, "correct horse".toCharArray(), Set.of("engineering"));

        assertTrue(accounts.authenticate(username, "correct horse".toCharArray()).isPresent());
        assertFalse(accounts.authenticate(username, "correct horsE".toCharArray()).isPresent());
        assertFalse(accounts.authenticate(username, "".toCharArray()).isPresent());
    }

    @Test
    void unknownUsernameIsRefused() {
        assertFalse(accounts.authenticate(uniqueUsername(), "anything".toCharArray()).isPresent());
    }

    @Test
    void usernameIsStoredNormalisedAndFoundCaseInsensitively() {
        String username = uniqueUsername();
        accounts.create("  " + username.toUpperCase() + " ", "Test User", null, "pw-123456".toCharArray(), Set.of());

        UserAccount found = accounts.findByUsername(username).orElseThrow();

        assertEquals(username, found.getUsername());
        assertTrue(accounts.authenticate(username.toUpperCase(), "pw-123456".toCharArray()).isPresent());
    }

    @Test
    void passwordIsStoredAsPbkdf2Sha512HashWithTheConfiguredIterations() {
        String username = uniqueUsername();
        accounts.create(username, "Test User", null, "secret-password".toCharArray(), Set.of());

        String stored = accounts.findByUsername(username).orElseThrow().getPasswordHash();

        assertTrue(stored.startsWith("PBKDF2WithHmacSHA512:210000:"), stored);
        assertFalse(stored.contains("secret-password"));
    }

    @Test
    void samePasswordGetsADifferentSaltForEachAccount() {
        String first = uniqueUsername();
        String second = uniqueUsername();
        accounts.create(first, "A", null, "same-password".toCharArray(), Set.of());
        accounts.create(second, "B", null, "same-password".toCharArray(), Set.of());

        assertNotEquals(accounts.findByUsername(first).orElseThrow().getPasswordHash(),
                accounts.findByUsername(second).orElseThrow().getPasswordHash());
    }

    @Test
    void withoutDevModeNoDemoAccountExists() {
        for (DemoAccounts.DemoAccount demo : DemoAccounts.ACCOUNTS) {
            assertTrue(accounts.findByUsername(demo.username()).isEmpty(), demo.username());
        }
    }

    @Test
    void schemaComesFromTheFlywayMigrations() {
        Number applied = (Number) em.createNativeQuery(
                "select count(*) from \"flyway_schema_history\" where \"version\" = '1' and \"success\" = true")
                .getSingleResult();

        assertEquals(1, applied.intValue());
    }
}
