package org.mfaportal.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestAccounts;
import org.mfaportal.testing.TestDirectory;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "done when" in Chromium: an admin requires MFA for a directory group; a member of it, known only to the
 * company directory, signs in with their directory password, is held to setting up a factor, enrols an authenticator
 * app and gets in. The admin finds them among the directory users, and sees it when the directory removes them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DirectoryBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war()
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config-directory.jar")
                        .addAsManifestResource("config-directory/microprofile-config.properties", "microprofile-config.properties"));
    }

    @ArquillianResource
    URL deploymentUrl;

    private static TestDirectory directory;

    private Browser admin;
    private Browser member;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = TestDirectory.start(Integer.getInteger("test.ldap.port"), Path.of(System.getProperty("test.ldap.trust-store")));
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @BeforeEach
    void openBrowsers() {
        admin = Browser.open(deploymentUrl);
        member = Browser.open(deploymentUrl);
        admin.open("/login");
        admin.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
    }

    @AfterEach
    void closeBrowsers() {
        member.resetServerClock();
        member.close();
        admin.close();
    }

    private void requireMfaFor(String group) {
        admin.open("/admin/policies");
        admin.type("#policy\\:group", group);
        admin.find("#policy\\:required").click();
        admin.type("#policy\\:grace", "0");
        admin.submitWith("#policy\\:save");
        assertTrue(admin.text("#policies").contains(group + " Yes 0"), admin.text("#policies"));
    }

    private static String newDirectoryUser(String group) throws Exception {
        String uid = "b-" + UUID.randomUUID().toString().substring(0, 8);
        directory.addEntry("dn: " + TestDirectory.userDn(uid), "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson", "uid: " + uid, "cn: Browser " + uid, "sn: " + uid, "mail: " + uid + "@example.test",
                "userPassword: " + uid + "-directory-pass");
        directory.addEntry("dn: cn=" + group + "," + TestDirectory.GROUPS, "objectClass: top", "objectClass: groupOfNames", "cn: " + group,
                "member: " + TestDirectory.userDn(uid));
        return uid;
    }

    /**
     * The admin's user list with the source filter of the URL, searched for this user: the text of the user's row, or
     * the empty-list message when the user is not listed. The list is filtered by AJAX: waits for the new table.
     */
    private String userListRow(String source, String uid) {
        admin.open("/admin/users?source=" + source);
        admin.type("#users\\:text", uid);
        admin.find("#users\\:search").click();
        return new WebDriverWait(admin.driver(), Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector("#users\\:table tbody tr"));
                    return rows.size() == 1 && (rows.get(0).getText().contains(uid) || rows.get(0).getText().contains("No user matches"))
                            ? rows.get(0).getText() : null;
                });
    }

    @Test
    void directoryUserIsHeldToTheirGroupsPolicyUntilTheyEnrolAnAuthenticatorApp() throws Exception {
        String group = "dir-dept-" + UUID.randomUUID().toString().substring(0, 8);
        requireMfaFor(group);
        String uid = newDirectoryUser(group);

        member.open("/login");
        member.signIn(uid, uid + "-directory-pass");
        member.open("/");
        assertEquals("/account/security/", member.path(), "held to setting up a factor");
        assertTrue(member.text("#directoryPassword").contains("company directory password"));
        assertEquals("https://id.example.test/change-password", member.find("#directoryPasswordLink").getAttribute("href"));

        member.enrolAuthenticatorApp();
        member.open("/");
        assertEquals("/", member.path(), "enrolled: the portal opens up");
        assertTrue(member.text("#greeting").contains("Browser " + uid));

        String row = userListRow("DIRECTORY", uid);
        assertTrue(row.contains("Company directory") && row.contains("Refreshed"), row);
        assertFalse(userListRow("LOCAL", uid).contains(uid), "not among local accounts");

        directory.delete(TestDirectory.userDn(uid));
        member.signOut();
        member.open("/login");
        member.signIn(uid, uid + "-directory-pass");
        assertEquals("/login", member.path());
        assertTrue(userListRow("DIRECTORY", uid).contains("Removed from the directory"));
    }

    @Test
    void directoryUserConfirmsItIsThemWithTheDirectoryPassword() throws Exception {
        String uid = newDirectoryUser("dir-other-" + UUID.randomUUID().toString().substring(0, 8));
        member.open("/login");
        member.signIn(uid, uid + "-directory-pass");
        member.advanceServerClock(Duration.ofMinutes(6));

        member.open("/account/security/totp");
        assertTrue(member.path().startsWith("/account/reauthenticate?continue="), member.path());
        member.type("#reauth\\:password", "wrong password");
        member.submitWith("#reauth\\:confirmPassword");
        assertTrue(member.text("#reauth").contains("That did not match."));

        member.type("#reauth\\:password", uid + "-directory-pass");
        member.submitWith("#reauth\\:confirmPassword");
        assertEquals("/account/security/totp", member.path());
        assertTrue(member.has("#totpSecret"));
    }
}
