package org.mfaportal.auth;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** "Where you are signed in" on the security page: the user's live sessions, and signing out the others. */
@Named
@ViewScoped
public class LiveSessionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One signed-in browser as the user sees it. */
    public record SessionRow(long id, String browser, String ipAddress, Instant signedInAt, Instant lastSeenAt, boolean current) implements Serializable {
    }

    @Inject
    LiveSessionService liveSessions;

    @Inject
    CurrentUser currentUser;

    @Inject
    HttpServletRequest request;

    @Inject
    Messages messages;

    private List<SessionRow> sessions;

    @PostConstruct
    void load() {
        UserAccount user = currentUser.account().orElseThrow();
        Optional<Long> current = liveSessions.idOf(request.getSession().getId());
        sessions = liveSessions.sessionsOf(user).stream()
                .map(session -> new SessionRow(session.getId(), UserAgentSummary.describe(session.getUserAgent()), session.getIpAddress(),
                        session.getCreatedAt(), session.getLastSeenAt(), current.filter(session.getId()::equals).isPresent()))
                .toList();
    }

    public void signOut(long id) {
        UserAccount user = currentUser.account().orElseThrow();
        if (sessions.stream().anyMatch(session -> session.id() == id && !session.current()) && liveSessions.end(user, id, user.getUsername())) {
            messages.info(null, "sessions.signed-out");
        }
        load();
    }

    public void signOutOthers() {
        UserAccount user = currentUser.account().orElseThrow();
        int ended = liveSessions.endAllBut(user, request.getSession().getId(), user.getUsername(), "signed out elsewhere by the user");
        messages.info(null, ended == 0 ? "sessions.none-other" : "sessions.signed-out-others");
        load();
    }

    public List<SessionRow> getSessions() {
        return sessions;
    }

    public boolean isOthers() {
        return sessions.stream().anyMatch(session -> !session.current());
    }
}
