package org.mfaportal.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;

/**
 * "Confirm it's you" before changing how the account is protected: sensitive actions need an authentication within
 * {@code mfa.reauthentication.timeout}. Sign-in and a successful reauthentication both count.
 */
@Named
@RequestScoped
public class Reauthentication {

    static final String PAGE = "/account/reauthenticate";
    private static final String AUTHENTICATED_AT = Reauthentication.class.getName() + ".authenticatedAt";

    @Inject
    Clock clock;

    @Inject
    PortalConfig config;

    @Inject
    HttpServletRequest request;

    @Inject
    AuditService audit;

    @Inject
    LockoutService lockout;

    static void markAuthenticated(HttpServletRequest request, Instant at) {
        request.getSession().setAttribute(AUTHENTICATED_AT, at);
    }

    /** The user proved it's them ({@code how}: password, TOTP, RECOVERY_CODE, SECURITY_KEY). */
    public void confirmed(UserAccount user, String how) {
        markAuthenticated(request, clock.instant());
        audit.recordOwn(AuditEventType.REAUTHENTICATED, user.getUsername(), how);
    }

    /** A failed confirmation counts like a failed sign-in of its kind (password or second factor). */
    public void failed(UserAccount user, boolean withPassword) {
        audit.recordOwn(AuditEventType.REAUTHENTICATION_FAILED, user.getUsername());
        if (withPassword) {
            lockout.passwordFailed(user.getUsername());
        } else {
            lockout.secondFactorFailed(user);
        }
    }

    public boolean isRecent() {
        HttpSession session = request.getSession(false);
        Object at = session == null ? null : session.getAttribute(AUTHENTICATED_AT);
        return at instanceof Instant instant && !instant.plus(config.reauthenticationTimeout()).isBefore(clock.instant());
    }

    /** For views and actions: unless recent, go to the reauthentication page, which comes back to this page. */
    public boolean requireRecent() throws IOException {
        if (isRecent()) {
            return true;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        String here = ReturnPath.ofRequest(request.getContextPath(), request.getRequestURI(), null).orElse(ReturnPath.HOME).value();
        external.redirect(request.getContextPath() + PAGE + "?continue=" + URLEncoder.encode(here, StandardCharsets.UTF_8));
        faces.responseComplete();
        return false;
    }

    /** Where the reauthentication page sends the user back to for {@code ?continue=}: only a path inside the portal. */
    public static String continuePath(String requested) {
        return ReturnPath.parse(requested).map(ReturnPath::value).orElse("/account/security/");
    }

    /** The JSON API's answer when reauthentication is needed: where to go, coming back to {@code page}. */
    public static String pageFor(String page) {
        return PAGE + "?continue=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
    }
}
