package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;

/**
 * Password change on the security page and "Forgot your password?" as a person does them, in headless Chromium, with
 * the mail read from a real SMTP server (GreenMail in this JVM, where the test server sends).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PasswordBrowserIT {

    private static final Totp APP = Totp.defaults();
    private static final Pattern LINK = Pattern.compile("(http\\S+/password/reset\\?token=[A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "lantern orchard velvet 42";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;
    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("test.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        browser = Browser.open(deploymentUrl);
    }

    @AfterEach
    void stop() {
        browser.close();
        smtp.stop();
    }

    private MimeMessage mailTo(String address) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (address.equals(mail.getRecipients(Message.RecipientType.TO)[0].toString())
                        && mail.getSubject().endsWith("choose a new password")) {
                    return mail;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No reset mail to " + address);
    }

    private String requestResetLink(String typed) {
        browser.open("/login");
        browser.followLink("#forgotPassword");
        assertEquals("/password/forgot", browser.path());
        browser.type("#forgot\\:usernameOrEmail", typed);
        browser.submitWith("#forgot\\:send");
        return browser.text("#forgotSent");
    }

    private byte[] enrolTotp() {
        browser.open("/account/security/totp");
        byte[] secret = Base32.decode(browser.text("#totpSecret"));
        browser.type("#totp\\:code", APP.codeAt(secret, Instant.now()));
        browser.submitWith("#totp\\:confirm");
        browser.submitWith("#recoveryCodesActions\\:saved");
        return secret;
    }

    private Browser signedInElsewhere(String username, String password) {
        Browser other = Browser.open(deploymentUrl);
        other.open("/login");
        other.signIn(username, password);
        assertEquals("/", other.path());
        return other;
    }

    private static void assertSignedOutOnNextRequest(Browser other) {
        other.open("/account/security/");
        assertEquals("/login?notice=session-ended", other.path());
    }

    @Test
    void changePasswordOnTheSecurityPage() {
        String username = browser.newAccountWithEmail();
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        Browser phone = signedInElsewhere(username, TestSupportServlet.PASSWORD);
        browser.open("/account/security/");
        browser.followLink("#changePassword");
        assertEquals("/account/security/password", browser.path());

        browser.type("#password\\:current", "not my password at all");
        browser.type("#password\\:new", NEW_PASSWORD);
        browser.type("#password\\:confirmation", NEW_PASSWORD);
        browser.submitWith("#password\\:change");
        assertTrue(browser.text("#password").contains("That is not your current password."));

        browser.type("#password\\:current", TestSupportServlet.PASSWORD);
        browser.type("#password\\:new", "qwerty123456");
        browser.type("#password\\:confirmation", "qwerty123456");
        browser.submitWith("#password\\:change");
        assertTrue(browser.text("#password").contains("list of common or breached passwords"), "the reason is next to the field");

        browser.type("#password\\:current", TestSupportServlet.PASSWORD);
        browser.type("#password\\:new", NEW_PASSWORD);
        browser.type("#password\\:confirmation", NEW_PASSWORD + "!");
        browser.submitWith("#password\\:change");
        assertTrue(browser.text("#password").contains("The two new passwords are not the same."));

        browser.type("#password\\:current", TestSupportServlet.PASSWORD);
        browser.type("#password\\:new", NEW_PASSWORD);
        browser.type("#password\\:confirmation", NEW_PASSWORD);
        browser.submitWith("#password\\:change");
        assertTrue(browser.text("#password").contains("Your password was changed."));
        assertFalse(browser.showsStackTrace());
        try (phone) {
            assertSignedOutOnNextRequest(phone);
        }
        browser.open("/account/security/");
        assertEquals("/account/security/", browser.path(), "the session that changed the password stays signed in");

        browser.signOut();
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/login", browser.path(), "the old password no longer works");
        browser.signIn(username, NEW_PASSWORD);
        assertEquals("/", browser.path());
    }

    @Test
    void forgotPasswordRoundTripStillAsksForTheSecondFactor() throws Exception {
        String username = browser.newAccountWithEmail();
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        byte[] secret = enrolTotp();
        browser.signOut();

        String answer = requestResetLink(username);
        assertTrue(answer.startsWith("If an account matches, we have sent a link"), answer);

        String body = (String) mailTo(username + "@example.test").getContent();
        Matcher link = LINK.matcher(body);
        assertTrue(link.find(), body);
        assertTrue(link.group(1).startsWith(Browser.localhost(deploymentUrl) + "/password/reset?token="), link.group(1));
        browser.driver().get(link.group(1));
        assertTrue(browser.text("#reset").contains(username));

        browser.type("#reset\\:new", "short");
        browser.type("#reset\\:confirmation", "short");
        browser.submitWith("#reset\\:setPassword");
        assertTrue(browser.text("#reset").contains("Use at least 12 characters."));

        browser.type("#reset\\:new", NEW_PASSWORD);
        browser.type("#reset\\:confirmation", NEW_PASSWORD);
        browser.submitWith("#reset\\:setPassword");
        assertEquals("/login?notice=password-changed", browser.path());
        assertTrue(browser.text("#loginNotice").contains("Your password was changed."));

        browser.driver().get(link.group(1));
        assertTrue(browser.has("#resetInvalid"), "the link works once");
        assertTrue(browser.has("#requestNewLink"));

        browser.open("/login");
        browser.signIn(username, NEW_PASSWORD);
        assertEquals("/mfa/authenticate", browser.path(), "a reset never skips the second factor");
        browser.type("#secondFactor\\:code", APP.codeAt(secret, Instant.now().plusSeconds(APP.periodSeconds())));
        browser.submitWith("#secondFactor\\:verify");
        assertEquals("/", browser.path());
    }

    @Test
    void aResetSignsOutEverySessionOfTheUser() throws Exception {
        String username = browser.newAccountWithEmail();
        try (Browser phone = signedInElsewhere(username, TestSupportServlet.PASSWORD)) {
            requestResetLink(username);
            Matcher link = LINK.matcher((String) mailTo(username + "@example.test").getContent());
            assertTrue(link.find());
            browser.driver().get(link.group(1));
            browser.type("#reset\\:new", NEW_PASSWORD);
            browser.type("#reset\\:confirmation", NEW_PASSWORD);
            browser.submitWith("#reset\\:setPassword");
            assertEquals("/login?notice=password-changed", browser.path());

            assertSignedOutOnNextRequest(phone);
        }
    }

    @Test
    void anUnknownAddressGetsTheSamePageAndNoMail() throws Exception {
        String known = browser.newAccountWithEmail();
        String answerForKnown = requestResetLink(known + "@example.test");
        mailTo(known + "@example.test");
        int mails = smtp.getReceivedMessages().length;

        String answerForUnknown = requestResetLink("nobody-" + known + "@example.test");

        assertEquals(answerForKnown, answerForUnknown);
        assertFalse(smtp.waitForIncomingEmail(3_000, mails + 1), "no mail for an unknown address");
    }

    @Test
    void aBrokenLinkExplainsItselfAndOffersANewOne() {
        browser.open("/password/reset?token=not-a-real-token");
        assertTrue(browser.has("#resetInvalid"));
        assertTrue(browser.has("#requestNewLink"));
        assertFalse(browser.showsStackTrace());

        browser.open("/password/reset");
        assertTrue(browser.has("#resetInvalid"));
    }
}
