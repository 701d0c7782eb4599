package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.auth.SecondFactorResult.SecondFactorKind;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;
import org.mfaportal.testing.Concurrently;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/** The PENDING_MFA state: expiry (by moving the clock), attempt limits, single completion. */
@ExtendWith(ArquillianExtension.class)
class PendingLoginServiceIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(PendingLoginServiceIT.class, Concurrently.class);
    }

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    TotpService totp;

    @Inject
    UserAccountService accounts;

    @Inject
    TestClock clock;

    @PersistenceContext
    EntityManager em;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record EnrolledUser(UserAccount account, TotpEnrolment app, List<String> recoveryCodes) {
        String codeAt(Instant instant) {
            return app.totp().codeAt(app.secret(), instant);
        }
    }

    private EnrolledUser enrolledUser() {
        UserAccount user = accounts.create("pending-" + UUID.randomUUID(), "Pending Tester", null, "password-123".toCharArray(), Set.of("sales"));
        TotpEnrolment app = totp.startEnrolment(user);
        List<String> codes = totp.confirmEnrolment(user, app, app.totp().codeAt(app.secret(), clock.instant().minusSeconds(30))).orElseThrow();
        return new EnrolledUser(user, app, codes);
    }

    private String start(EnrolledUser user) {
        return pendingLogins.start(user.account(), Set.of("sales", "staff"), new ReturnPath("/account/security/totp"));
    }

    @Test
    void correctCodeCompletesTheSignInWithTheSnapshotGroupsAndReturnPath() {
        EnrolledUser user = enrolledUser();
        String token = start(user);

        SecondFactorResult result = pendingLogins.verifySecondFactor(token, user.codeAt(clock.instant()));

        SecondFactorResult.Verified verified = assertInstanceOf(SecondFactorResult.Verified.class, result);
        assertEquals(user.account().getUsername(), verified.username());
        assertEquals(Set.of("sales", "staff"), verified.groups());
        assertEquals(new ReturnPath("/account/security/totp"), verified.returnPath());
        assertEquals(SecondFactorKind.TOTP, verified.factor());
        assertTrue(pendingLogins.find(token).isEmpty(), "a pending sign-in completes once");
    }

    @Test
    void recoveryCodeCompletesTheSignInAndReportsTheCodesLeft() {
        EnrolledUser user = enrolledUser();

        SecondFactorResult result = pendingLogins.verifySecondFactor(start(user), user.recoveryCodes().get(0));

        SecondFactorResult.Verified verified = assertInstanceOf(SecondFactorResult.Verified.class, result);
        assertEquals(SecondFactorKind.RECOVERY_CODE, verified.factor());
        assertEquals(9, verified.recoveryCodesLeft());
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() {
        EnrolledUser user = enrolledUser();
        String token = start(user);

        Number withRawToken = (Number) em.createNativeQuery("select count(*) from pending_login where token_hash = ?1")
                .setParameter(1, token).getSingleResult();
        Number withHash = (Number) em.createNativeQuery("select count(*) from pending_login where token_hash = ?1")
                .setParameter(1, TokenDigest.of(token)).getSingleResult();

        assertEquals(0, withRawToken.intValue());
        assertEquals(1, withHash.intValue());
    }

    @Test
    void pendingSignInExpiresAfterFifteenMinutes() {
        EnrolledUser user = enrolledUser();
        String token = start(user);

        clock.advance(Duration.ofMinutes(14));
        assertTrue(pendingLogins.find(token).isPresent());

        clock.advance(Duration.ofMinutes(1));
        SecondFactorResult result = pendingLogins.verifySecondFactor(token, user.codeAt(clock.instant()));

        assertInstanceOf(SecondFactorResult.NoPendingLogin.class, result);
    }

    @Test
    void fiveWrongCodesEndThePendingSignIn() {
        EnrolledUser user = enrolledUser();
        String token = start(user);
        String wrong = user.codeAt(clock.instant()).equals("000000") ? "111111" : "000000";

        for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
            SecondFactorResult.Rejected rejected = assertInstanceOf(SecondFactorResult.Rejected.class,
                    pendingLogins.verifySecondFactor(token, wrong));
            assertEquals(attemptsLeft, rejected.attemptsLeft());
        }
        assertInstanceOf(SecondFactorResult.AttemptsExhausted.class, pendingLogins.verifySecondFactor(token, wrong));

        assertInstanceOf(SecondFactorResult.NoPendingLogin.class, pendingLogins.verifySecondFactor(token, user.codeAt(clock.instant())),
                "even the right code is too late now");
    }

    @Test
    void forgedTokenFindsNothing() {
        EnrolledUser user = enrolledUser();
        start(user);

        for (String forged : new String[] {"", "x", "A".repeat(43), "A".repeat(5000)}) {
            assertInstanceOf(SecondFactorResult.NoPendingLogin.class, pendingLogins.verifySecondFactor(forged, user.codeAt(clock.instant())));
        }
    }

    @Test
    void cancelledSignInCannotBeCompleted() {
        EnrolledUser user = enrolledUser();
        String token = start(user);

        pendingLogins.cancel(token);

        assertInstanceOf(SecondFactorResult.NoPendingLogin.class, pendingLogins.verifySecondFactor(token, user.codeAt(clock.instant())));
    }

    @Test
    void concurrentCorrectCodesCompleteThePendingSignInOnce() throws Exception {
        EnrolledUser user = enrolledUser();
        String token = start(user);
        Instant now = clock.instant();
        List<String> codes = List.of(user.codeAt(now), user.codeAt(now.plusSeconds(30)), user.recoveryCodes().get(0));

        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<SecondFactorResult> results = Concurrently.run(codes.size(),
                () -> pendingLogins.verifySecondFactor(token, codes.get(next.getAndIncrement())));

        assertEquals(1, results.stream().filter(SecondFactorResult.Verified.class::isInstance).count(), results.toString());
    }

    @Test
    void expiredPendingSignInsArePurged() {
        EnrolledUser user = enrolledUser();
        String token = start(user);
        clock.advance(Duration.ofMinutes(16));

        assertTrue(pendingLogins.purgeExpired() >= 1);

        clock.reset();
        assertFalse(pendingLogins.find(token).isPresent(), "gone from the table, not merely expired");
    }
}
