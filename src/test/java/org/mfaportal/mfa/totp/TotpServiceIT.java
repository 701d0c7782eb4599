package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.crypto.SecretCipher;
import org.mfaportal.crypto.SecretDecryptionException;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.testing.Concurrently;
import org.mfaportal.testing.PortalDeployment;

/** Authenticator apps against the real database: enrolment, replay protection, secrets at rest. */
@ExtendWith(ArquillianExtension.class)
class TotpServiceIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(TotpServiceIT.class, Concurrently.class);
    }

    @Inject
    TotpService totp;

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    UserAccountService accounts;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    private UserAccount newUser() {
        return accounts.create("totp-" + UUID.randomUUID(), "TOTP Tester", null, "password-123".toCharArray(), Set.of());
    }

    private static String codeAt(TotpEnrolment enrolment, Instant instant) {
        return enrolment.totp().codeAt(enrolment.secret(), instant);
    }

    /** Enrols with the code of the previous step, so the current and next steps are still unused. */
    private TotpEnrolment enrolledApp(UserAccount user) {
        TotpEnrolment enrolment = totp.startEnrolment(user);
        Instant previousStep = clock.instant().minusSeconds(enrolment.totp().periodSeconds());
        assertTrue(totp.confirmEnrolment(user, enrolment, codeAt(enrolment, previousStep)).isPresent());
        return enrolment;
    }

    @Test
    void enrolmentOffersAFresh160BitSecretAsQrCodeAndKeyUri() {
        UserAccount user = newUser();
        TotpEnrolment first = totp.startEnrolment(user);
        TotpEnrolment second = totp.startEnrolment(user);

        assertEquals(20, first.secret().length);
        assertFalse(java.util.Arrays.equals(first.secret(), second.secret()));
        assertTrue(first.keyUri().startsWith("otpauth://totp/MFA%20Portal:" + user.getUsername() + "?secret=" + Base32.encode(first.secret())),
                first.keyUri());
        assertTrue(first.qrCodeDataUrl().startsWith("data:image/png;base64,"));
    }

    @Test
    void wrongCodeEnrolsNothing() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = totp.startEnrolment(user);
        String wrong = codeAt(enrolment, clock.instant()).equals("000000") ? "111111" : "000000";

        assertTrue(totp.confirmEnrolment(user, enrolment, wrong).isEmpty());
        assertFalse(mfa.isMfaEnabled(user));
    }

    @Test
    void firstFactorComesWithTenRecoveryCodes() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = totp.startEnrolment(user);

        List<String> codes = totp.confirmEnrolment(user, enrolment, codeAt(enrolment, clock.instant())).orElseThrow();

        assertEquals(10, codes.size());
        assertTrue(mfa.isMfaEnabled(user));
        assertEquals(10, recoveryCodes.unusedRecoveryCodes(user));
    }

    @Test
    void secondAuthenticatorAppIsRefused() {
        UserAccount user = newUser();
        enrolledApp(user);
        TotpEnrolment another = totp.startEnrolment(user);

        assertThrows(Exception.class, () -> totp.confirmEnrolment(user, another, codeAt(another, clock.instant())));
        assertEquals(1, mfa.authenticators(user, AuthenticatorType.TOTP).size());
    }

    @Test
    void codeOfTheCurrentStepIsAcceptedOnce() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = enrolledApp(user);
        String code = codeAt(enrolment, clock.instant());

        assertTrue(totp.verify(user, code));
        assertFalse(totp.verify(user, code), "replayed in the same time step");
    }

    @Test
    void codeOfAnOlderStepIsRejectedOnceANewerOneWasAccepted() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = enrolledApp(user);
        Instant now = clock.instant();
        String next = codeAt(enrolment, now.plusSeconds(enrolment.totp().periodSeconds()));
        String current = codeAt(enrolment, now);

        assertTrue(totp.verify(user, next));
        assertFalse(totp.verify(user, current), "older step after a newer one");
    }

    @Test
    void codeOfTheEnrolmentStepCannotSignIn() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = totp.startEnrolment(user);
        String code = codeAt(enrolment, clock.instant());
        assertTrue(totp.confirmEnrolment(user, enrolment, code).isPresent());

        assertFalse(totp.verify(user, code));
    }

    @Test
    void codesOutsideTheToleranceAreRejected() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = enrolledApp(user);
        int period = enrolment.totp().periodSeconds();

        assertFalse(totp.verify(user, codeAt(enrolment, clock.instant().plusSeconds(3L * period))));
        assertFalse(totp.verify(user, codeAt(enrolment, clock.instant().minusSeconds(3L * period))));
    }

    @Test
    void malformedCodesAreRejected() {
        UserAccount user = newUser();
        enrolledApp(user);

        for (String bad : new String[] {"", "12345", "1234567", "abcdef", "١٢٣٤٥٦", "１２３４５６", "12345 6", "9".repeat(5000)}) {
            assertFalse(totp.verify(user, bad), bad);
        }
    }

    @Test
    void twoConcurrentUsesOfOneCodeHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 15; round++) {
            UserAccount user = newUser();
            TotpEnrolment enrolment = enrolledApp(user);
            String code = codeAt(enrolment, clock.instant());

            List<Boolean> results = Concurrently.run(4, () -> totp.verify(user, code));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), "round " + round + ": " + results);
        }
    }

    @Test
    void secretIsStoredSealedAndOpensOnlyWithTheRightKey() {
        UserAccount user = newUser();
        TotpEnrolment enrolment = enrolledApp(user);

        String stored = (String) em.createNativeQuery("select totp_secret from authenticator where user_id = ?1")
                .setParameter(1, user.getId()).getSingleResult();

        assertTrue(stored.startsWith("v1:"), "sealed, versioned");
        assertFalse(stored.contains(Base32.encode(enrolment.secret())));
        SecretCipher otherKey = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key(new SecureRandom()));
        assertThrows(SecretDecryptionException.class, () -> otherKey.decrypt(stored, TotpService.associatedData(user)));
    }
}
