package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.AccountAccessRevoked.Reason;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/** Live sessions in the database: what ends them, what they show, and that one user cannot end another's. */
@ExtendWith(ArquillianExtension.class)
class LiveSessionServiceIT {

    private static final RequestOrigin ORIGIN = new RequestOrigin("192.0.2.7",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36");

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(LiveSessionServiceIT.class);
    }

    @Inject
    LiveSessionService liveSessions;

    @Inject
    UserAccountService accounts;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    Event<AccountAccessRevoked> revocations;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private UserAccount newUser() {
        return accounts.create("sessions-" + UUID.randomUUID(), "Session Tester", null, "password-for-sessions".toCharArray(), Set.of("sales"));
    }

    private static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void recordedSessionIsLiveUntilEndedAndAnUnknownOneNeverIs() {
        UserAccount user = newUser();
        String sessionId = newSessionId();
        liveSessions.start(user, sessionId, ORIGIN);

        assertTrue(liveSessions.isLive(sessionId));
        assertFalse(liveSessions.isLive(newSessionId()), "a session signed in before the record existed, or forged, is not live");

        long id = liveSessions.idOf(sessionId).orElseThrow();
        assertTrue(liveSessions.end(user, id, user.getUsername()));
        assertFalse(liveSessions.isLive(sessionId));
        assertFalse(liveSessions.end(user, id, user.getUsername()), "a session ends once");
    }

    @Test
    void aUserCannotEndAnotherUsersSession() {
        UserAccount owner = newUser();
        UserAccount other = newUser();
        String sessionId = newSessionId();
        liveSessions.start(owner, sessionId, ORIGIN);

        assertFalse(liveSessions.end(other, liveSessions.idOf(sessionId).orElseThrow(), other.getUsername()));
        assertTrue(liveSessions.isLive(sessionId));
    }

    @Test
    void signingOutOthersKeepsOnlyTheCurrentSession() {
        UserAccount user = newUser();
        String current = newSessionId();
        String laptop = newSessionId();
        String phone = newSessionId();
        liveSessions.start(user, current, ORIGIN);
        liveSessions.start(user, laptop, ORIGIN);
        liveSessions.start(user, phone, ORIGIN);

        assertEquals(2, liveSessions.endAllBut(user, current, user.getUsername(), "test"));

        assertTrue(liveSessions.isLive(current));
        assertFalse(liveSessions.isLive(laptop));
        assertFalse(liveSessions.isLive(phone));
        assertEquals(1, liveSessions.sessionsOf(user).size());
    }

    @Test
    void theListShowsBrowserAddressAndTimesAndDropsIdleSessions() {
        UserAccount user = newUser();
        String sessionId = newSessionId();
        Instant before = clock.instant();
        liveSessions.start(user, sessionId, ORIGIN);
        Instant after = clock.instant();

        List<LiveSession> sessions = liveSessions.sessionsOf(user);
        assertEquals(1, sessions.size());
        assertEquals("192.0.2.7", sessions.get(0).getIpAddress());
        assertEquals("Chrome on Linux", UserAgentSummary.describe(sessions.get(0).getUserAgent()));
        assertFalse(sessions.get(0).getCreatedAt().isBefore(before.minusMillis(1)) || sessions.get(0).getCreatedAt().isAfter(after.plusMillis(1)));

        clock.advance(LiveSessionService.IDLE_TIMEOUT.plusMinutes(1));
        assertTrue(liveSessions.sessionsOf(user).isEmpty(), "a session idle past the timeout is gone on its node");

        clock.advance(Duration.ofMinutes(10));
        assertTrue(liveSessions.purgeIdle() >= 1);
        assertFalse(liveSessions.isLive(sessionId));
    }

    @Test
    void lastSeenIsWrittenAtMostOncePerMinute() {
        UserAccount user = newUser();
        String sessionId = newSessionId();
        liveSessions.start(user, sessionId, ORIGIN);
        Instant signedInAt = liveSessions.sessionsOf(user).get(0).getLastSeenAt();

        clock.advance(Duration.ofSeconds(30));
        liveSessions.isLive(sessionId);
        assertEquals(signedInAt, liveSessions.sessionsOf(user).get(0).getLastSeenAt());

        clock.advance(Duration.ofSeconds(45));
        liveSessions.isLive(sessionId);
        assertTrue(liveSessions.sessionsOf(user).get(0).getLastSeenAt().isAfter(signedInAt.plusSeconds(74)));
    }

    @Test
    void disablingAnAccountEndsEverySessionPendingSignInAndTrustedBrowser() {
        UserAccount user = newUser();
        String sessionId = newSessionId();
        liveSessions.start(user, sessionId, ORIGIN);
        String pending = pendingLogins.start(user, Set.of("staff"), ReturnPath.HOME);
        trustedBrowsers.trust(user, ORIGIN.userAgent(), Duration.ofDays(30));

        revocations.fire(new AccountAccessRevoked(user, Reason.ACCOUNT_DISABLED, null, "it-admin"));

        assertFalse(liveSessions.isLive(sessionId));
        assertTrue(pendingLogins.find(pending).isEmpty(), "a code can no longer finish a sign-in begun before");
        assertTrue(trustedBrowsers.trustedBrowsers(user).isEmpty());
    }

    @Test
    void aPasswordChangeKeepsTheChangingSessionOnly() {
        UserAccount user = newUser();
        String changing = newSessionId();
        String other = newSessionId();
        liveSessions.start(user, changing, ORIGIN);
        liveSessions.start(user, other, ORIGIN);
        trustedBrowsers.trust(user, ORIGIN.userAgent(), Duration.ofDays(30));

        revocations.fire(new AccountAccessRevoked(user, Reason.PASSWORD_CHANGED, changing, null));

        assertTrue(liveSessions.isLive(changing));
        assertFalse(liveSessions.isLive(other));
        assertTrue(trustedBrowsers.trustedBrowsers(user).isEmpty());
    }

    @Test
    void signingOutElsewhereLeavesTrustedBrowsersTrusted() {
        UserAccount user = newUser();
        String sessionId = newSessionId();
        liveSessions.start(user, sessionId, ORIGIN);
        trustedBrowsers.trust(user, ORIGIN.userAgent(), Duration.ofDays(30));

        revocations.fire(new AccountAccessRevoked(user, Reason.SIGNED_OUT_ELSEWHERE, null, null));

        assertFalse(liveSessions.isLive(sessionId));
        assertEquals(1, trustedBrowsers.trustedBrowsers(user).size());
    }
}
