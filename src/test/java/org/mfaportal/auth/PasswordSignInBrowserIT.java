package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;
import org.mfaportal.testing.TestSupportServlet;

/** Password sign-in as a person does it, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PasswordSignInBrowserIT {

    private static final String GENERIC_FAILURE = "The username or password is incorrect.";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(deploymentUrl);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anonymousRequestForLandingPageGoesToLoginAndReturnsThereAfterSignIn() {
        browser.open("/");
        assertEquals("/login", browser.path());

        browser.signIn(TestAccounts.STAFF.username(), TestAccounts.STAFF.password());

        assertEquals("/", browser.path());
        assertEquals("Hello, Ivy Staff.", browser.text("#greeting"));
    }

    @Test
    void signInReturnsToTheProtectedPageFirstAskedFor() {
        browser.open("/admin/");
        assertEquals("/login", browser.path());

        browser.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());

        assertEquals("/admin/", browser.path());
        assertEquals("Administration", browser.text("#adminTitle"));
    }

    @Test
    void usernamesAreCaseInsensitive() {
        browser.open("/login");
        browser.signIn(TestAccounts.STAFF.username().toUpperCase(), TestAccounts.STAFF.password());

        assertEquals("/", browser.path());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameGenericMessage() {
        browser.open("/login");
        browser.signIn(TestAccounts.STAFF.username(), "not-the-password");
        assertEquals("/login", browser.path());
        String wrongPasswordMessage = browser.text("#login\\:messages");

        browser.signIn("no-such-user-anywhere", "not-the-password");
        String unknownUserMessage = browser.text("#login\\:messages");

        assertEquals(GENERIC_FAILURE, wrongPasswordMessage);
        assertEquals(wrongPasswordMessage, unknownUserMessage);
        assertFalse(browser.has("#greeting"));
    }

    @Test
    void repeatedWrongPasswordsAreThrottledAlikeForRealAndUnknownUsernames() {
        String real = browser.newAccount();
        String unknown = "nobody-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        browser.open("/login");
        for (int attempt = 1; attempt <= 5; attempt++) {
            browser.signIn(real, "wrong password " + attempt);
            browser.signIn(unknown, "wrong password " + attempt);
        }
        browser.signIn(real, "wrong again");
        String realMessage = browser.text("#login\\:messages");
        browser.signIn(unknown, "wrong again");
        String unknownMessage = browser.text("#login\\:messages");

        assertEquals("Too many attempts. Try again in 1 minute.", realMessage);
        assertEquals(realMessage, unknownMessage, "throttling tells nothing about which usernames exist");
        browser.signIn(real, TestSupportServlet.PASSWORD);
        assertEquals("/login", browser.path(), "not even the right password gets through while throttled");
    }

    @Test
    void staffUserIsRefusedTheAdminPages() {
        browser.open("/login");
        browser.signIn(TestAccounts.STAFF.username(), TestAccounts.STAFF.password());

        browser.open("/admin/");

        assertTrue(browser.has("#error-403"), "friendly 403 page");
        assertFalse(browser.has("#adminTitle"));
        assertFalse(browser.showsStackTrace());
    }

    @Test
    void adminSeesTheAdminPages() {
        browser.open("/login");
        browser.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());

        browser.open("/admin/");

        assertEquals("Administration", browser.text("#adminTitle"));
    }

    @Test
    void theDevModeMailboxDoesNotExistOutsideDevMode() {
        browser.open("/dev/mail");
        assertTrue(browser.has("#error-404"), "anonymous");
        assertFalse(browser.has("#noMail"));

        browser.open("/login");
        browser.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
        browser.open("/dev/mail");
        assertTrue(browser.has("#error-404"), "not even for an admin: mailed links are secrets");
        assertFalse(browser.showsStackTrace());
    }

    @Test
    void unknownPageShowsFriendlyNotFoundPage() {
        browser.open("/login");
        browser.signIn(TestAccounts.STAFF.username(), TestAccounts.STAFF.password());

        browser.open("/no/such/page");

        assertTrue(browser.has("#error-404"));
        assertFalse(browser.showsStackTrace());
    }

    @Test
    void signOutEndsTheSessionAndProtectedPagesAskForThePasswordAgain() {
        browser.open("/login");
        browser.signIn(TestAccounts.STAFF.username(), TestAccounts.STAFF.password());
        String signedInSession = browser.sessionCookie();

        browser.signOut();

        assertEquals("/login?notice=signed-out", browser.path());
        assertEquals("You have signed out.", browser.text("#loginNotice"));
        browser.open("/");
        assertEquals("/login", browser.path());
        assertNotEquals(signedInSession, browser.sessionCookie());
    }

    @Test
    void sessionIdChangesAtSignIn() {
        browser.open("/login");
        assertNull(browser.sessionCookie(), "the sign-in form is stateless: no session before the password");
        browser.open("/account/security/");
        String anonymousSession = browser.sessionCookie();
        assertNotNull(anonymousSession, "a protected page remembers itself as the return path in a session");

        browser.signIn(TestAccounts.STAFF.username(), TestAccounts.STAFF.password());

        assertEquals("/account/security/", browser.path());
        assertNotEquals(anonymousSession, browser.sessionCookie());
    }

    @Test
    void signedInUserOpeningTheLoginPageGoesToTheLandingPage() {
        browser.open("/login");
        browser.signIn(TestAccounts.STAFF.username(), TestAccounts.STAFF.password());

        browser.open("/login");

        assertEquals("/", browser.path());
    }
}
