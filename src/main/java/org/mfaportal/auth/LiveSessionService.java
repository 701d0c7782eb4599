package org.mfaportal.auth;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.crypto.TokenDigest;

/**
 * The signed-in sessions of every user, kept in the database so that any node lists them and ends them: "sign out
 * other sessions", an admin ending a session, a disabled account or a changed password take effect on the session's
 * next request, whichever node serves it.
 */
@Stateless
public class LiveSessionService {

    /** The HTTP session timeout of web.xml: a session idle this long is gone on its node. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    /**
     * "Last seen" is written at most this often per session: a write per request would cost more than the rest of
     * the check, and the list needs no finer time.
     */
    static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(1);

    /** A node that died takes its sessions' destruction events with it; such rows go once they are surely idle. */
    private static final Duration PURGE_MARGIN = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext self;

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    /** Records the HTTP session of a sign-in that just completed (under its new session id). */
    public void start(UserAccount user, String sessionId, RequestOrigin origin) {
        em.persist(new LiveSession(TokenDigest.of(sessionId), user.getId(), nodeName(), clock.instant(), origin.ipAddress(), origin.userAgent()));
    }

    /**
     * Whether the signed-in HTTP session with this id may go on; marks it as seen. False once the session was ended
     * anywhere, or was never recorded.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isLive(String sessionId) {
        Optional<LiveSession> session = find(sessionId);
        Instant now = clock.instant();
        // asked on every request: a read without a transaction, and a write (in one of its own) once a minute at most
        session.filter(live -> live.getLastSeenAt().plus(LAST_SEEN_PRECISION).isBefore(now))
                .ifPresent(live -> self.getBusinessObject(LiveSessionService.class).markSeen(live.getId(), now));
        return session.isPresent();
    }

    /** "Last seen" of one session (for {@link #isLive}: a transaction only when there is something to write). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void markSeen(long liveSessionId, Instant now) {
        em.createNamedQuery(LiveSession.SEEN).setParameter("now", now).setParameter("id", liveSessionId).executeUpdate();
    }

    /** The user's sessions that are not idle past the timeout, most recently active first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<LiveSession> sessionsOf(UserAccount user) {
        return em.createNamedQuery(LiveSession.OF_USER, LiveSession.class)
                .setParameter("userId", user.getId())
                .setParameter("idleSince", clock.instant().minus(IDLE_TIMEOUT))
                .getResultList();
    }

    /** The id of the live-session row of this HTTP session, to mark "this session" in a list. */
    public Optional<Long> idOf(String sessionId) {
        return find(sessionId).map(LiveSession::getId);
    }

    /**
     * Ends one session of the user (their own or, for an admin, anyone's).
     *
     * @param actor who ended it: the user, or an admin
     * @return false when the session was not the user's or had already ended
     */
    public boolean end(UserAccount user, long liveSessionId, String actor) {
        boolean ended = em.createNamedQuery(LiveSession.END).setParameter("id", liveSessionId).setParameter("userId", user.getId()).executeUpdate() == 1;
        if (ended) {
            audit.record(AuditEventType.SESSION_ENDED, actor, user.getUsername(), "1 session");
        }
        return ended;
    }

    /**
     * Ends every session of the user but the one with the id {@code keepSessionId} (null: all of them).
     *
     * @return how many ended
     */
    public int endAllBut(UserAccount user, String keepSessionId, String actor, String reason) {
        String keepHash = keepSessionId == null ? "" : TokenDigest.of(keepSessionId);
        int ended = em.createNamedQuery(LiveSession.END_ALL_BUT).setParameter("userId", user.getId()).setParameter("keepHash", keepHash).executeUpdate();
        if (ended > 0) {
            audit.record(AuditEventType.SESSION_ENDED, actor, user.getUsername(), ended + (ended == 1 ? " session: " : " sessions: ") + reason);
        }
        return ended;
    }

    /** The session signed out or expired on its node: its row goes with it. */
    public void forget(String sessionId) {
        em.createNamedQuery(LiveSession.END_BY_SESSION_HASH).setParameter("sessionHash", TokenDigest.of(sessionId)).executeUpdate();
    }

    public void onAccessRevoked(@Observes AccountAccessRevoked revoked) {
        endAllBut(revoked.user(), revoked.keepSessionId(), revoked.actor() == null ? revoked.user().getUsername() : revoked.actor(),
                describe(revoked.reason()));
    }

    /** Audit details are for admins: plain words, not constant names. */
    static String describe(AccountAccessRevoked.Reason reason) {
        return switch (reason) {
            case ACCOUNT_DISABLED -> "account disabled";
            case PASSWORD_CHANGED -> "password changed";
            case PASSWORD_RESET -> "password reset";
            case SIGNED_OUT_ELSEWHERE -> "signed out elsewhere";
        };
    }

    /** Rows of sessions whose node died (its expiry events died with it) stop cluttering the lists. */
    @Schedule(minute = "*/10", hour = "*", persistent = false)
    public int purgeIdle() {
        return em.createNamedQuery(LiveSession.DELETE_IDLE).setParameter("idleSince", clock.instant().minus(IDLE_TIMEOUT).minus(PURGE_MARGIN)).executeUpdate();
    }

    private Optional<LiveSession> find(String sessionId) {
        if (sessionId == null || sessionId.length() > 256) {
            return Optional.empty();
        }
        return em.createNamedQuery(LiveSession.BY_SESSION_HASH, LiveSession.class)
                .setParameter("sessionHash", TokenDigest.of(sessionId))
                .getResultList()
                .stream()
                .findFirst();
    }

    private static String nodeName() {
        return System.getProperty("jboss.node.name");
    }
}
