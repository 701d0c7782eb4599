package org.mfaportal.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.oidc.OidcSignInService;

/** Sign-out is a POST from the layout's form (so another site cannot sign users out with a link). */
@Named
@RequestScoped
public class LogoutBacking {

    @Inject
    FacesContext faces;

    @Inject
    AuditService audit;

    @Inject
    OidcSignInService identityProvider;

    public void signOut() throws ServletException, IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Principal caller = request.getUserPrincipal();
        if (caller != null) {
            audit.recordOwn(AuditEventType.SIGNED_OUT, caller.getName());
        }
        LoginNotice notice = SignInSession.isThroughIdentityProvider(request) && identityProvider.providerSignOut().isPresent()
                ? LoginNotice.SIGNED_OUT_HERE_ONLY : LoginNotice.SIGNED_OUT;
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + notice.loginPath());
    }
}
