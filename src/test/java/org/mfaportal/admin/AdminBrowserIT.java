package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;
import org.mfaportal.testing.TestSupportServlet;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console as IT admins and staff meet it, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminBrowserIT {

    private static final Totp APP = Totp.defaults();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser user;
    private Browser admin;
    private String username;

    @BeforeEach
    void openBrowsers() {
        user = Browser.open(deploymentUrl);
        username = user.newAccount();
        admin = Browser.open(deploymentUrl);
        admin.open("/login");
        admin.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
    }

    @AfterEach
    void closeBrowsers() {
        user.close();
        admin.close();
    }

    private byte[] userEnrolsTotp() {
        user.open("/login");
        user.signIn(username, TestSupportServlet.PASSWORD);
        byte[] secret = user.enrolAuthenticatorApp();
        user.signOut();
        return secret;
    }

    private void openUserPageAsAdmin() {
        admin.openUserPageAsAdmin(username);
    }

    @Test
    void auditLogFiltersByAccount() {
        user.open("/login");
        user.signIn(username, "wrong password");

        admin.open("/admin/audit");
        admin.type("#audit\\:subject", username);
        admin.find("#audit\\:apply").click();
        // the filtered table replaces the unfiltered first page by AJAX: wait until every row is this account's
        List<String> rows = new WebDriverWait(admin.driver(), Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<String> texts = d.findElements(By.cssSelector("#audit\\:events tbody tr")).stream().map(WebElement::getText).toList();
                    return !texts.isEmpty() && texts.stream().allMatch(text -> text.contains(username)) ? texts : null;
                });

        assertTrue(rows.stream().anyMatch(row -> row.contains("Wrong password")), rows.toString());
        admin.find("#audit\\:export").click();
        assertEquals("/admin/audit", admin.path(), "the download leaves the page as it is");
        assertFalse(admin.showsStackTrace());
    }

    @Test
    void staffGetForbiddenOnEveryAdminUrlIncludingAjaxPostbacks() {
        user.open("/login");
        user.signIn(username, TestSupportServlet.PASSWORD);

        for (String page : List.of("/admin/", "/admin/users", "/admin/user?id=1", "/admin/audit", "/admin/compliance", "/admin/policies")) {
            user.open(page);
            assertTrue(user.has("#error-403"), page);
        }
        Object status = user.driver() instanceof org.openqa.selenium.JavascriptExecutor js
                ? js.executeAsyncScript("const done = arguments[0]; fetch('/admin/users', {method: 'POST', headers: {'Faces-Request': 'partial/ajax',"
                        + " 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'jakarta.faces.partial.ajax=true'}).then(r => done(r.status));")
                : null;
        assertEquals(403L, status);
    }

    @Test
    void adminUnlocksAUserLockedByWrongCodes() {
        byte[] secret = userEnrolsTotp();
        String wrong = APP.codeAt(secret, Instant.now()).equals("000000") ? "111111" : "000000";
        for (int signIn = 0; signIn < 2; signIn++) {
            user.open("/login");
            user.signIn(username, TestSupportServlet.PASSWORD);
            for (int attempt = 0; attempt < 5; attempt++) {
                user.type("#secondFactor\\:code", wrong);
                user.submitWith("#secondFactor\\:verify");
            }
        }
        assertEquals("/login?notice=locked", user.path());
        user.open("/login");
        user.signIn(username, TestSupportServlet.PASSWORD);
        assertTrue(user.text("#login\\:messages").contains("locked"));

        openUserPageAsAdmin();
        assertTrue(admin.has("#lockedNotice"));
        admin.submitConfirmed("#actions\\:unlock");
        assertFalse(admin.has("#lockedNotice"));

        user.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/mfa/authenticate", user.path());
        user.type("#secondFactor\\:code", APP.codeAt(secret, Instant.now().plusSeconds(30)));
        user.submitWith("#secondFactor\\:verify");
        assertEquals("/", user.path());
    }

    @Test
    void afterAnMfaResetTheUserSignsInWithThePasswordAndMustEnrolAgain() {
        userEnrolsTotp();

        openUserPageAsAdmin();
        assertTrue(admin.text("#status").contains("Two-step sign-in is on."));
        assertTrue(admin.text("#status").contains("10 unused recovery codes"), admin.text("#status"));
        assertFalse(admin.text("#status").contains("You have"), "the codes are the user's, not the admin's");
        assertEquals("Groups: none", admin.text("#groups"));
        admin.submitConfirmed("#actions\\:resetMfa");
        assertTrue(admin.text("#status").contains("Two-step sign-in is off."));
        admin.open("/admin/users");
        assertFalse(admin.showsStackTrace());

        user.open("/login");
        user.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/", user.path());
        user.open("/account/security/");
        assertTrue(user.has("#noFactors"));
        assertTrue(user.has("#noRecoveryCodes"));
    }
}
