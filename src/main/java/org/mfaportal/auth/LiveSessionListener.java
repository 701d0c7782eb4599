package org.mfaportal.auth;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** A signed-in session that ends on its node (sign-out or timeout) leaves the list of live sessions with it. */
@WebListener
public class LiveSessionListener implements HttpSessionListener {

    @Inject
    LiveSessionService liveSessions;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (SignInSession.isSignedIn(event.getSession())) {
            liveSessions.forget(event.getSession().getId());
        }
    }
}
