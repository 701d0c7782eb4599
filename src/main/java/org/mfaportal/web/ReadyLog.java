package org.mfaportal.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.mfaportal.config.PortalConfig;

/**
 * One clear line once the portal is deployed, with the address to open: a newcomer watching WildFly's log (and a
 * script waiting for the portal) needs no knowledge of WildFly's message codes. A servlet loaded last at startup: the
 * container initialises servlets after the listeners (Faces) and in the order of their load-on-startup, so this runs
 * after migrations, startup beans, Faces and the JAX-RS servlet; measured on a busy machine, a listener logged 20 s
 * before the portal answered. It serves nothing itself.
 */
@WebServlet(urlPatterns = "/ready-log", loadOnStartup = 10_000)
public class ReadyLog extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** What the line starts with; scripts and tests look for it. */
    public static final String READY = "MFA Portal ready at ";

    private static final Logger LOG = Logger.getLogger(ReadyLog.class.getName());

    @Inject
    transient PortalConfig config;

    @Override
    public void init() {
        String contextPath = getServletContext().getContextPath();
        String url = config.publicUrl().map(base -> base.replaceAll("/+$", "")).orElseGet(ReadyLog::localAddress) + contextPath + "/";
        LOG.info(() -> READY + url + (config.devMode() ? " (dev mode: demo accounts alice, bob and admin, see README)" : ""));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** Without a configured public URL: the HTTP port this server listens on, on this machine. */
    private static String localAddress() {
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "http://localhost:" + port;
    }
}
