package org.mfaportal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;

/** The signed-in user as pages see it. */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityContext securityContext;

    @Inject
    HttpServletRequest request;

    @Inject
    UserAccountService accounts;

    private Optional<UserAccount> account;

    /**
     * The servlet's user principal, not {@link SecurityContext#getCallerPrincipal()}: on WildFly the latter
     * names an "anonymous" caller before sign-in.
     */
    public boolean isSignedIn() {
        return request.getUserPrincipal() != null;
    }

    public boolean isAdmin() {
        return securityContext.isCallerInRole("admin");
    }

    public Optional<UserAccount> account() {
        if (account == null) {
            Principal caller = request.getUserPrincipal();
            account = caller == null ? Optional.empty() : accounts.findByUsername(caller.getName());
        }
        return account;
    }

    public String getDisplayName() {
        return account().map(UserAccount::getDisplayName).orElse("");
    }

    public String getUsername() {
        return account().map(UserAccount::getUsername).orElse("");
    }
}
