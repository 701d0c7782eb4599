package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.crypto.TokenDigest;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestClock;

/**
 * Password reset by mailed link, password change and hash upgrade, inside the server with a real SMTP server
 * (GreenMail where the test server's mail session sends).
 */
@ExtendWith(ArquillianExtension.class)
class PasswordResetIT {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("(http\\S+/password/reset\\?token=([A-Za-z0-9_-]+))");
    private static final String NEW_PASSWORD = "sunflower marmalade harbour";

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(PasswordResetIT.class, RevocationRecorder.class)
                .addAsLibrary(new File(System.getProperty("greenmail.jar")));
    }

    @Inject
    PasswordResetService resets;

    @Inject
    PasswordService passwords;

    @Inject
    UserAccountService accounts;

    @Inject
    AccountTokenService tokens;

    @Inject
    TotpService totp;

    @Inject
    MfaService mfa;

    @Inject
    TestClock clock;

    @Inject
    RevocationRecorder revocations;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    UserTransaction transaction;

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
        clock.reset();
    }

    private static RequestOrigin from(String address) {
        return new RequestOrigin(address, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
    }

    /** A fresh client address per test: the per-address limit must not carry over between tests. */
    private static RequestOrigin anyAddress() {
        return from("10.9." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
    }

    private UserAccount newUser(String email) {
        return accounts.create("reset-" + UUID.randomUUID(), "Reset Tester", email, "the old password here".toCharArray(), Set.of("sales"));
    }

    private MimeMessage mail(int number) throws Exception {
        assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), number), "mail number " + number + " arrived");
        return smtp.getReceivedMessages()[number - 1];
    }

    private static String tokenIn(MimeMessage mail) throws Exception {
        Matcher link = LINK.matcher((String) mail.getContent());
        assertTrue(link.find(), "the mail holds a reset link");
        return link.group(2);
    }

    private long audited(String username, String type) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where subject_username = ?1 and event_type = ?2")
                .setParameter(1, username).setParameter(2, type).getSingleResult()).longValue();
    }

    @Test
    void aRequestByUsernameMailsASingleUseLinkOnThePublicUrl() throws Exception {
        String address = UUID.randomUUID() + "@example.test";
        UserAccount user = newUser(address);

        resets.request(user.getUsername().toUpperCase(), anyAddress());

        MimeMessage mail = mail(1);
        assertEquals(address, mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("MFA Portal: choose a new password", mail.getSubject());
        String body = (String) mail.getContent();
        Matcher link = LINK.matcher(body);
        assertTrue(link.find(), body);
        assertTrue(link.group(1).startsWith(System.getProperty("mfa.public-url") + "/password/reset?token="),
                "built from mfa.public-url, never from a request: " + link.group(1));
        assertTrue(body.contains("within 60 minutes"), body);

        String token = link.group(2);
        assertTrue(resets.userOf(token).isPresent());
        assertInstanceOf(PasswordReset.Done.class, resets.reset(token, NEW_PASSWORD.toCharArray()));
        assertInstanceOf(PasswordReset.InvalidLink.class, resets.reset(token, "another fine passphrase".toCharArray()), "single use");
        assertTrue(accounts.authenticate(user.getUsername(), NEW_PASSWORD.toCharArray()).isPresent());
        assertFalse(accounts.authenticate(user.getUsername(), "the old password here".toCharArray()).isPresent());
        assertEquals(1, audited(user.getUsername(), "PASSWORD_RESET_REQUESTED"));
        assertEquals(1, audited(user.getUsername(), "PASSWORD_RESET"));
        assertEquals("MFA Portal: your password was reset", mail(2).getSubject(), "the user is told");
    }

    @Test
    void aRequestByEmailAddressWorksInAnyCase() throws Exception {
        String address = UUID.randomUUID() + "@example.test";
        UserAccount user = newUser(address);

        resets.request(address.toUpperCase(), anyAddress());

        assertTrue(resets.userOf(tokenIn(mail(1))).map(found -> found.getId().equals(user.getId())).orElse(false));
    }

    @Test
    void aResetEndsEverySessionButNeverTouchesTheSecondFactors() throws Exception {
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");
        TotpEnrolment app = totp.startEnrolment(user);
        totp.confirmEnrolment(user, app, app.totp().codeAt(app.secret(), clock.instant())).orElseThrow();
        mail(1); // factor added
        int factors = mfa.authenticators(user).size();

        resets.request(user.getUsername(), anyAddress());
        assertInstanceOf(PasswordReset.Done.class, resets.reset(tokenIn(mail(2)), NEW_PASSWORD.toCharArray()));

        assertTrue(mfa.isMfaEnabled(user), "the second factor still guards the account");
        assertEquals(factors, mfa.authenticators(user).size());
        List<AccountAccessRevoked> revoked = revocations.of(user.getUsername());
        assertEquals(1, revoked.size());
        assertEquals(AccountAccessRevoked.Reason.PASSWORD_RESET, revoked.get(0).reason());
        assertEquals(null, revoked.get(0).keepSessionId(), "no session survives a reset");
    }

    @Test
    void aRefusedNewPasswordKeepsTheLinkWorking() throws Exception {
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");
        resets.request(user.getUsername(), anyAddress());
        String token = tokenIn(mail(1));

        PasswordReset refused = resets.reset(token, "password1234".toCharArray());

        assertEquals(PasswordPolicy.Reason.COMMON, ((PasswordReset.Refused) refused).refusal().reason());
        assertInstanceOf(PasswordReset.Done.class, resets.reset(token, NEW_PASSWORD.toCharArray()));
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");
        resets.request(user.getUsername(), anyAddress());
        String token = tokenIn(mail(1));

        clock.advance(Duration.ofMinutes(61));

        assertTrue(resets.userOf(token).isEmpty());
        assertInstanceOf(PasswordReset.InvalidLink.class, resets.reset(token, NEW_PASSWORD.toCharArray()));
        assertTrue(accounts.authenticate(user.getUsername(), "the old password here".toCharArray()).isPresent());
    }

    @Test
    void unknownAccountsAccountsWithoutAddressOrLocalPasswordAndDisabledAccountsGetNoMail() throws Exception {
        UserAccount noAddress = newUser(null);
        UserAccount directoryUser = newUser(UUID.randomUUID() + "@example.test");
        UserAccount disabled = newUser(UUID.randomUUID() + "@example.test");
        transaction.begin();
        em.createQuery("update UserAccount u set u.passwordHash = null where u.id = :id").setParameter("id", directoryUser.getId()).executeUpdate();
        em.createQuery("update UserAccount u set u.enabled = false where u.id = :id").setParameter("id", disabled.getId()).executeUpdate();
        transaction.commit();

        RequestOrigin origin = anyAddress();
        resets.request("nobody-" + UUID.randomUUID(), origin);
        resets.request(UUID.randomUUID() + "@example.test", origin);
        resets.request(noAddress.getUsername(), origin);
        resets.request(directoryUser.getUsername(), origin);
        resets.request(disabled.getEmail(), origin);

        assertFalse(smtp.waitForIncomingEmail(3_000, 1), "no mail at all");
    }

    @Test
    void atMostThreeMailsPerAccountPerHour() throws Exception {
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");
        for (int i = 1; i <= 3; i++) {
            resets.request(user.getUsername(), anyAddress());
            mail(i);
        }
        resets.request(user.getUsername(), anyAddress());

        assertFalse(smtp.waitForIncomingEmail(2_000, 4), "the fourth is not sent");
        waitForAudit(user.getUsername(), "PASSWORD_RESET_THROTTLED", 1);

        clock.advance(Duration.ofMinutes(61));
        resets.request(user.getUsername(), anyAddress());
        assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 4), "an hour later it works again");
    }

    @Test
    void atMostTenRequestsPerClientAddressPerHourWhetherAnAccountMatchesOrNot() throws Exception {
        RequestOrigin origin = anyAddress();
        for (int i = 0; i < 10; i++) {
            resets.request("nobody-" + UUID.randomUUID(), origin);
        }
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");
        waitForRequestsCounted(origin, 10);
        resets.request(user.getUsername(), origin);

        assertFalse(smtp.waitForIncomingEmail(3_000, 1), "the eleventh request from the address sends nothing");
        resets.request(user.getUsername(), anyAddress());
        assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 1), "another address may still ask");
    }

    /** The asynchronous requests are counted before the test goes on. */
    private void waitForRequestsCounted(RequestOrigin origin, long expected) throws InterruptedException {
        String key = TokenDigest.of("address:" + origin.ipAddress());
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        long counted = 0;
        while ((counted = em.createQuery("select count(r) from PasswordResetRequest r where r.throttleKey = :key", Long.class)
                .setParameter("key", key).getSingleResult()) < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, counted);
    }

    private void waitForAudit(String username, String type, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (audited(username, type) < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, audited(username, type));
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndAnAcceptableNewOne() throws Exception {
        UserAccount user = newUser(UUID.randomUUID() + "@example.test");

        assertInstanceOf(PasswordChange.CurrentPasswordWrong.class,
                passwords.change(user, "not the password".toCharArray(), NEW_PASSWORD.toCharArray(), "session-1"));
        assertEquals(1, audited(user.getUsername(), "PASSWORD_CHANGE_FAILED"));
        PasswordChange refused = passwords.change(user, "the old password here".toCharArray(), user.getUsername().toCharArray(), "session-1");
        assertEquals(PasswordPolicy.Reason.CONTAINS_USERNAME, ((PasswordChange.Refused) refused).refusal().reason());
        assertTrue(revocations.of(user.getUsername()).isEmpty(), "nothing ended yet");

        assertInstanceOf(PasswordChange.Changed.class,
                passwords.change(user, "the old password here".toCharArray(), NEW_PASSWORD.toCharArray(), "session-1"));

        assertTrue(accounts.authenticate(user.getUsername(), NEW_PASSWORD.toCharArray()).isPresent());
        AccountAccessRevoked revoked = revocations.of(user.getUsername()).get(0);
        assertEquals(AccountAccessRevoked.Reason.PASSWORD_CHANGED, revoked.reason());
        assertEquals("session-1", revoked.keepSessionId(), "the session that changed it stays");
        assertEquals(1, audited(user.getUsername(), "PASSWORD_CHANGED"));
        assertEquals("MFA Portal: your password was changed", mail(1).getSubject());
    }

    @Test
    void anAccountWithoutALocalPasswordCannotSetOneThroughChangeOrReset() throws Exception {
        UserAccount directoryUser = newUser(UUID.randomUUID() + "@example.test");
        resets.request(directoryUser.getUsername(), anyAddress());
        String token = tokenIn(mail(1));
        transaction.begin();
        em.createQuery("update UserAccount u set u.passwordHash = null where u.id = :id").setParameter("id", directoryUser.getId()).executeUpdate();
        transaction.commit();
        UserAccount reloaded = accounts.findByUsername(directoryUser.getUsername()).orElseThrow();

        assertInstanceOf(PasswordChange.NoLocalPassword.class,
                passwords.change(reloaded, "the old password here".toCharArray(), NEW_PASSWORD.toCharArray(), "s"));
        assertInstanceOf(PasswordReset.InvalidLink.class, resets.reset(token, NEW_PASSWORD.toCharArray()));
        assertFalse(reloaded.hasLocalPassword());
        assertFalse(accounts.findByUsername(directoryUser.getUsername()).orElseThrow().hasLocalPassword());
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeSignIns() {
        UserAccount user = newUser(null);
        for (int i = 0; i < 5; i++) {
            passwords.change(user, ("wrong " + i).toCharArray(), NEW_PASSWORD.toCharArray(), "s");
        }

        assertInstanceOf(PasswordChange.Throttled.class,
                passwords.change(user, "the old password here".toCharArray(), NEW_PASSWORD.toCharArray(), "s"), "not even checked");
    }

    @Test
    void aLowIterationHashIsUpgradedAtTheNextSuccessfulSignIn() throws Exception {
        UserAccount user = newUser(null);
        pbkdf2.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512", "Pbkdf2PasswordHash.Iterations", "10000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32", "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        String lowHash = pbkdf2.generate("the old password here".toCharArray());
        transaction.begin();
        em.createQuery("update UserAccount u set u.passwordHash = :hash where u.id = :id")
                .setParameter("hash", lowHash).setParameter("id", user.getId()).executeUpdate();
        transaction.commit();

        assertFalse(accounts.authenticate(user.getUsername(), "wrong password".toCharArray()).isPresent());
        assertEquals(lowHash, storedHash(user), "a wrong password upgrades nothing");

        assertTrue(accounts.authenticate(user.getUsername(), "the old password here".toCharArray()).isPresent());

        String upgraded = storedHash(user);
        assertTrue(upgraded.startsWith("PBKDF2WithHmacSHA512:210000:"), upgraded);
        assertTrue(accounts.authenticate(user.getUsername(), "the old password here".toCharArray()).isPresent(), "the password still works");
        assertEquals(upgraded, storedHash(user), "upgraded once");
    }

    private String storedHash(UserAccount user) {
        return em.createQuery("select u.passwordHash from UserAccount u where u.id = :id", String.class)
                .setParameter("id", user.getId()).getSingleResult();
    }
}
