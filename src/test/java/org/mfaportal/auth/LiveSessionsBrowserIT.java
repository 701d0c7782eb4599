package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** "Where you are signed in": one browser signs another out, and an admin ends a user's session. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LiveSessionsBrowserIT {

    private static final String SESSION_ENDED = "You were signed out";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser laptop;
    private Browser phone;
    private String username;

    @BeforeEach
    void signInTwice() {
        laptop = Browser.open(deploymentUrl);
        phone = Browser.open(deploymentUrl);
        username = laptop.newAccount();
        for (Browser browser : List.of(laptop, phone)) {
            browser.open("/login");
            browser.signIn(username, TestSupportServlet.PASSWORD);
            assertEquals("/", browser.path());
        }
    }

    @AfterEach
    void closeBrowsers() {
        laptop.close();
        phone.close();
    }

    private List<WebElement> sessionRows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#sessions\\:list tbody tr"));
    }

    private void assertSignedOutOnNextRequest(Browser browser) {
        browser.open("/account/security/");
        assertEquals("/login?notice=session-ended", browser.path());
        assertTrue(browser.text("#loginNotice").contains(SESSION_ENDED), browser.text("#loginNotice"));
        browser.open("/");
        assertEquals("/login", browser.path(), "the ended session stays signed out");
    }

    @Test
    void securityPageListsBothSessionsAndMarksThisOne() {
        laptop.open("/account/security/");

        List<WebElement> rows = sessionRows(laptop);
        assertEquals(2, rows.size());
        assertEquals(1, laptop.driver().findElements(By.cssSelector("#sessions\\:list tbody tr [id$=':current']")).size());
        assertTrue(rows.get(0).getText().contains("Chrome on Linux"), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("127.0.0.1"), rows.get(0).getText());
    }

    @Test
    void signingOutTheOtherSessionEndsItOnItsNextRequest() {
        laptop.open("/account/security/");
        laptop.submitWith("#sessions\\:list [id$=':signOut']");

        assertEquals(1, sessionRows(laptop).size());
        assertTrue(laptop.text("#sessions\\:sessionMessages").contains("That session is signed out."));
        assertSignedOutOnNextRequest(phone);

        laptop.open("/");
        assertEquals("/", laptop.path(), "the session that acted stays signed in");
    }

    @Test
    void signingOutAllOthersKeepsThisSession() {
        laptop.open("/account/security/");
        laptop.submitWith("#sessions\\:signOutOthers");

        assertTrue(laptop.text("#sessions\\:sessionMessages").contains("All your other sessions are signed out."));
        assertFalse(laptop.has("#sessions\\:signOutOthers"));
        assertSignedOutOnNextRequest(phone);
    }

    @Test
    void anAdminEndsEverySessionOfTheUser() {
        try (Browser admin = Browser.open(deploymentUrl)) {
            admin.open("/login");
            admin.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
            admin.openUserPageAsAdmin(username);
            assertEquals(2, sessionRows(admin).size());

            admin.submitWith("#sessions\\:endAll");

            assertTrue(admin.text("#sessions\\:list").contains("No live session."));
            assertSignedOutOnNextRequest(laptop);
            assertSignedOutOnNextRequest(phone);
        }
    }

    @Test
    void signingOutOfThisSessionRemovesItFromTheList() {
        phone.signOut();

        laptop.open("/account/security/");
        assertEquals(1, sessionRows(laptop).size());
    }
}
