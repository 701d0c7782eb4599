package org.mfaportal.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.mfaportal.config.PortalConfig;

/**
 * The session cookie is {@code Secure} outside dev mode: it never travels over plain HTTP. Dev mode serves
 * {@code http://localhost}, where not every browser keeps a Secure cookie. HttpOnly comes from web.xml, SameSite=Lax
 * from WEB-INF/undertow-handlers.conf. Only a context listener may still change the cookie settings.
 */
@WebListener
public class SessionCookieSettings implements ServletContextListener {

    @Inject
    PortalConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().getSessionCookieConfig().setSecure(!config.devMode());
    }
}
