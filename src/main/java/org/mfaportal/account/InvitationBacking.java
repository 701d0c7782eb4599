package org.mfaportal.account;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import org.mfaportal.auth.LoginNotice;
import org.mfaportal.web.Messages;

/** {@code /invitation?token=}: the invited user chooses a password; hands over to {@link InvitationService}. */
@Named
@ViewScoped
public class InvitationBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    InvitationService invitations;

    @Inject
    Messages messages;

    @Inject
    FacesContext faces;

    private String token;
    private String displayName;
    private String username;
    private String password;
    private String confirmation;

    /** View action: an unusable link shows its message instead of the form, never an error page. */
    public void load() {
        invitations.invitee(token).ifPresentOrElse(invitee -> {
            displayName = invitee.getDisplayName();
            username = invitee.getUsername();
        }, () -> username = null);
    }

    public void accept() throws IOException {
        if (password == null || !password.equals(confirmation)) {
            messages.error("invitation:confirmation", "invitation.mismatch");
            return;
        }
        InvitationService.Acceptance result = invitations.accept(token, password.toCharArray());
        password = null;
        confirmation = null;
        if (result instanceof InvitationService.PasswordRefused refused) {
            messages.error("invitation:password", refused.refusal().messageKey(), refused.refusal().arguments());
        } else if (result instanceof InvitationService.Accepted) {
            token = null;
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + LoginNotice.INVITATION_ACCEPTED.loginPath());
        } else {
            username = null;
        }
    }

    /** Whether the link works: the form is shown only then. */
    public boolean isValid() {
        return username != null;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getUsername() {
        return username;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
