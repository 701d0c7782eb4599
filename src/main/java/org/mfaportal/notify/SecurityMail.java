package org.mfaportal.notify;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;

/** Sends one plain-text security e-mail, on a container thread: the user's action never waits for SMTP. */
@Stateless
public class SecurityMail {

    private static final Logger LOG = Logger.getLogger(SecurityMail.class.getName());

    /** Configured by wildfly-config/portal.cli. */
    @Resource(lookup = "java:jboss/mail/MfaPortal")
    Session mailSession;

    @Inject
    AuditService audit;

    @Inject
    PortalConfig config;

    @Inject
    DevMailbox devMailbox;

    @Inject
    Clock clock;

    public record Letter(String username, String to, String subject, String body) {
    }

    @Asynchronous
    public void send(Letter letter) {
        if (config.devMode()) {
            devMailbox.deliver(new DevMailbox.DevMail(clock.instant(), letter.to(), letter.subject(), letter.body()));
            LOG.info(() -> "Dev mode: mail to " + letter.to() + " kept at /dev/mail instead of sent: " + letter.subject() + "\n" + letter.body());
            return;
        }
        try {
            MimeMessage message = new MimeMessage(mailSession);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(letter.to(), true));
            message.setSubject(letter.subject(), "UTF-8");
            message.setText(letter.body(), "UTF-8");
            Transport.send(message);
        } catch (MessagingException | RuntimeException notSent) {
            LOG.log(Level.WARNING, "Security e-mail to " + letter.username() + " not sent: " + notSent.getMessage());
            audit.record(AuditEventType.NOTIFICATION_FAILED, null, letter.username(), letter.subject() + ": " + whyNotSent(notSent));
        }
    }

    /** For the admin's audit log: what went wrong in words an admin acts on, not the exception's class. */
    static String whyNotSent(Exception notSent) {
        if (notSent instanceof SendFailedException) {
            return "the mail server refused the address";
        }
        if (notSent instanceof AuthenticationFailedException) {
            return "the mail server refused the portal's credentials";
        }
        for (Throwable cause = notSent; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.SocketTimeoutException) {
                return "the mail server could not be reached (see the server log)";
            }
        }
        return "sending failed (see the server log)";
    }
}
