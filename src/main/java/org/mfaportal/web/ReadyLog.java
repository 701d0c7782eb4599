package org.mfaportal.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import org.mfaportal.config.PortalConfig;

/**
 * One clear line once the portal is deployed, with the address to open: a newcomer watching WildFly's log (and a
 * script waiting for the portal) needs no knowledge of WildFly's message codes. The servlet context starts after the
 * persistence unit (migrations) and the startup beans (demo accounts, policy seeding).
 */
@WebListener
public class ReadyLog implements ServletContextListener {

    /** What the line starts with; scripts and tests look for it. */
    public static final String READY = "MFA Portal ready at ";

    private static final Logger LOG = Logger.getLogger(ReadyLog.class.getName());

    @Inject
    PortalConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String contextPath = event.getServletContext().getContextPath();
        String url = config.publicUrl().map(base -> base.replaceAll("/+$", "")).orElseGet(ReadyLog::localAddress) + contextPath + "/";
        LOG.info(() -> READY + url + (config.devMode() ? " (dev mode: demo accounts alice, bob and admin, see README)" : ""));
    }

    /** Without a configured public URL: the HTTP port this server listens on, on this machine. */
    private static String localAddress() {
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "http://localhost:" + port;
    }
}
