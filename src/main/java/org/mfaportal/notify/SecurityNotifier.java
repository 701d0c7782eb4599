package org.mfaportal.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Locale;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.auth.UserAgentSummary;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.mfa.FactorsChanged;
import org.mfaportal.web.Dates;
import org.mfaportal.web.Messages;

/**
 * Turns security notices into e-mails for users who have an address: what happened, when, from where, and what to do
 * if it was not them. Only after the change committed; sending happens asynchronously.
 */
@ApplicationScoped
public class SecurityNotifier {

    @Inject
    SecurityMail mail;

    @Inject
    Clock clock;

    @Inject
    Dates dates;

    @Inject
    PortalConfig config;

    @Inject
    Instance<HttpServletRequest> currentRequest;

    void onFactorsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) FactorsChanged change) {
        onNotice(new SecurityNotice(change.user(), change.added() ? SecurityNotice.Kind.FACTOR_ADDED : SecurityNotice.Kind.FACTOR_REMOVED,
                change.name(), change.admin()));
    }

    void onNotice(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecurityNotice notice) {
        String to = notice.user().getEmail();
        if (to == null || to.isBlank()) {
            return;
        }
        RequestOrigin origin = RequestOrigin.current(currentRequest);
        String what = Messages.text(Locale.ENGLISH, "mail." + notice.kind().name() + ".what", notice.detail() == null ? "" : notice.detail());
        // an admin's address tells the user nothing: they are told who acted instead
        String body = notice.admin() != null
                ? Messages.text(Locale.ENGLISH, "mail.admin-body", notice.user().getDisplayName(), what, dates.format(clock.instant()), notice.admin(),
                        config.totpIssuer())
                : Messages.text(Locale.ENGLISH, "mail.body", notice.user().getDisplayName(), what, dates.format(clock.instant()),
                        origin.ipAddress() == null ? "-" : origin.ipAddress(), UserAgentSummary.describe(origin.userAgent()), config.totpIssuer());
        String subject = Messages.text(Locale.ENGLISH, "mail." + notice.kind().name() + ".subject", config.totpIssuer());
        mail.send(new SecurityMail.Letter(notice.user().getUsername(), to, subject, body));
    }

}
