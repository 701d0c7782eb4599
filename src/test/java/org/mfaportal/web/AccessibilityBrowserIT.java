package org.mfaportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.Axe;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;
import org.mfaportal.testing.TestSupportServlet;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WCAG 2.2 AA as a checker and a keyboard user meet the portal: axe-core over every page a staff member or an IT admin
 * can reach, in the states that add content (messages, banners, tables with rows, an open date picker), and a sign-in
 * with password and code without a mouse.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessibilityBrowserIT {

    private static final Totp APP = Totp.defaults();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser staff;
    private Browser admin;

    @AfterEach
    void closeBrowsers() {
        if (staff != null) {
            staff.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void everyPageAStaffMemberOrAnAdminCanReachHasNoAccessibilityViolation() {
        Axe axe = new Axe();
        // a member of a group that must use two-step sign-in, still in grace: the enrolment banner shows on every page
        String group = "a11y-" + UUID.randomUUID().toString().substring(0, 8);
        new PortalClient(deploymentUrl).setPolicy(group, true, 14, "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE");
        staff = Browser.open(deploymentUrl);
        String username = staff.newAccount(group);

        staff.open("/login");
        axe.check(staff, "/login");
        staff.submitWith("#login\\:signIn");
        axe.check(staff, "/login (fields left empty)");
        staff.signIn(username, "not the password");
        axe.check(staff, "/login (wrong password)");
        staff.open("/password/forgot");
        axe.check(staff, "/password/forgot");
        staff.open("/password/reset?token=" + "A".repeat(43));
        axe.check(staff, "/password/reset (a link that does not work)");
        staff.open("/invitation?token=" + "A".repeat(43));
        axe.check(staff, "/invitation (a link that does not work)");

        staff.open("/login");
        staff.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/", staff.path());
        axe.check(staff, "/ (enrolment banner)");
        staff.open("/account/security/");
        axe.check(staff, "/account/security/ (no factors)");
        staff.open("/account/security/totp");
        axe.check(staff, "/account/security/totp (setup)");
        byte[] secret = staff.enrolAuthenticatorApp();
        axe.check(staff, "/account/security/totp (enrolled, new recovery codes)");
        staff.open("/account/security/totp");
        axe.check(staff, "/account/security/totp (enrolled)");
        staff.open("/account/security/webauthn");
        axe.check(staff, "/account/security/webauthn (no keys)");
        staff.addVirtualAuthenticator(false);
        // while the group's policy allows only another model of key, registration is refused with the reason
        new PortalClient(deploymentUrl).setPolicy(group, true, 14, "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE", false, "a11ce000-0000-4000-8000-00000000000a");
        staff.type("#keyName", "Desk key");
        staff.runCeremonyWith("#addKey");
        axe.check(staff, "/account/security/webauthn (a model the policy refuses)");
        new PortalClient(deploymentUrl).setPolicy(group, true, 14, "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE");
        staff.open("/account/security/webauthn");
        staff.type("#keyName", "Desk key");
        staff.runCeremonyWith("#addKey");
        axe.check(staff, "/account/security/webauthn (a key)");
        staff.open("/account/security/");
        axe.check(staff, "/account/security/ (factors, codes, activity)");
        staff.open("/account/security/recovery-codes");
        axe.check(staff, "/account/security/recovery-codes");
        staff.find("#regenerate\\:regenerateButton").click();
        new WebDriverWait(staff.driver(), Duration.ofSeconds(30)).until(d -> d.findElement(By.id("confirmYes")).isDisplayed());
        axe.check(staff, "/account/security/recovery-codes (confirmation dialog open)");
        staff.find("#confirmNo").click();
        staff.open("/account/reauthenticate");
        axe.check(staff, "/account/reauthenticate");
        staff.open("/account/security/password");
        axe.check(staff, "/account/security/password");
        staff.open("/no-such-page");
        assertTrue(staff.has("#error-404"));
        axe.check(staff, "404");
        staff.open("/admin/");
        assertTrue(staff.has("#error-403"));
        axe.check(staff, "403 (staff opening /admin/)");

        staff.open("/");
        staff.signOut();
        staff.open("/login");
        staff.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/mfa/authenticate", staff.path());
        axe.check(staff, "/mfa/authenticate");
        staff.type("#secondFactor\\:code", wrongCode(secret));
        staff.submitWith("#secondFactor\\:verify");
        axe.check(staff, "/mfa/authenticate (wrong code)");

        admin = Browser.open(deploymentUrl);
        admin.open("/login");
        admin.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
        admin.open("/admin/");
        axe.check(admin, "/admin/");
        admin.open("/admin/users");
        axe.check(admin, "/admin/users");
        admin.open("/admin/user?id=" + userId(username));
        axe.check(admin, "/admin/user (factors, activity)");
        admin.find("#exempt\\:until button").click();
        new WebDriverWait(admin.driver(), Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".ui-datepicker")).stream().anyMatch(WebElement::isDisplayed));
        axe.check(admin, "/admin/user (exemption date picker open)");
        admin.open("/admin/policies");
        axe.check(admin, "/admin/policies");
        // the key-model fields with a typed AAGUID that is not one: the message next to the field
        admin.type("#policy\\:typedModels", "not-a-model");
        admin.submitWith("#policy\\:save");
        axe.check(admin, "/admin/policies (key models listed, an AAGUID that is not one)");
        admin.open("/admin/compliance");
        axe.check(admin, "/admin/compliance");
        admin.open("/admin/audit");
        axe.check(admin, "/admin/audit");

        assertTrue(axe.violations().isEmpty(), axe.report());
    }

    @Test
    void aKeyboardUserSignsInWithPasswordAndCodeWithoutAMouse() {
        staff = Browser.open(deploymentUrl);
        String username = staff.newAccount();
        staff.open("/login");
        staff.signIn(username, TestSupportServlet.PASSWORD);
        byte[] secret = staff.enrolAuthenticatorApp();
        staff.signOut();

        staff.open("/login");
        staff.press(Keys.TAB);
        WebElement skipLink = staff.focused();
        assertEquals("skip-link", skipLink.getAttribute("class"), "the skip link is the first stop of the Tab key");
        assertTrue(skipLink.getRect().getX() >= 0 && skipLink.isDisplayed(), "the focused skip link is on screen");
        staff.press(Keys.ENTER);
        staff.press(Keys.TAB);
        assertEquals("login:username", staff.focused().getAttribute("id"), "the skip link leads to the form");
        staff.press(username, Keys.TAB);
        assertEquals("login:password", staff.focused().getAttribute("id"));
        staff.press(TestSupportServlet.PASSWORD, Keys.TAB);
        assertEquals("login:signIn", staff.focused().getAttribute("id"));
        staff.pressAndAwaitNextPage(Keys.ENTER);

        assertEquals("/mfa/authenticate", staff.path());
        assertEquals("secondFactor:code", staff.focused().getAttribute("id"), "the code field has the focus");
        // a later time step than the one enrolment used (a code is accepted once)
        staff.press(APP.codeAt(secret, Instant.now().plusSeconds(30)));
        tabTo("secondFactor:verify");
        staff.pressAndAwaitNextPage(Keys.ENTER);

        assertEquals("/", staff.path());
        assertTrue(staff.has("#signOutForm\\:signOut"));
    }

    /** Presses Tab until the element with {@code id} has the focus, failing if it is not among the next few stops. */
    private void tabTo(String id) {
        for (int stop = 0; stop < 3 && !id.equals(staff.focused().getAttribute("id")); stop++) {
            staff.press(Keys.TAB);
        }
        assertEquals(id, staff.focused().getAttribute("id"));
    }

    private static String wrongCode(byte[] secret) {
        return APP.codeAt(secret, Instant.now()).equals("000000") ? "111111" : "000000";
    }

    /** The user's id, from the link in the admin's user list (filtered by AJAX, so waits for the one row). */
    private String userId(String username) {
        admin.open("/admin/users");
        admin.type("#users\\:text", username);
        admin.find("#users\\:search").click();
        String href = new WebDriverWait(admin.driver(), Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector("#users\\:table tbody tr"));
                    return rows.size() == 1 && rows.get(0).getText().contains(username)
                            ? d.findElement(By.linkText(username)).getAttribute("href") : null;
                });
        return href.replaceAll(".*[?&]id=", "");
    }
}
