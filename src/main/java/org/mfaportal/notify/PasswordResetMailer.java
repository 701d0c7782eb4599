package org.mfaportal.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Locale;
import org.mfaportal.account.PasswordResetLinkIssued;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.web.Messages;

/** Mails a password-reset link once its token is stored (after commit); sending is asynchronous. */
@ApplicationScoped
public class PasswordResetMailer {

    @Inject
    SecurityMail mail;

    @Inject
    PortalConfig config;

    void onLinkIssued(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordResetLinkIssued issued) {
        String body = Messages.text(Locale.ENGLISH, "mail.password-reset-link.body", issued.user().getDisplayName(), issued.user().getUsername(),
                issued.validity().toMinutes(), issued.link(), issued.origin().ipAddress() == null ? "-" : issued.origin().ipAddress(),
                config.totpIssuer());
        String subject = Messages.text(Locale.ENGLISH, "mail.password-reset-link.subject", config.totpIssuer());
        mail.send(new SecurityMail.Letter(issued.user().getUsername(), issued.user().getEmail(), subject, body));
    }
}
