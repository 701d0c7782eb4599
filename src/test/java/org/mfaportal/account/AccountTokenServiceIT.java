package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.AccountToken.Purpose;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.testing.Concurrently;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/** Single-use links: one use, expiry (by moving the clock), the newest token only, one winner of a race, no forgery. */
@ExtendWith(ArquillianExtension.class)
class AccountTokenServiceIT {

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(AccountTokenServiceIT.class, Concurrently.class);
    }

    @Inject
    AccountTokenService tokens;

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

    private UserAccount newUser() {
        return accounts.create("token-" + UUID.randomUUID(), "Token Tester", null, "a long test password".toCharArray(), Set.of("sales"));
    }

    @Test
    void aTokenIsRandomBase64UrlOf256BitsAndOnlyItsHashIsStored() {
        UserAccount user = newUser();
        String token = tokens.issue(user, Purpose.PASSWORD_RESET, null);

        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        List<String> stored = em.createQuery("select t.tokenHash from AccountToken t where t.user.id = :id", String.class)
                .setParameter("id", user.getId()).getResultList();
        assertEquals(List.of(TokenDigest.of(token)), stored);
        assertFalse(stored.contains(token));
        assertNotEquals(token, tokens.issue(newUser(), Purpose.PASSWORD_RESET, null));
    }

    @Test
    void aTokenCanBeCheckedWithoutUsingItAndRedeemedOnlyOnce() {
        UserAccount user = newUser();
        String token = tokens.issue(user, Purpose.PASSWORD_RESET, null);

        assertEquals(Optional.of(user.getId()), tokens.check(token, Purpose.PASSWORD_RESET).map(UserAccount::getId));
        assertEquals(Optional.of(user.getId()), tokens.check(token, Purpose.PASSWORD_RESET).map(UserAccount::getId), "checking does not use it");
        assertEquals(Optional.of(user.getId()), tokens.redeem(token, Purpose.PASSWORD_RESET).map(UserAccount::getId));

        assertTrue(tokens.redeem(token, Purpose.PASSWORD_RESET).isEmpty(), "a used token is refused");
        assertTrue(tokens.check(token, Purpose.PASSWORD_RESET).isEmpty());
    }

    @Test
    void aTokenWorksOnlyForItsPurpose() {
        UserAccount user = newUser();
        String invitation = tokens.issue(user, Purpose.INVITATION, "it-admin");

        assertTrue(tokens.check(invitation, Purpose.PASSWORD_RESET).isEmpty());
        assertTrue(tokens.redeem(invitation, Purpose.PASSWORD_RESET).isEmpty());
        assertTrue(tokens.redeem(invitation, Purpose.INVITATION).isPresent());
    }

    @Test
    void aResetTokenExpiresAfterTheConfiguredHour() {
        UserAccount user = newUser();
        String token = tokens.issue(user, Purpose.PASSWORD_RESET, null);
        String other = tokens.issue(newUser(), Purpose.PASSWORD_RESET, null);

        clock.advance(Duration.ofMinutes(59));
        assertTrue(tokens.check(other, Purpose.PASSWORD_RESET).isPresent(), "still valid within the hour");

        clock.advance(Duration.ofMinutes(1));
        assertTrue(tokens.check(token, Purpose.PASSWORD_RESET).isEmpty());
        assertTrue(tokens.redeem(token, Purpose.PASSWORD_RESET).isEmpty());
    }

    @Test
    void anInvitationTokenExpiresAfterSeventyTwoHours() {
        UserAccount user = newUser();
        String token = tokens.issue(user, Purpose.INVITATION, "it-admin");
        assertTrue(tokens.openUntil(user, Purpose.INVITATION).isPresent());

        clock.advance(Duration.ofHours(71));
        assertTrue(tokens.check(token, Purpose.INVITATION).isPresent());
        clock.advance(Duration.ofHours(1));
        assertTrue(tokens.redeem(token, Purpose.INVITATION).isEmpty());
        assertTrue(tokens.openUntil(user, Purpose.INVITATION).isEmpty());
    }

    @Test
    void aNewerTokenInvalidatesTheOlderOneOfThatPurposeOnly() {
        UserAccount user = newUser();
        String older = tokens.issue(user, Purpose.PASSWORD_RESET, null);
        String invitation = tokens.issue(user, Purpose.INVITATION, "it-admin");
        String newer = tokens.issue(user, Purpose.PASSWORD_RESET, null);

        assertTrue(tokens.redeem(older, Purpose.PASSWORD_RESET).isEmpty());
        assertTrue(tokens.check(invitation, Purpose.INVITATION).isPresent(), "another purpose is untouched");
        assertTrue(tokens.redeem(newer, Purpose.PASSWORD_RESET).isPresent());
    }

    @Test
    void cancellingEndsTheOpenTokens() {
        UserAccount user = newUser();
        String token = tokens.issue(user, Purpose.INVITATION, "it-admin");

        assertEquals(1, tokens.cancelOpen(user, Purpose.INVITATION));
        assertTrue(tokens.check(token, Purpose.INVITATION).isEmpty());
        assertTrue(tokens.redeem(token, Purpose.INVITATION).isEmpty());
    }

    @Test
    void twoConcurrentRedemptionsOfOneTokenHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String token = tokens.issue(newUser(), Purpose.PASSWORD_RESET, null);

            List<Boolean> redeemed = Concurrently.run(2, () -> tokens.redeem(token, Purpose.PASSWORD_RESET).isPresent());

            assertEquals(1, redeemed.stream().filter(won -> won).count(), "round " + round + ": " + redeemed);
        }
    }

    @Test
    void unknownForgedOrMalformedTokensAreRefused() {
        UserAccount user = newUser();
        String token = tokens.issue(user, Purpose.PASSWORD_RESET, null);
        char last = token.charAt(token.length() - 1);
        String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        byte[] random = new byte[32];
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(random);

        for (String refused : new String[] {forged, unknown, "", null, token + "x", token.substring(1), TokenDigest.of(token), "' or 1=1 --"}) {
            assertTrue(tokens.check(refused, Purpose.PASSWORD_RESET).isEmpty(), String.valueOf(refused));
            assertTrue(tokens.redeem(refused, Purpose.PASSWORD_RESET).isEmpty(), String.valueOf(refused));
        }
        assertTrue(tokens.redeem(token, Purpose.PASSWORD_RESET).isPresent(), "the real one still works");
    }

    @Test
    void usedAndExpiredTokensArePurged() {
        UserAccount user = newUser();
        String used = tokens.issue(user, Purpose.INVITATION, "it-admin");
        tokens.redeem(used, Purpose.INVITATION);
        tokens.issue(user, Purpose.PASSWORD_RESET, null);
        String open = tokens.issue(newUser(), Purpose.INVITATION, "it-admin");

        clock.advance(Duration.ofHours(2));
        tokens.purgeSpent();

        long left = em.createQuery("select count(t) from AccountToken t where t.user.id = :id", Long.class)
                .setParameter("id", user.getId()).getSingleResult();
        assertEquals(0, left);
        assertTrue(tokens.check(open, Purpose.INVITATION).isPresent(), "an open token stays");
    }
}
