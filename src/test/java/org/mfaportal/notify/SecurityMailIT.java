package org.mfaportal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.admin.AdminUserService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;
import org.mfaportal.testing.PortalDeployment;

/**
 * Security e-mails reach a real SMTP server (GreenMail on 127.0.0.1 at the port where the test server's mail session points),
 * and a server that is down does not stop the user's action.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityMailIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(SecurityMailIT.class).addAsLibrary(new File(System.getProperty("greenmail.jar")));
    }

    @Inject
    UserAccountService accounts;

    @Inject
    TotpService totp;

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    Clock clock;

    @Inject
    AdminUserService admin;

    @Inject
    AuditService audit;

    @PersistenceContext
    EntityManager em;

    private GreenMail smtp;

    @BeforeEach
    void startSmtpServer() {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("mfa.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtpServer() {
        smtp.stop();
    }

    private UserAccount newUser(String email) {
        return accounts.create("mail-" + UUID.randomUUID(), "Mail Tester", email, "password-123".toCharArray(), Set.of());
    }

    private List<String> enrolTotp(UserAccount user) {
        TotpEnrolment enrolment = totp.startEnrolment(user);
        return totp.confirmEnrolment(user, enrolment, enrolment.totp().codeAt(enrolment.secret(), clock.instant())).orElseThrow();
    }

    private MimeMessage nextMail(int expectedSoFar) throws Exception {
        assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), expectedSoFar), "mail number " + expectedSoFar + " arrived");
        MimeMessage[] received = smtp.getReceivedMessages();
        return received[expectedSoFar - 1];
    }

    @Test
    void eachSecurityChangeMailsTheUser() throws Exception {
        String address = UUID.randomUUID() + "@example.test";
        UserAccount user = newUser(address);

        List<String> codes = enrolTotp(user);
        MimeMessage added = nextMail(1);
        assertEquals(address, added.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("MFA Portal: a second factor was added to your account", added.getSubject());
        String body = (String) added.getContent();
        assertTrue(body.contains("Hello Mail Tester,"));
        assertTrue(body.contains("If it was not you, change your password"));

        assertTrue(recoveryCodes.redeemRecoveryCode(user, codes.get(0)));
        assertEquals("MFA Portal: a recovery code was used to sign in", nextMail(2).getSubject());

        recoveryCodes.regenerateRecoveryCodes(user);
        assertEquals("MFA Portal: new recovery codes were generated", nextMail(3).getSubject());

        trustedBrowsers.trust(user, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0", Duration.ofDays(30));
        MimeMessage trusted = nextMail(4);
        assertEquals("MFA Portal: a browser now skips the second factor", trusted.getSubject());
        assertTrue(((String) trusted.getContent()).contains("Chrome on Linux"));

        mfa.removeAuthenticator(user, mfa.authenticators(user, AuthenticatorType.TOTP).get(0).getId());
        assertEquals("MFA Portal: a second factor was removed from your account", nextMail(5).getSubject());
    }

    @Test
    void eachAdminActionMailsTheUserAndNamesTheAdmin() throws Exception {
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");
        enrolTotp(user);
        nextMail(1);

        admin.exempt(user, clock.instant().plus(Duration.ofDays(10)), "Lost phone, new one on order", "it-admin");
        MimeMessage exempted = nextMail(2);
        assertEquals("MFA Portal: you are exempt from two-step sign-in for a while", exempted.getSubject());
        String body = (String) exempted.getContent();
        assertTrue(body.contains("By: it-admin, IT administrator"), body);
        assertFalse(body.contains("change your password"), "the user is not told they were attacked");

        admin.endExemption(user, "it-admin");
        assertEquals("MFA Portal: your exemption from two-step sign-in ended", nextMail(3).getSubject());
        trustedBrowsers.trust(user, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0", Duration.ofDays(30));
        nextMail(4);
        admin.revokeTrustedBrowsers(user, "it-admin");
        assertEquals("MFA Portal: your trusted browsers were revoked", nextMail(5).getSubject());
        assertEquals(1L, ((Number) em.createNativeQuery("select count(*) from audit_event where subject_username = ?1"
                + " and event_type = 'TRUSTED_BROWSER_REVOKED' and actor_username = 'it-admin'").setParameter(1, user.getUsername()).getSingleResult()).longValue(),
                "audited with the admin as actor");
        admin.unlock(user, "it-admin");
        assertEquals("MFA Portal: your account was unlocked", nextMail(6).getSubject());
        admin.removeFactor(user, mfa.authenticators(user).get(0).getId(), "it-admin");
        MimeMessage removed = nextMail(7);
        assertEquals("MFA Portal: a second factor was removed from your account", removed.getSubject());
        assertTrue(((String) removed.getContent()).contains("By: it-admin, IT administrator"));
        admin.resetMfa(user, "it-admin");
        assertEquals("MFA Portal: your two-step sign-in was reset", nextMail(8).getSubject());
    }

    @Test
    void userWithoutAddressGetsNoMail() throws Exception {
        enrolTotp(newUser(null));

        assertFalse(smtp.waitForIncomingEmail(2_000, 1));
    }

    @Test
    void downMailServerDoesNotStopTheActionAndIsAudited() throws Exception {
        smtp.stop();
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");

        List<String> codes = enrolTotp(user);

        assertEquals(10, codes.size(), "the enrolment went through");
        assertTrue(mfa.isMfaEnabled(user));
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        long failures = 0;
        while (failures == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            failures = ((Number) em.createNativeQuery("select count(*) from audit_event where subject_username = ?1 and event_type = 'NOTIFICATION_FAILED'")
                    .setParameter(1, user.getUsername()).getSingleResult()).longValue();
        }
        assertEquals(1, failures);
        String detail = (String) em.createNativeQuery("select detail from audit_event where subject_username = ?1 and event_type = 'NOTIFICATION_FAILED'")
                .setParameter(1, user.getUsername()).getSingleResult();
        assertTrue(detail.endsWith("the mail server could not be reached (see the server log)"), detail);
        assertFalse(detail.contains("Exception"), "admins read what went wrong, not a class name: " + detail);
        assertTrue(audit.recentOwnActivity(user.getUsername(), 20).stream().noneMatch(event -> event.getType() == AuditEventType.NOTIFICATION_FAILED),
                "the user cannot act on a mail failure: it belongs in the admin's log only");
        assertTrue(audit.recentForUser(user.getUsername(), 20).stream().anyMatch(event -> event.getType() == AuditEventType.NOTIFICATION_FAILED));
    }

    @Test
    void factorEventsDescribeTheFactorInWordsNotConstantNames() {
        UserAccount user = newUser(null);
        enrolTotp(user);

        String added = audit.recentOwnActivity(user.getUsername(), 20).stream()
                .filter(event -> event.getType() == AuditEventType.FACTOR_ADDED).findFirst().orElseThrow().getDetail();
        assertTrue(added.startsWith("Authenticator app \""), added);
        assertFalse(added.contains("TOTP"), added);
    }
}
