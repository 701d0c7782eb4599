package org.mfaportal.mfa.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/** Security keys and passkeys in headless Chromium, through its virtual authenticator. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebAuthnBrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;
    private String username;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(deploymentUrl);
        username = browser.newAccount();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void signInWithPassword() {
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
    }

    private void addKey(String name, boolean passkey) {
        String said = tryToAddKey(name, passkey);
        // the success message shows for as long as the list of keys takes to load
        assertTrue(said.isEmpty() || said.equals("Your security key was added."), "the key was added, but the page said: " + said);
    }

    /** Returns the message the page showed ("" when it went on to the next page without one). */
    private String tryToAddKey(String name, boolean passkey) {
        browser.open("/account/security/webauthn");
        browser.type("#keyName", name);
        if (passkey) {
            browser.find("#keyPasskey").click();
        }
        return browser.runCeremonyWith("#addKey");
    }

    @Test
    void securityKeyIsRegisteredAndThenAskedForAfterThePassword() {
        browser.addVirtualAuthenticator(false);
        signInWithPassword();
        browser.open("/account/security/webauthn");
        assertTrue(browser.has("#noKeys"));

        addKey("Blue YubiKey", false);

        assertEquals("/account/security/webauthn", browser.path());
        assertEquals(10, browser.driver().findElements(By.cssSelector(".recovery-code")).size(), "first factor brings recovery codes");
        assertEquals("Blue YubiKey", browser.find("#keys\\:keyTable\\:0\\:name").getAttribute("value"));
        assertTrue(browser.text("#keys\\:keyTable").contains("Security key"));
        browser.signOut();

        signInWithPassword();
        assertEquals("/mfa/authenticate", browser.path());
        browser.runCeremonyWith("#useSecurityKey");

        assertEquals("/", browser.path());
        assertTrue(browser.has("#greeting"));
    }

    @Test
    void passkeySignsInWithoutPassword() {
        browser.addVirtualAuthenticator(true);
        signInWithPassword();
        addKey("Laptop passkey", true);
        browser.open("/account/security/webauthn");
        assertTrue(browser.text("#keys\\:keyTable").contains("Passkey"));
        browser.signOut();

        browser.open("/login");
        browser.runCeremonyWith("#signInWithPasskey");

        assertEquals("/", browser.path());
        assertTrue(browser.text("#greeting").contains("Test " + username));
    }

    @Test
    void keyOfNoAccountIsRefusedWithAMessage() {
        VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(true);
        signInWithPassword();
        addKey("Passkey", true);
        // the authenticator keeps the credential, but the portal no longer knows it
        browser.open("/account/security/webauthn");
        browser.submitConfirmed("#keys\\:keyTable\\:0\\:remove");
        assertTrue(browser.has("#noKeys"));
        browser.signOut();

        browser.open("/login");
        browser.runCeremonyWith("#signInWithPasskey");

        assertEquals("/login", browser.path());
        assertEquals("That key is not registered for this account.", browser.text("#webauthnStatus"));
        assertEquals(1, authenticator.getCredentials().size(), "the authenticator still holds the credential");
    }

    /** The AAGUID Chromium's virtual CTAP2 authenticator reports (kDeviceAaguid in device/fido/virtual_ctap2_device.cc). */
    static final String CHROMIUM_VIRTUAL_AUTHENTICATOR = "01020304-0506-0708-0102-030405060708";

    @Test
    void aModelThePolicyDoesNotAllowIsRefusedWithAReasonOnThePage() {
        String group = "models-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        PortalClient admin = new PortalClient(deploymentUrl);
        admin.setPolicy(group, false, 14, "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE", false, AttestationPolicyIT.MODEL_A);
        username = browser.newAccount(group);
        browser.addVirtualAuthenticator(false);
        signInWithPassword();

        String refusal = tryToAddKey("Unlisted key", false);

        assertEquals("/account/security/webauthn", browser.path());
        assertEquals("Your organisation allows only certain models of security keys and passkeys, and this one is not among them. Ask IT which "
                + "models are allowed.", refusal);
        assertTrue(browser.has("#noKeys"));

        admin.setPolicy(group, false, 14, "TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE", false, AttestationPolicyIT.MODEL_A, CHROMIUM_VIRTUAL_AUTHENTICATOR);
        addKey("Listed key", false);
        assertEquals("Listed key", browser.find("#keys\\:keyTable\\:0\\:name").getAttribute("value"), "the same model, once allowed");
    }

    @Test
    void keysCanBeRenamedAndNamesAreValidated() {
        browser.addVirtualAuthenticator(false);
        signInWithPassword();
        addKey("Old name", false);
        browser.open("/account/security/webauthn");

        browser.type("#keys\\:keyTable\\:0\\:name", "  Desk key  ");
        browser.submitWith("#keys\\:keyTable\\:0\\:rename");
        assertEquals("Desk key", browser.find("#keys\\:keyTable\\:0\\:name").getAttribute("value"));

        browser.type("#keys\\:keyTable\\:0\\:name", "   ");
        browser.submitWith("#keys\\:keyTable\\:0\\:rename");
        assertTrue(browser.text("#pageMessages").contains("at most 100 characters") || browser.pageSource().contains("at most 100 characters"));
        browser.open("/account/security/webauthn");
        assertEquals("Desk key", browser.find("#keys\\:keyTable\\:0\\:name").getAttribute("value"));
    }

    @Test
    void removingTheLastKeyTurnsMfaOff() {
        browser.addVirtualAuthenticator(false);
        signInWithPassword();
        addKey("Only key", false);
        browser.open("/account/security/webauthn");

        browser.submitConfirmed("#keys\\:keyTable\\:0\\:remove");

        assertTrue(browser.has("#noKeys"));
        browser.signOut();
        signInWithPassword();
        assertEquals("/", browser.path(), "password alone again");
        assertFalse(browser.showsStackTrace());
    }
}
