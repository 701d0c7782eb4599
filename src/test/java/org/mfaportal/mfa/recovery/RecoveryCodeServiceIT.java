package org.mfaportal.mfa.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.testing.Concurrently;
import org.mfaportal.testing.PortalDeployment;

/** Recovery codes against the real database: hashes only, single use, regeneration. */
@ExtendWith(ArquillianExtension.class)
class RecoveryCodeServiceIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(RecoveryCodeServiceIT.class, Concurrently.class);
    }

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    UserAccountService accounts;

    @PersistenceContext
    EntityManager em;

    private UserAccount newUser() {
        return accounts.create("recovery-" + UUID.randomUUID(), "Recovery Tester", null, "password-123".toCharArray(), Set.of());
    }

    @Test
    void generatedCodesAreDistinctAndReadable() {
        List<String> codes = recoveryCodes.generateRecoveryCodes(newUser(), 10);

        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"), code));
    }

    @Test
    void onlyHashesAreStored() {
        UserAccount user = newUser();
        List<String> codes = recoveryCodes.generateRecoveryCodes(user, 10);

        @SuppressWarnings("unchecked")
        List<String> stored = em.createNativeQuery("select code_hash from recovery_code where user_id = ?1")
                .setParameter(1, user.getId()).getResultList();

        assertEquals(10, stored.size());
        for (String code : codes) {
            String canonical = code.replace("-", "");
            stored.forEach(hash -> assertFalse(hash.contains(canonical) || hash.contains(code)));
        }
    }

    @Test
    void eachCodeWorksOnce() {
        UserAccount user = newUser();
        List<String> codes = recoveryCodes.generateRecoveryCodes(user, 10);

        assertTrue(recoveryCodes.redeemRecoveryCode(user, codes.get(3)));
        assertFalse(recoveryCodes.redeemRecoveryCode(user, codes.get(3)));
        assertEquals(9, recoveryCodes.unusedRecoveryCodes(user));
    }

    @Test
    void inputIsCaseInsensitiveAndIgnoresDashesAndSpaces() {
        UserAccount user = newUser();
        List<String> codes = recoveryCodes.generateRecoveryCodes(user, 3);

        assertTrue(recoveryCodes.redeemRecoveryCode(user, codes.get(0).toLowerCase(Locale.ROOT)));
        assertTrue(recoveryCodes.redeemRecoveryCode(user, " " + codes.get(1).replace("-", " ") + " "));
        assertTrue(recoveryCodes.redeemRecoveryCode(user, codes.get(2).replace("-", "")));
    }

    @Test
    void anotherUsersCodeDoesNotWork() {
        UserAccount owner = newUser();
        UserAccount other = newUser();
        List<String> ownerCodes = recoveryCodes.generateRecoveryCodes(owner, 2);
        recoveryCodes.generateRecoveryCodes(other, 2);

        assertFalse(recoveryCodes.redeemRecoveryCode(other, ownerCodes.get(0)));
        assertTrue(recoveryCodes.redeemRecoveryCode(owner, ownerCodes.get(0)));
    }

    @Test
    void malformedInputIsRejected() {
        UserAccount user = newUser();
        recoveryCodes.generateRecoveryCodes(user, 2);

        for (String bad : new String[] {"", "ABCD", "ABCD-EFGH-IJKL-MNO1", "ＡＢＣＤ-ＥＦＧＨ-ＩＪＫＬ-ＭＮＯＰ", "A".repeat(10_000), null}) {
            assertFalse(recoveryCodes.redeemRecoveryCode(user, bad), String.valueOf(bad));
        }
        assertEquals(2, recoveryCodes.unusedRecoveryCodes(user));
    }

    @Test
    void regeneratingInvalidatesTheOldSetAtOnce() {
        UserAccount user = newUser();
        List<String> old = recoveryCodes.generateRecoveryCodes(user, 10);

        List<String> fresh = recoveryCodes.regenerateRecoveryCodes(user);

        assertFalse(recoveryCodes.redeemRecoveryCode(user, old.get(0)));
        assertTrue(recoveryCodes.redeemRecoveryCode(user, fresh.get(0)));
        assertEquals(9, recoveryCodes.unusedRecoveryCodes(user));
    }

    @Test
    void twoConcurrentRedemptionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 8; round++) {
            UserAccount user = newUser();
            String code = recoveryCodes.generateRecoveryCodes(user, 2).get(0);

            List<Boolean> results = Concurrently.run(3, () -> recoveryCodes.redeemRecoveryCode(user, code));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), "round " + round + ": " + results);
            assertEquals(1, recoveryCodes.unusedRecoveryCodes(user));
        }
    }
}
